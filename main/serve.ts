import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { startBridge } from './ipc/bridge-server';
import { proxyFromEnvironment } from './net/proxy-resolution';
import { SupplierAgent } from './net/supplier-agent';
import { guardProcess } from './log/process-guard';
import { createBackend } from './services/backend';
import { DEFAULT_MONITOR_POLICY } from './jobs/balance-monitor';
import { defaultDataDir } from './environment/data-dir';
import { OffsetClock, systemClock } from './time/clock';
import { startTestClockControl, TEST_HOOKS_ENV } from './time/test-clock-control';
import { acquireLock } from './environment/folder-lock';
import { dataPaths } from './environment/data-paths';

/**
 * Set to keep the bridge's address (and so open tabs and bookmarks) across restarts; otherwise each run draws a
 * fresh token. At least 32 URL-safe characters.
 */
const TOKEN_ENV = 'DESK_BRIDGE_TOKEN';

/** `npm run serve`: the desk without Electron, in any browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      // Log to the data folder only (the e2e suite uses it to keep test output readable).
      quiet: { type: 'boolean', default: false },
      // How many gift cards the Sandbox's Ascenda simulator lists (load testing; default 520).
      'sandbox-gift-cards': { type: 'string' },
      // TEST ONLY (refused unless DESK_TEST_HOOKS=1): start the desk's clock this far from real time and serve a
      // control that moves it; read the deposit balance this often.
      'test-clock-offset-ms': { type: 'string' },
      'test-balance-interval-ms': { type: 'string' },
    },
  });
  const testHooks = process.env[TEST_HOOKS_ENV] === '1';
  for (const option of ['test-clock-offset-ms', 'test-balance-interval-ms'] as const) {
    if (values[option] !== undefined && !testHooks)
      throw new Error(`--${option} is for tests only: it is refused unless ${TEST_HOOKS_ENV}=1 is set`);
  }
  const offsetMs =
    values['test-clock-offset-ms'] === undefined ? null : Number(values['test-clock-offset-ms']);
  if (offsetMs !== null && !Number.isFinite(offsetMs))
    throw new Error(
      `--test-clock-offset-ms must be a number of milliseconds, got ${values['test-clock-offset-ms']}`,
    );
  const intervalMs =
    values['test-balance-interval-ms'] === undefined ? null : Number(values['test-balance-interval-ms']);
  if (intervalMs !== null && !(Number.isInteger(intervalMs) && intervalMs >= 200))
    throw new Error(
      `--test-balance-interval-ms must be a whole number of milliseconds, at least 200, got ${values['test-balance-interval-ms']}`,
    );
  const clock = offsetMs === null ? systemClock : new OffsetClock(offsetMs);
  const giftCards =
    values['sandbox-gift-cards'] === undefined ? undefined : Number(values['sandbox-gift-cards']);
  if (giftCards !== undefined && !(Number.isInteger(giftCards) && giftCards > 0 && giftCards <= 100_000)) {
    throw new Error(
      `--sandbox-gift-cards must be a whole number from 1 to 100000, got ${values['sandbox-gift-cards']}`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got ${values.port}`);
  }
  const token = process.env[TOKEN_ENV];
  if (token !== undefined && !/^[\w-]{32,200}$/.test(token)) {
    throw new Error(`${TOKEN_ENV} must be 32 to 200 letters, digits, - or _ (it is the bridge's password)`);
  }
  const paths = dataPaths(defaultDataDir());
  // One desk per data folder: a second one is refused with the holder's pid, kind and start time.
  const lock = acquireLock(paths.lock, 'serve');
  const backend = createBackend({
    dataDir: paths.root,
    version: pkg.version,
    logToConsole: !values.quiet,
    storeWorker: path.join(__dirname, 'store-worker.cjs'),
    sandbox: { giftCardCount: giftCards },
    clock,
    balanceMonitor:
      intervalMs === null
        ? undefined
        : {
            ...DEFAULT_MONITOR_POLICY,
            firstCheckMs: Math.min(intervalMs, DEFAULT_MONITOR_POLICY.firstCheckMs),
            intervalMs,
          },
    // Proxies as every command-line tool reads them (HTTPS_PROXY, NO_PROXY); NODE_EXTRA_CA_CERTS is Node's own.
    agent: new SupplierAgent({ resolve: proxyFromEnvironment }),
  });
  // As in the desktop app: an error nobody caught is logged with an id and the bridge keeps serving.
  guardProcess(process, () => backend.services.logger);
  const bridge = await startBridge({
    ...backend,
    rendererDir: path.resolve(__dirname, '../renderer'),
    port,
    token,
  });
  const clockControl = clock instanceof OffsetClock ? await startTestClockControl(clock, bridge.token) : null;
  const stop = () =>
    void Promise.allSettled([bridge.close(), backend.close(), clockControl?.close()]).then(() => {
      lock.release();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Printed last: whoever waits for the address may stop the bridge at once, and that must release the lock.
  console.log(`Fulfillment Desk bridge (data: ${paths.root}, log: ${paths.logFile})`);
  if (clockControl) console.log(`Test clock: ${clockControl.url}`);
  console.log(`Open: ${bridge.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
