import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { startBridge } from './ipc/bridge-server';
import { createBackend } from './services/backend';
import { defaultDataDir } from './services/data-dir';
import { acquireLock } from './services/folder-lock';

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
    },
  });
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
  const dataDir = defaultDataDir();
  // One desk per data folder: a second one is refused with the holder's pid, kind and start time.
  const lock = acquireLock(dataDir, 'serve');
  const backend = createBackend({
    dataDir,
    version: pkg.version,
    logToConsole: !values.quiet,
    storeWorker: path.join(__dirname, 'store-worker.cjs'),
    sandbox: { giftCardCount: giftCards },
  });
  const bridge = await startBridge({
    ...backend,
    rendererDir: path.resolve(__dirname, '../renderer'),
    port,
    token,
  });
  const stop = () =>
    void Promise.allSettled([bridge.close(), backend.close()]).then(() => {
      lock.release();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Printed last: whoever waits for the address may stop the bridge at once, and that must release the lock.
  console.log(`Fulfillment Desk bridge (data: ${dataDir}, log: ${path.join(dataDir, 'logs', 'desk.log')})`);
  console.log(`Open: ${bridge.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
