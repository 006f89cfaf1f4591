import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { startBridge } from './ipc/bridge-server';
import { proxyFromEnvironment } from './net/proxy-resolution';
import { SupplierAgent } from './net/supplier-agent';
import { createBackend } from './services/backend';
import { defaultDataDir } from './services/data-dir';

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
  const dataDir = defaultDataDir();
  const backend = createBackend({
    dataDir,
    version: pkg.version,
    logToConsole: !values.quiet,
    storeWorker: path.join(__dirname, 'store-worker.cjs'),
    sandbox: { giftCardCount: giftCards },
    // Proxies as every command-line tool reads them (HTTPS_PROXY, NO_PROXY); NODE_EXTRA_CA_CERTS is Node's own.
    agent: new SupplierAgent({ resolve: proxyFromEnvironment }),
  });
  const bridge = await startBridge({ ...backend, rendererDir: path.resolve(__dirname, '../renderer'), port });
  console.log(`Fulfillment Desk bridge (data: ${dataDir}, log: ${path.join(dataDir, 'logs', 'desk.log')})`);
  console.log(`Open: ${bridge.url}`);
  const stop = () => void Promise.all([bridge.close(), backend.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
