/**
 * Which runtime the native modules (better-sqlite3, keytar) are built for, and so which runtime must run the
 * plain-Node parts of the desk (tests, the browser bridge, benchmarks).
 *
 * Where Electron's binary is installed, postinstall rebuilds them for Electron (`electron-builder
 * install-app-deps`) so `npm start` works, and records that in a marker. Those builds do not load in the
 * system Node (a different NODE_MODULE_VERSION), so `scripts/run.mjs` then runs the Node-side tools inside
 * Electron's own Node (ELECTRON_RUN_AS_NODE; only a packaged build turns that off, by fuse). Where the download
 * was skipped, nothing changes: the modules stay built for Node, and Node runs everything.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const markerFile = (root) => path.join(root, 'node_modules', '.desk-native-runtime.json');

/** Electron's executable, or why there is none. The package's index reads path.txt on every fresh load. */
export function electronBinary(root) {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    const id = require.resolve('electron');
    delete require.cache[id];
    const binary = require(id);
    return existsSync(binary) ? { path: binary } : { reason: `${binary} does not exist` };
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** What postinstall should do: rebuild for Electron where its binary is present, otherwise leave Node builds. */
export function postinstallPlan(root) {
  const binary = electronBinary(root);
  if ('reason' in binary) return { rebuild: false, reason: binary.reason };
  const version = JSON.parse(
    readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  return { rebuild: true, electron: binary.path, version };
}

export function recordElectronBuild(root, version) {
  writeFileSync(markerFile(root), `${JSON.stringify({ runtime: 'electron', version })}\n`);
}

export function forgetElectronBuild(root) {
  rmSync(markerFile(root), { force: true });
}

/** The command and environment that load this checkout's native modules. Throws when they cannot load anywhere. */
export function runtimeFor(root, env = process.env) {
  if (!existsSync(markerFile(root))) return { command: process.execPath, env };
  const { version } = JSON.parse(readFileSync(markerFile(root), 'utf8'));
  const binary = electronBinary(root);
  if ('reason' in binary)
    throw new Error(
      `better-sqlite3 and keytar were built for Electron ${version}, but Electron's binary is gone (${binary.reason}). ` +
        'Reinstall (npm ci), or rebuild them for Node: npm rebuild better-sqlite3 keytar && rm ' +
        path.relative(root, markerFile(root)),
    );
  return { command: binary.path, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** A tool's entry script: a path as given, or the named bin of an installed package. */
export function toolScript(root, name) {
  if (name.includes('/') || /\.[cm]?[jt]s$/.test(name)) return path.resolve(root, name);
  const packages = { vitest: 'vitest', playwright: '@playwright/test', tsx: 'tsx' };
  const pkg = packages[name];
  if (!pkg)
    throw new Error(
      `scripts/run.mjs does not know the tool "${name}" (known: ${Object.keys(packages).join(', ')})`,
    );
  const manifest = path.join(root, 'node_modules', pkg, 'package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.resolve(path.dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}
