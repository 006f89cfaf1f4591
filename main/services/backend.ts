import { mkdirSync } from 'node:fs';
import type { Agent } from 'node:http';
import path from 'node:path';
import type { Profile } from '../../shared/domain';
import { SECRET_FIELDS, type SecretStatus } from '../../shared/secrets';
import { AppError } from '../../shared/errors';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, type Logger } from '../log/logger';
import { Redactor } from '../log/redactor';
import { KEYCHAIN_SERVICE, SecretStore } from '../secrets/secret-store';
import type { MonitorPolicy } from '../jobs/balance-monitor';
import { systemClock, type Clock } from '../time/clock';
import { JournalArchives } from '../store/journal-archives';
import { CacheStores } from './cache-stores';
import { CalibrationFiles } from './calibration';
import { ConformanceService } from './conformance';
import { testConnection } from './connection-test';
import { HistoryService } from './history';
import { BalanceService } from './balance';
import { CatalogueService } from './catalogue';
import { ProgramService } from './programs';
import { FailuresService } from './failures';
import { LookupService } from './lookup';
import { PlacementService } from './placements';
import { ProfileDeletion } from './profile-deletion';
import { APP_NAME } from './data-dir';
import { HealthService } from './desk-health';
import { ClockSkewTracker } from '../time/clock-skew';
import { ProfileService } from './profiles';
import { SandboxRuntime } from './sandbox-runtime';
import { SupplierClients } from './supplier-clients';
import { exportDiagnostics } from './diagnostics';
import { NavigationInbox } from './navigation-inbox';
import { PlacementNotices } from './placement-notices';
import { UiState } from './ui-state';
import { UpdateService, type Updater } from './updates';

export interface BackendOptions {
  dataDir: string;
  version: string;
  /** Keychain service name; tests may use their own so they never touch an agent's entries. */
  keychainService?: string;
  /** Echo log lines to stderr as well as the log file. */
  logToConsole?: boolean;
  /**
   * The built cache worker (`dist/main/store-worker.cjs`): each profile's SQLite cache then runs in its own
   * worker thread, off the main thread. Without it the cache runs inline (tests).
   */
  storeWorker?: string;
  /** Settings for the Sandbox profile's simulators (e.g. a bigger catalogue for load tests). */
  sandbox?: { giftCardCount?: number };
  /** The one clock main reads; tests and the e2e bridge's test-only offset move it. */
  clock?: Clock;
  /** How often the deposit balance is read (tests and the bridge's test-only option read it faster). */
  balanceMonitor?: MonitorPolicy;
  /** Which transport runs this backend (diagnostics say so). */
  transport?: 'electron' | 'bridge';
  /** The desktop app's updater; the bridge has none, and says so when asked to check. */
  updater?: Updater | null;
  /** How supplier requests reach the network (proxy per URL, trusted certificates): main/net/supplier-agent.ts. */
  agent?: Agent;
}

export interface Services {
  profiles: ProfileService;
  secrets: SecretStore;
  clients: SupplierClients;
  stores: CacheStores;
  history: HistoryService;
  placements: PlacementService;
  catalogue: CatalogueService;
  programs: ProgramService;
  balance: BalanceService;
  lookup: LookupService;
  failures: FailuresService;
  conformance: ConformanceService;
  health: HealthService;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Where a desk link, a notification or the native menu sends the page next. */
  navigation: NavigationInbox;
  /** Window layouts and the last screen. */
  uiState: UiState;
  updates: UpdateService;
}

export interface Backend {
  router: Router;
  bus: EventBus;
  services: Services;
  /** Stops whatever the backend started: syncs, cache workers, the sandbox simulators. */
  close(): Promise<void>;
}

/** Composes every service behind the router. Both transports (Electron IPC, browser bridge) bind its result. */
export function createBackend({
  dataDir,
  version,
  keychainService = KEYCHAIN_SERVICE,
  logToConsole = true,
  storeWorker,
  sandbox: sandboxSettings = {},
  clock = systemClock,
  balanceMonitor,
  transport = 'bridge',
  updater = null,
  agent,
}: BackendOptions): Backend {
  mkdirSync(dataDir, { recursive: true });
  const redactor = new Redactor();
  const logger = createLogger({
    redactor,
    file: path.join(dataDir, 'logs', 'desk.log'),
    console: logToConsole,
  });
  const bus = new EventBus((payload) => redactor.value(payload));
  const profiles = new ProfileService(dataDir, clock);
  if (profiles.loadWarning) logger.warn('profiles file unreadable', { warning: profiles.loadWarning });
  const secrets = new SecretStore(keychainService);
  const sandbox = new SandboxRuntime(sandboxSettings);
  const calibration = new CalibrationFiles(dataDir);
  // Late-bound: the health service needs the stores and the skew tracker, which report to it.
  let healthChanged = (_profileId: string) => {};
  const skew = new ClockSkewTracker(clock, (profileId) => healthChanged(profileId));
  const clients = new SupplierClients({
    profiles,
    secrets,
    sandbox,
    calibration,
    logger,
    redactor,
    clock,
    skew,
    agent,
  });
  const stores = new CacheStores(dataDir, storeWorker ?? null, (profileId, fault) => {
    if (fault || health.lastState(profileId) === 'disk_full') healthChanged(profileId);
  });
  const health = new HealthService({
    dataDir,
    profiles,
    stores,
    skew,
    logger,
    emit: (status) => bus.emit('health.changed', status),
  });
  healthChanged = (profileId) =>
    void health.changed(profileId).catch((error: unknown) => logger.warn('health update failed', { error }));
  const history = new HistoryService({
    dataDir,
    profiles,
    clients,
    stores,
    logger,
    clock,
    onProgress: (progress) => bus.emit('sync.progress', progress),
    onExport: (progress) => bus.emit('export.progress', progress),
  });
  const catalogue = new CatalogueService({
    profiles,
    clients,
    stores,
    logger,
    onUpdated: (profileId) => bus.emit('catalogue.updated', { profileId }),
    clock,
  });
  const programs = new ProgramService({
    profiles,
    clients,
    stores,
    logger,
    onUpdated: (profileId) => bus.emit('catalogue.updated', { profileId }),
    clock,
  });
  const balance = new BalanceService({
    profiles,
    clients,
    stores,
    logger,
    clock,
    policy: balanceMonitor,
    onStatus: (profileId, status) => bus.emit('balance.updated', { profileId, status }),
    onAlert: (profileId, alert) => bus.emit('balance.alert', { profileId, ...alert }),
  });
  const navigation = new NavigationInbox((next) => bus.emit('app.navigate', next));
  const uiState = new UiState(dataDir);
  const updates = new UpdateService(dataDir, version, updater);
  const notices = new PlacementNotices(dataDir, (notice) => bus.emit('placement.notice', notice));
  const placements = new PlacementService({
    profiles,
    clients,
    stores,
    catalogue,
    programs,
    logger,
    clock,
    emit: (placement) => {
      bus.emit('placement.updated', placement);
      try {
        notices.onPlacement(placement);
      } catch (error) {
        logger.warn('placement notice failed', { error, placementId: placement.id });
      }
      balance
        .onPlacement(placement)
        .catch((error: unknown) => logger.warn('balance follow-up failed', { error }));
    },
  });
  const archives = new JournalArchives(dataDir);
  const lookup = new LookupService({ profiles, clients, stores, logger, archives, catalogue, clock });
  const failures = new FailuresService({ profiles, stores, dataDir, catalogue, logger, clock });
  const deletion = new ProfileDeletion({
    dataDir,
    profiles,
    secrets,
    clients,
    stores,
    failures,
    logger,
    clock,
  });
  const conformance = new ConformanceService({
    dataDir,
    profiles,
    clients,
    calibration,
    stores,
    logger,
    redactor,
    now: () => clock.now(),
  });
  // Open placements are reconciled first; the history sync resumes after them.
  const resume = () =>
    placements
      .open()
      .then(() => history.resumeInterrupted())
      .catch((error: unknown) => logger.error('resume at start failed', { error }));
  let activeId = profiles.active().id;
  profiles.onChange((activeProfileId) => {
    bus.emit('profiles.changed', { activeProfileId });
    if (activeProfileId !== activeId) {
      void resume();
      balance.start();
    }
    activeId = activeProfileId;
  });
  void resume();
  balance.start();

  const secretStatus = async (profileId: string): Promise<SecretStatus> => {
    const profile = profiles.get(profileId);
    const set = profile.builtIn ? [] : await secrets.fieldsSet(profileId);
    const fields = Object.fromEntries(
      SECRET_FIELDS.map((f) => [f, set.includes(f)]),
    ) as SecretStatus['fields'];
    return { profileId, builtIn: profile.builtIn, fields };
  };
  /** Who changed which money-relevant setting, in the profile's own audit log (the name change included). */
  const auditSettings = async (before: Profile, after: Profile) => {
    const keys = [
      'agentName',
      'pointRates',
      'maxOrderValues',
      'duplicateWindowDays',
      'unknownStatusAlertHours',
      'environment',
    ] as const;
    const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length === 0) return;
    const store = stores.for(after.id);
    if (changed.includes('agentName')) {
      await store.audit(before.agentName, 'agent name changed', after.agentName, {
        from: before.agentName,
        to: after.agentName,
      });
    }
    const others = changed.filter((key) => key !== 'agentName');
    if (others.length > 0) {
      await store.audit(
        after.agentName,
        'profile settings changed',
        after.name,
        Object.fromEntries(others.map((key) => [key, { from: before[key], to: after[key] }])),
      );
    }
  };
  const editableSecrets = (profileId: string) => {
    if (profiles.get(profileId).builtIn) {
      throw new AppError(
        'VALIDATION',
        'The Sandbox profile uses the simulators’ built-in credentials; it stores none.',
      );
    }
  };

  const router = createRouter(
    {
      'app.info': (_input, ctx) => ({
        name: APP_NAME,
        version,
        dataDir,
        activeProfile: profiles.active(),
        transport: ctx.transport,
        warnings: [profiles.loadWarning, uiState.warning, updates.warning, notices.warning].filter(
          (warning): warning is string => warning !== null,
        ),
      }),
      'profiles.list': () => profiles.list(),
      'profiles.create': (draft) => profiles.create(draft),
      'profiles.update': async ({ id, changes }) => {
        const before = profiles.get(id);
        const profile = profiles.update(id, changes);
        clients.invalidate(id);
        await auditSettings(before, profile);
        return profile;
      },
      'profiles.delete': ({ id }) => deletion.delete(id),
      'profiles.deletionCheck': ({ id }) => deletion.check(id),
      'profiles.assignLegacyRate': async ({ id, currency }) => {
        const before = profiles.get(id);
        const profile = profiles.assignLegacyRate(id, currency);
        await stores.for(id).audit(profile.agentName, 'legacy cost per point assigned', currency, {
          costPerPoint: before.legacyRate?.costPerPoint,
          maxOrderValue: before.legacyRate?.maxOrderValue,
        });
        return profile;
      },
      'profiles.activate': ({ id }) => profiles.activate(id),
      'secrets.status': ({ profileId }) => secretStatus(profileId),
      'secrets.set': async ({ profileId, field, value }) => {
        editableSecrets(profileId);
        await secrets.set(profileId, field, value);
        clients.invalidate(profileId);
        logger.info('credential saved', { profileId, field });
        return secretStatus(profileId);
      },
      'secrets.clear': async ({ profileId, field }) => {
        editableSecrets(profileId);
        await secrets.clear(profileId, field);
        clients.invalidate(profileId);
        logger.info('credential cleared', { profileId, field });
        return secretStatus(profileId);
      },
      'connection.test': async ({ profileId, supplier }) => {
        const result = await testConnection(clients, profileId, supplier, clock);
        logger.info('connection test', {
          profileId,
          supplier,
          ok: result.ok,
          problem: result.problem,
          ms: result.latencyMs,
        });
        return result;
      },
      'history.sync': (input) => history.sync(input?.suppliers),
      'history.cancel': (input) => {
        history.cancel(input?.suppliers);
        return history.status();
      },
      'history.status': () => history.status(),
      'history.quarantine': () => history.quarantine(),
      'history.query': (query) => history.query(query),
      'history.order': ({ id }) => history.order(id),
      'history.export': ({ filter, sort }) => history.export(filter, sort),
      'placements.place': (draft) => placements.place(draft),
      'placements.get': ({ id }) => placements.get(id),
      'placements.recent': () => placements.recent(),
      'placements.quote': (item) => placements.quote(item),
      'placements.retry': ({ id, reason }) => placements.retry(id, reason),
      'placements.revise': ({ id, order, reason }) => placements.revise(id, order, reason),
      'placements.resolve': ({ id, verdict, reason }) => placements.resolve(id, verdict, reason),
      'catalogue.search': ({ supplier, text }) => catalogue.search(supplier, text),
      'catalogue.shipping': () => catalogue.shippingOptions(),
      'catalogue.snapshot': () => catalogue.snapshot(),
      'programs.snapshot': () => programs.snapshot(),
      'programs.refresh': () => programs.refresh(),
      'programs.checkMembership': ({ programId, membership }) =>
        programs.checkMembership(programId, membership),
      'balance.status': () => balance.status(),
      'balance.check': () => balance.check(),
      'catalogue.refresh': ({ supplier }) => catalogue.refresh(supplier ? [supplier] : undefined),
      'lookup.search': (query) => lookup.search(query),
      'lookup.refresh': (input) => lookup.refresh(input),
      'failures.list': (filter) => failures.list(filter),
      'failures.handle': ({ key, note }) => failures.handle(key, note),
      'failures.correctPoints': ({ key, points, reason }) => failures.correctPoints(key, points, reason),
      'failures.export': (filter) => failures.export(filter),
      'conformance.check': ({ profileId, placeTestOrder }) => conformance.run(profileId, { placeTestOrder }),
      'health.status': () => health.status(),
      'health.verify': () => health.verify(),
      'app.takeNavigation': () => navigation.take(),
      // A window's state: browser tabs (the bridge) each keep their own place, as any web page does.
      'app.lastScreen': (_input, ctx) => (ctx.transport === 'electron' ? uiState.lastScreen() : null),
      'app.rememberScreen': ({ screen }, ctx) =>
        ctx.transport === 'electron' ? uiState.rememberScreen(screen) : screen,
      'app.exportDiagnostics': () =>
        exportDiagnostics({ dataDir, version, transport, profiles, secrets, redactor, logger, clock }),
      'updates.settings': () => updates.settings(),
      'updates.configure': (settings) => updates.configure(settings),
      'updates.check': () => updates.check(),
      'sandbox.endpoints': () => {
        if (profiles.active().environment !== 'sandbox') {
          throw new AppError(
            'NOT_FOUND',
            'The active profile is not the Sandbox; it has no local simulators.',
          );
        }
        return sandbox.endpoints();
      },
    },
    {
      onInternalError: (channel, error, errorId) =>
        logger.error('channel failed', { channel, errorId, error }),
    },
  );
  // Belt and braces: whatever a service returns, no credential the desk knows of crosses to the renderer.
  const redacting: Router = {
    dispatch: async (channel, input, ctx) => redactor.value(await router.dispatch(channel, input, ctx)),
  };
  return {
    router: redacting,
    bus,
    services: {
      profiles,
      secrets,
      clients,
      stores,
      history,
      placements,
      catalogue,
      programs,
      balance,
      lookup,
      failures,
      conformance,
      health,
      logger,
      redactor,
      clock,
      navigation,
      uiState,
      updates,
    },
    close: async () => {
      history.cancel();
      await Promise.all([history.settled(), placements.stop(), balance.stop()]);
      await stores.closeAll();
      archives.close();
      await sandbox.stop();
    },
  };
}
