import { mkdirSync } from 'node:fs';
import type { Agent } from 'node:http';
import type { SandboxEndpoints, Transport } from '../../shared/domain';
import { dataPaths, type DataPaths } from '../environment/data-paths';
import type { MonitorPolicy } from '../jobs/balance-monitor';
import type { PlacementPolicy } from '../jobs/placement-runner';
import { SyncScheduler } from '../jobs/sync-scheduler';
import { createLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { KEYCHAIN_SERVICE, SecretStore } from '../secrets/secret-store';
import { ClockSkewTracker } from '../time/clock-skew';
import { systemClock, type Clock } from '../time/clock';
import { HealthService } from './app/desk-health';
import { NavigationInbox } from './app/navigation-inbox';
import { UiState } from './app/ui-state';
import { UpdateService, type Updater } from './app/updates';
import { BalanceService } from './balance/balance';
import { BulkService } from './bulk/bulk';
import { CacheStores } from './cache-stores';
import { CatalogueService } from './catalogue/catalogue';
import { ProgramService } from './catalogue/programs';
import type { Emit } from './channel-handlers';
import { DeskRecords } from './day/desk-records';
import { MembersService } from './day/members';
import { QueueSignal } from './day/queue-signal';
import { WorkQueuesService } from './day/work-queues';
import { FailuresService } from './failures/failures';
import { RefundsService } from './failures/refunds';
import { HistoryService } from './history/history';
import { scheduleStore } from './history/schedule-store';
import { LookupService } from './lookup/lookup';
import { PlacementNotices } from './placements/placement-notices';
import { PlacementService } from './placements/placements';
import { ProfileDeletion } from './profiles/profile-deletion';
import { ProfileSettings } from './profiles/profile-settings';
import { ProfileService } from './profiles/profiles';
import { ReconciliationService } from './reconciliation/reconciliation';
import { CalibrationFiles } from './suppliers/calibration';
import { ConformanceService } from './suppliers/conformance';
import { SandboxRuntime } from './suppliers/sandbox-runtime';
import { SupplierClients } from './suppliers/supplier-clients';
import type { OpenStore } from '../store/protocol/client';

export interface ServiceOptions {
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
  /** Another implementation of the store protocol (the team's shared store), instead of the SQLite cache. */
  openStore?: OpenStore;
  /**
   * Settings for the Sandbox profile's simulators (e.g. a bigger catalogue for load tests), or simulators already
   * running elsewhere to use instead (a test whose desk process is killed and restarted).
   */
  sandbox?: { giftCardCount?: number; external?: SandboxEndpoints };
  /** The one clock main reads; tests and the e2e bridge's test-only offset move it. */
  clock?: Clock;
  /** How often the deposit balance is read (tests and the bridge's test-only option read it faster). */
  balanceMonitor?: MonitorPolicy;
  /** Which transport runs this backend (diagnostics say so). */
  transport?: Transport;
  /** The desktop app's updater; the bridge has none, and says so when asked to check. */
  updater?: Updater | null;
  /** How supplier requests reach the network (proxy per URL, trusted certificates): main/net/supplier-agent.ts. */
  agent?: Agent;
  /** How often the history syncs in the background (5 minutes by default). */
  syncIntervalMs?: number;
  /** The placement runner's timings (the reliability suite runs them faster). */
  placementPolicy?: Partial<PlacementPolicy>;
  /** Bulk rows sent at once. */
  bulkConcurrency?: number;
}

export interface Services {
  paths: DataPaths;
  version: string;
  transport: Transport;
  profiles: ProfileService;
  settings: ProfileSettings;
  deletion: ProfileDeletion;
  secrets: SecretStore;
  sandbox: SandboxRuntime;
  clients: SupplierClients;
  stores: CacheStores;
  history: HistoryService;
  placements: PlacementService;
  notices: PlacementNotices;
  catalogue: CatalogueService;
  programs: ProgramService;
  balance: BalanceService;
  lookup: LookupService;
  failures: FailuresService;
  conformance: ConformanceService;
  health: HealthService;
  refunds: RefundsService;
  queues: WorkQueuesService;
  members: MembersService;
  records: DeskRecords;
  scheduler: SyncScheduler;
  bulk: BulkService;
  reconciliation: ReconciliationService;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Where a desk link, a notification or the native menu sends the page next. */
  navigation: NavigationInbox;
  /** Window layouts and the last screen. */
  uiState: UiState;
  updates: UpdateService;
}

export interface RunningServices {
  services: Services;
  /** Stops whatever the services started: syncs, cache workers, the sandbox simulators. */
  close(): Promise<void>;
}

/**
 * Creates every service and wires them to each other and to `emit`; nothing else. Behaviour lives in the
 * services; the channel table is `handlers.ts`; `backend.ts` puts both behind the router the transports bind.
 */
export function createServices(
  options: ServiceOptions,
  { emit, redactor }: { emit: Emit; redactor: Redactor },
): RunningServices {
  const { version, clock = systemClock, transport = 'bridge' } = options;
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.root, { recursive: true });
  const logger = createLogger({ redactor, file: paths.logFile, console: options.logToConsole ?? true });
  const profiles = new ProfileService(paths, clock);
  if (profiles.loadWarning) logger.warn('profiles file unreadable', { warning: profiles.loadWarning });
  const secrets = new SecretStore(options.keychainService ?? KEYCHAIN_SERVICE);
  const sandbox = new SandboxRuntime(options.sandbox ?? {});
  const calibration = new CalibrationFiles(paths);
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
    agent: options.agent,
  });
  const stores = new CacheStores({
    paths,
    workerScript: options.storeWorker ?? null,
    openStore: options.openStore,
    onCall: (profileId, fault) => {
      if (fault || health.lastState(profileId) === 'disk_full') healthChanged(profileId);
    },
    logger,
  });
  const health = new HealthService({
    paths,
    profiles,
    stores,
    skew,
    logger,
    emit: (status) => emit('health.changed', status),
  });
  healthChanged = (profileId) =>
    void health.changed(profileId).catch((error: unknown) => logger.warn('health update failed', { error }));
  const queueSignal = new QueueSignal((profileId) => emit('queues.changed', { profileId }));
  const queuesChanged = (profileId: string) => queueSignal.changed(profileId);
  const history = new HistoryService({
    paths,
    profiles,
    clients,
    stores,
    logger,
    clock,
    onProgress: (progress) => {
      emit('history.progress', progress);
      queuesChanged(progress.profileId);
    },
    onExport: (progress) => emit('history.exportProgress', progress),
  });
  const onCatalogue = (profileId: string) => emit('catalogue.updated', { profileId });
  const catalogue = new CatalogueService({
    profiles,
    clients,
    stores,
    logger,
    onUpdated: onCatalogue,
    clock,
  });
  const programs = new ProgramService({ profiles, clients, stores, logger, onUpdated: onCatalogue, clock });
  const balance = new BalanceService({
    profiles,
    clients,
    stores,
    logger,
    clock,
    policy: options.balanceMonitor,
    onStatus: (profileId, status) => emit('balance.updated', { profileId, status }),
    onAlert: (profileId, alert) => emit('balance.alert', { profileId, ...alert }),
  });
  const navigation = new NavigationInbox((next) => emit('app.navigate', next));
  const uiState = new UiState(paths);
  const updates = new UpdateService(paths, version, options.updater ?? null);
  const notices = new PlacementNotices(paths, (notice) => emit('placements.notice', notice));
  // Bulk rows wait for their placement's answer; the bulk service is created below, with the placements it uses.
  let bulkRows: BulkService | null = null;
  const placements = new PlacementService({
    profiles,
    clients,
    stores,
    catalogue,
    programs,
    logger,
    clock,
    policy: options.placementPolicy,
    // Whoever follows a placement hears each move of its journal.
    emit: (placement) => {
      emit('placements.updated', placement);
      try {
        notices.onPlacement(placement);
      } catch (error) {
        logger.warn('placement notice failed', { error, placementId: placement.id });
      }
      queuesChanged(placement.profileId);
      bulkRows?.onPlacement(placement);
      balance
        .onPlacement(placement)
        .catch((error: unknown) => logger.warn('balance follow-up failed', { error }));
    },
  });
  const bulk = new BulkService({
    profiles,
    stores,
    catalogue,
    placements,
    paths,
    logger,
    clock,
    concurrency: options.bulkConcurrency,
    onProgress: (batch) => {
      emit('bulk.progress', batch);
      queuesChanged(batch.profileId);
    },
  });
  bulkRows = bulk;
  const lookup = new LookupService({
    profiles,
    clients,
    stores,
    logger,
    archives: stores.archives,
    catalogue,
    clock,
  });
  const failures = new FailuresService({ profiles, stores, paths, catalogue, logger, clock });
  const refunds = new RefundsService({ profiles, stores, failures, paths, clock, onChange: queuesChanged });
  const queues = new WorkQueuesService({ profiles, stores, failures, clock });
  const members = new MembersService({ profiles, stores, failures });
  const records = new DeskRecords({ profiles, stores, paths, logger, clock });
  const reconciliation = new ReconciliationService({ profiles, stores, paths, logger, clock });
  const scheduler = new SyncScheduler({
    history,
    activeProfile: () => profiles.active(),
    clock,
    logger,
    intervalMs: options.syncIntervalMs,
    ...scheduleStore(stores, clock),
    onStatus: (status) => emit('schedule.updated', status),
  });
  const settings = new ProfileSettings({ profiles, secrets, clients, stores, logger });
  const deletion = new ProfileDeletion({
    paths,
    profiles,
    secrets,
    clients,
    stores,
    failures,
    logger,
    clock,
  });
  const conformance = new ConformanceService({
    paths,
    profiles,
    clients,
    calibration,
    stores,
    logger,
    redactor,
    now: () => clock.now(),
  });

  // Open placements are reconciled first; the history sync and bulk batches resume after them.
  const resume = () =>
    placements
      .open()
      .then(() => Promise.all([history.resumeInterrupted(), bulk.resumeInterrupted()]))
      .catch((error: unknown) => logger.error('resume at start failed', { error }));
  const start = () => {
    void resume();
    balance.start();
    scheduler.start().catch((error: unknown) => logger.error('background sync schedule failed', { error }));
    reconciliation.startDaily();
  };
  let activeId = profiles.active().id;
  profiles.onChange((activeProfileId) => {
    emit('profiles.changed', { activeProfileId });
    if (activeProfileId !== activeId) start();
    activeId = activeProfileId;
  });
  start();

  return {
    services: {
      paths,
      version,
      transport,
      profiles,
      settings,
      deletion,
      secrets,
      sandbox,
      clients,
      stores,
      history,
      placements,
      notices,
      catalogue,
      programs,
      balance,
      lookup,
      failures,
      conformance,
      health,
      refunds,
      queues,
      members,
      records,
      scheduler,
      bulk,
      reconciliation,
      logger,
      redactor,
      clock,
      navigation,
      uiState,
      updates,
    },
    close: async () => {
      reconciliation.stopDaily();
      queueSignal.close();
      history.cancel();
      await bulk.stop();
      await Promise.all([history.settled(), scheduler.stop(), placements.stop(), balance.stop()]);
      await stores.closeAll();
      await sandbox.stop();
    },
  };
}
