import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  downloadElectron,
  downloadPlan,
  postinstallPlan,
  recordNodeBuild,
  startPlan,
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
    expect(plan.reason).toMatch(/Electron's binary was never downloaded/);
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

/** A scratch checkout whose `electron` package is a stand-in with the given install.js (no network involved). */
function checkoutWithInstaller(installer: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-install-'));
  const pkg = path.join(dir, 'node_modules/electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"scratch","private":true}');
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  writeFileSync(path.join(pkg, 'install.js'), installer);
  return dir;
}
const INSTALLS = `
const fs = require('fs'), path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;

describe('Electron download at install time', () => {
  it('tries the download only when the binary is missing and nobody asked to skip it', () => {
    const dir = checkoutWithInstaller('process.exit(1)');
    expect(downloadPlan(dir, {})).toEqual({ download: true, version: '45.5.0' });
    expect(downloadPlan(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toEqual({
      download: false,
      reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
    expect(downloadPlan(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' })).toMatchObject({ download: true });
    electronInstalled();
    expect(downloadPlan(dir, process.env)).toMatchObject({
      download: false,
      reason: /Electron is installed/,
    });
  });

  it('installs through Electron’s own installer, after which the binary is found', () => {
    const dir = checkoutWithInstaller(INSTALLS);
    expect(downloadElectron(dir, { env: {} })).toEqual({ ok: true });
    expect(postinstallPlan(dir, {})).toMatchObject({
      rebuild: true,
      electron: path.join(dir, 'node_modules/electron/dist/electron'),
      version: '45.5.0',
    });
  });

  it('reports an unreachable download server in the installer’s own words, without its stack', () => {
    const dir = checkoutWithInstaller(
      "console.error(new TypeError('fetch failed').stack); console.error('Caused by: getaddrinfo ENOTFOUND'); process.exit(1)",
    );
    expect(downloadElectron(dir, { env: {} })).toEqual({ ok: false, reason: 'TypeError: fetch failed' });
    expect(postinstallPlan(dir, {})).toMatchObject({ rebuild: false });
  });

  it('gives up on a download that never finishes, at its deadline', () => {
    const dir = checkoutWithInstaller('setInterval(() => {}, 1000)');
    expect(downloadElectron(dir, { env: {}, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'no complete download within 0.3 s',
    });
  });
});

describe('what npm start opens', () => {
  const display = { DISPLAY: ':99' };

  it('the browser bridge, saying why, when Electron was never downloaded; the browser opens unless CI', () => {
    expect(startPlan(root, { env: display, platform: 'linux' })).toEqual({
      mode: 'bridge',
      reason: expect.stringMatching(/never downloaded/),
      openBrowser: true,
    });
    expect(startPlan(root, { env: { ...display, CI: 'true' }, platform: 'linux' })).toMatchObject({
      mode: 'bridge',
      openBrowser: false,
    });
    expect(startPlan(root, { env: {}, platform: 'linux' })).toMatchObject({ openBrowser: false });
  });

  it('the bridge when the native modules are not built for the installed Electron', () => {
    const env = { ...display, ELECTRON_OVERRIDE_DIST_PATH: distDir };
    expect(startPlan(root, { env, platform: 'linux' })).toMatchObject({
      mode: 'bridge',
      reason: expect.stringMatching(/built for Node, not Electron/),
    });
    recordNodeBuild(root, 'electron-builder install-app-deps failed: no headers');
    expect(startPlan(root, { env, platform: 'linux' })).toMatchObject({
      reason: expect.stringContaining('no headers'),
    });
    recordElectronBuild(root, '40.0.0');
    expect(startPlan(root, { env, platform: 'linux' })).toMatchObject({
      reason: `the native modules were built for Electron 40.0.0, but Electron ${electronVersion} is installed; run npm ci`,
    });
  });

  it('the desktop app where Electron, its native builds and a display are all there', () => {
    recordElectronBuild(root, electronVersion);
    const env = { ELECTRON_OVERRIDE_DIST_PATH: distDir };
    expect(startPlan(root, { env: { ...env, ...display }, platform: 'linux' })).toEqual({
      mode: 'electron',
      electron: path.join(distDir, 'electron'),
    });
    expect(startPlan(root, { env: { ...env, WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' }).mode).toBe(
      'electron',
    );
    expect(startPlan(root, { env, platform: 'win32' }).mode).toBe('electron');
    expect(startPlan(root, { env, platform: 'linux' })).toMatchObject({
      mode: 'bridge',
      reason: expect.stringMatching(/no display/),
      openBrowser: false,
    });
  });
});
