import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasChromium, missingChromiumReason } from './system-browser';

/**
 * Starts the real `npm run serve` entry (built main + renderer) on an ephemeral port and hands its printed URL,
 * token included, to the tests. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!hasChromium) {
    if (process.env.CI) throw new Error(missingChromiumReason.replace('SKIPPED', 'FAILED'));
    console.warn(`\n${'!'.repeat(100)}\n${missingChromiumReason}\n${'!'.repeat(100)}\n`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const child = spawn(process.execPath, ['dist/main/serve.cjs', '--quiet'], {
    env: { ...process.env, DESK_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bridge did not print its URL:\n${out}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`bridge exited with ${code} (did you run npm run build?)\n${out}`)),
    );
  });
  process.env.DESK_BRIDGE_URL = url;
  process.env.DESK_E2E_DATA_DIR = dataDir;
  return async () => {
    child.kill('SIGTERM');
  };
}
