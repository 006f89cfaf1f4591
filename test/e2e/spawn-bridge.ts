import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningBridge {
  url: string;
  dataDir: string;
  /** The test-only clock control (`--test-clock-offset-ms` with DESK_TEST_HOOKS=1); null without it. */
  testClockUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the real `npm run serve` entry (built main + renderer, cache worker included) on an ephemeral port, from
 * this checkout or from another copy of the app (`appDir`, e.g. a packaged one).
 */
export async function spawnBridge(
  args: string[] = [],
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-')),
  appDir = '.',
  env: NodeJS.ProcessEnv = {},
): Promise<RunningBridge> {
  const child = spawn(process.execPath, [path.join(appDir, 'dist/main/serve.cjs'), '--quiet', ...args], {
    env: { ...process.env, ...env, DESK_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // No deadline of our own: a slow machine starts slowly, and a bridge that dies says so through 'exit'.
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`bridge exited with ${code} (did you run npm run build?)\n${out}`)),
    );
  });
  return {
    url,
    dataDir,
    testClockUrl: /Test clock: (\S+)/.exec(out)?.[1] ?? null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
