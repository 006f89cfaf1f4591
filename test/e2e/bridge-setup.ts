import { spawnBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

/** Starts the shared bridge for the specs and hands its URL, token included, to them. Returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!hasChromium) {
    if (process.env.CI) throw new Error(missingChromiumReason.replace('SKIPPED', 'FAILED'));
    console.warn(`\n${'!'.repeat(100)}\n${missingChromiumReason}\n${'!'.repeat(100)}\n`);
  }
  const bridge = await spawnBridge();
  process.env.DESK_BRIDGE_URL = bridge.url;
  process.env.DESK_E2E_DATA_DIR = bridge.dataDir;
  return bridge.stop;
}
