import { mkdirSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import path from 'node:path';
import { SECRET_FIELDS, type SecretStatus } from '../../shared/secrets';
import { AppError } from '../../shared/errors';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, type Logger } from '../log/logger';
import { Redactor } from '../log/redactor';
import { KEYCHAIN_SERVICE, SecretStore } from '../secrets/secret-store';
import { systemClock, type Clock } from '../time/clock';
import { cacheFile } from '../store/open-database';
import { CacheStores } from './cache-stores';
import { testConnection } from './connection-test';
import { HistoryService } from './history';
import { BalanceService } from './balance';
import { CatalogueService } from './catalogue';
import { FailuresService } from './failures';
import { LookupService } from './lookup';
import { PlacementService } from './placements';
import { APP_NAME } from './data-dir';
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
  balance: BalanceService;
  lookup: LookupService;
  failures: FailuresService;
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
  const profiles = new ProfileService(dataDir);
  if (profiles.loadWarning) logger.warn('profiles file unreadable', { warning: profiles.loadWarning });
  const secrets = new SecretStore(keychainService);
  const sandbox = new SandboxRuntime(sandboxSettings);
  const clients = new SupplierClients({ profiles, secrets, sandbox, logger, redactor, agent });
  const stores = new CacheStores(dataDir, storeWorker ?? null);
  const history = new HistoryService({
    dataDir,
    profiles,
    clients,
    stores,
    logger,
    onProgress: (progress) => bus.emit('sync.progress', progress),
    onExport: (progress) => bus.emit('export.progress', progress),
  });
  const catalogue = new CatalogueService({
    profiles,
    clients,
    stores,
    logger,
    onUpdated: (profileId) => bus.emit('catalogue.updated', { profileId }),
  });
  const balance = new BalanceService({
    profiles,
    clients,
    stores,
    logger,
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
    logger,
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
  const lookup = new LookupService({ profiles, clients, stores, logger });
  const failures = new FailuresService({ profiles, stores, dataDir });
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
      'profiles.update': ({ id, changes }) => {
        const profile = profiles.update(id, changes);
        clients.invalidate(id);
        return profile;
      },
      'profiles.delete': async ({ id }) => {
        profiles.get(id);
        editableSecrets(id);
        // Keychain first: if it fails the profile stays, so its credentials are never orphaned.
        const secretsCleared = await secrets.clearProfile(id);
        profiles.remove(id);
        clients.invalidate(id);
        // The cache holds members' order data: it goes with the profile.
        await stores.close(id);
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${cacheFile(dataDir, id)}${suffix}`, { force: true });
        logger.info('profile deleted', { profileId: id, secretsCleared });
        return { secretsCleared };
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
        const result = await testConnection(clients, profileId, supplier);
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
      'history.query': (query) => history.query(query),
      'history.order': ({ id }) => history.order(id),
      'history.export': ({ filter, sort }) => history.export(filter, sort),
      'placements.place': (draft) => placements.place(draft),
      'placements.get': ({ id }) => placements.get(id),
      'placements.recent': () => placements.recent(),
      'placements.quote': (item) => placements.quote(item),
      'catalogue.search': ({ supplier, text }) => catalogue.search(supplier, text),
      'catalogue.shipping': () => catalogue.shippingOptions(),
      'catalogue.snapshot': () => catalogue.snapshot(),
      'balance.status': () => balance.status(),
      'balance.check': () => balance.check(),
      'catalogue.refresh': ({ supplier }) => catalogue.refresh(supplier ? [supplier] : undefined),
      'lookup.search': (query) => lookup.search(query),
      'lookup.refresh': (input) => lookup.refresh(input),
      'failures.list': (filter) => failures.list(filter),
      'failures.handle': ({ key, note }) => failures.handle(key, note),
      'failures.export': (filter) => failures.export(filter),
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
    { onInternalError: (channel, error) => logger.error('channel failed', { channel, error }) },
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
      balance,
      lookup,
      failures,
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
      await sandbox.stop();
    },
  };
}
