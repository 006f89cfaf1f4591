import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  postinstallPlan,
  recordElectronBuild,
  repoRoot,
  runtimeFor,
  toolScript,
} from '../../scripts/native-runtime.mjs';

/**
 * The runtime switch behind postinstall and scripts/run.mjs, on a scratch checkout whose `electron` package is
 * this repository's. "Electron installed" is Electron's own override (ELECTRON_OVERRIDE_DIST_PATH) pointing at
 * a stand-in executable that records how it was started, since this machine has no Electron binary.
 */
// The real environment, before these tests point Electron's override at a stand-in (or clear it).
const realEnv = { ...process.env };
let root: string;
let distDir: string;
const electronVersion = JSON.parse(
  readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8'),
).version as string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'desk-runtime-'));
  writeFileSync(path.join(root, 'package.json'), '{"name":"scratch","private":true}');
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(path.join(repoRoot, 'node_modules/electron'), path.join(root, 'node_modules/electron'));
  distDir = mkdtempSync(path.join(os.tmpdir(), 'desk-electron-dist-'));
  writeFileSync(path.join(distDir, 'electron'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`);
  chmodSync(path.join(distDir, 'electron'), 0o755);
  delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
});
afterEach(() => {
  if (realEnv.ELECTRON_OVERRIDE_DIST_PATH === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = realEnv.ELECTRON_OVERRIDE_DIST_PATH;
});

const electronInstalled = () => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH = distDir;
};

describe('native module runtime', () => {
  it('without an Electron binary, postinstall keeps the Node builds and Node runs the tools', () => {
    const plan = postinstallPlan(root);
    expect(plan).toMatchObject({ rebuild: false });
    expect(plan.reason).toMatch(/Electron failed to install correctly/);
    expect(runtimeFor(root, { KEEP: '1' })).toEqual({ command: process.execPath, env: { KEEP: '1' } });
  });

  it('with an Electron binary, postinstall rebuilds for that Electron and the tools then run inside its Node', () => {
    electronInstalled();
    expect(postinstallPlan(root)).toEqual({
      rebuild: true,
      electron: path.join(distDir, 'electron'),
      version: electronVersion,
    });
    // Until the rebuild has succeeded, the Node builds are still the ones on disk.
    expect(runtimeFor(root).command).toBe(process.execPath);

    recordElectronBuild(root, electronVersion);
    const runtime = runtimeFor(root, { KEEP: '1' });
    expect(runtime).toEqual({
      command: path.join(distDir, 'electron'),
      env: { KEEP: '1', ELECTRON_RUN_AS_NODE: '1' },
    });
    const probe = spawnSync(runtime.command, ['-e', 'console.log(process.env.ELECTRON_RUN_AS_NODE)'], {
      env: runtime.env,
      encoding: 'utf8',
    });
    expect(probe.stdout.trim()).toBe('1');
  });

  it('refuses to run with Electron builds once the binary has gone, and says how to recover', () => {
    electronInstalled();
    recordElectronBuild(root, electronVersion);
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    expect(() => runtimeFor(root)).toThrow(
      new RegExp(
        `built for Electron ${electronVersion.replace(/\./g, '\\.')}.*npm rebuild better-sqlite3 keytar`,
      ),
    );
  });

  it('finds each tool the npm scripts launch, and refuses unknown ones', () => {
    for (const tool of ['vitest', 'playwright', 'tsx']) {
      const script = toolScript(repoRoot, tool);
      expect(readFileSync(script, 'utf8').length).toBeGreaterThan(0);
    }
    expect(toolScript(repoRoot, 'dist/main/serve.cjs')).toBe(path.join(repoRoot, 'dist/main/serve.cjs'));
    expect(() => toolScript(repoRoot, 'jest')).toThrow(/does not know the tool "jest"/);
  });

  it('scripts/run.mjs passes arguments and the exit code through', () => {
    const script = path.join(root, 'exit.mjs');
    writeFileSync(script, 'console.log(process.argv.slice(2).join(","));process.exit(3);');
    // On this checkout's own runtime, whichever it is.
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/run.mjs'), script, 'a', 'b c'], {
      encoding: 'utf8',
      env: realEnv,
    });
    expect(run.stdout.trim()).toBe('a,b c');
    expect(run.status).toBe(3);
  });
});
