/**
 * Which runtime the native modules (better-sqlite3, keytar) are built for, and so which runtime must run the
 * plain-Node parts of the desk (tests, the browser bridge, benchmarks), and what `npm start` can open.
 *
 * Electron's own install script is denied (package.json `allowScripts`): a download that cannot reach Electron's
 * server would take the whole `npm ci` down. postinstall attempts the download itself instead and carries on
 * without it. Where the binary is installed, postinstall rebuilds the native modules for Electron
 * (`electron-builder install-app-deps`) and records that in a marker. Those builds do not load in the system Node
 * (a different NODE_MODULE_VERSION), so `scripts/run.mjs` then runs the Node-side tools inside Electron's own
 * Node (ELECTRON_RUN_AS_NODE; only a packaged build turns that off, by fuse). Without the binary nothing
 * changes: the modules stay built for Node, Node runs everything, and `npm start` opens the browser bridge.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const markerFile = (root) => path.join(root, 'node_modules', '.desk-native-runtime.json');
const electronDir = (root) => path.join(root, 'node_modules', 'electron');

/** The version of the installed `electron` package, or null when the package itself is missing. */
export function electronVersion(root) {
  try {
    return JSON.parse(readFileSync(path.join(electronDir(root), 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Electron's executable, or why there is none. Read from the files Electron's installer writes (path.txt and
 * dist/), never by requiring the package: since Electron 42 its index starts the download when the binary is
 * missing, which must not happen behind a test or a start script's back.
 */
export function electronBinary(root, env = process.env) {
  const dir = electronDir(root);
  if (!existsSync(path.join(dir, 'package.json')))
    return { reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = path.join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(binary)
      ? { path: binary }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH points at ${binary}, which does not exist` };
  }
  if (!relative)
    return {
      reason:
        "Electron's binary was never downloaded (node_modules/electron/path.txt is missing: the download was " +
        'skipped or could not reach its server)',
    };
  const binary = path.join(dir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { reason: `${binary} does not exist` };
}

/** True for the values npm and Electron treat as "set" (any non-empty value but 0 and false). */
const isSet = (value) => value !== undefined && value !== '' && value !== '0' && value !== 'false';

/**
 * What postinstall should do about Electron's binary: nothing (installed, or the download was skipped on
 * purpose), or try the download.
 */
export function downloadPlan(root, env = process.env) {
  const binary = electronBinary(root, env);
  if ('path' in binary) return { download: false, reason: `Electron is installed (${binary.path})` };
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD))
    return { download: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  return { download: true, version: electronVersion(root) };
}

/**
 * Runs Electron's own installer (its download with checksums, then the unzip) with a deadline, so a network
 * that swallows packets cannot hang the install. Returns why it failed, in the installer's own last words.
 */
export function downloadElectron(root, { timeoutMs = 10 * 60_000, env = process.env } = {}) {
  const run = spawnSync(process.execPath, [path.join(electronDir(root), 'install.js')], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error?.code === 'ETIMEDOUT')
    return { ok: false, reason: `no complete download within ${timeoutMs / 1000} s` };
  if (run.status === 0 && 'path' in electronBinary(root, env)) return { ok: true };
  const said = `${run.stderr ?? ''}\n${run.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  return { ok: false, reason: said[0] ?? `the installer exited with code ${run.status}` };
}

/** What postinstall should do: rebuild for Electron where its binary is present, otherwise leave Node builds. */
export function postinstallPlan(root, env = process.env) {
  const binary = electronBinary(root, env);
  if ('reason' in binary) return { rebuild: false, reason: binary.reason };
  return { rebuild: true, electron: binary.path, version: electronVersion(root) };
}

export function recordElectronBuild(root, version) {
  writeFileSync(markerFile(root), `${JSON.stringify({ runtime: 'electron', version })}\n`);
}

/** The Electron binary is there but the native modules could not be rebuilt for it: they stay Node builds. */
export function recordNodeBuild(root, reason) {
  writeFileSync(markerFile(root), `${JSON.stringify({ runtime: 'node', reason })}\n`);
}

export function forgetElectronBuild(root) {
  rmSync(markerFile(root), { force: true });
}

/** What the marker says: { runtime: 'electron', version } | { runtime: 'node', reason? }. */
export function nativeBuild(root) {
  if (!existsSync(markerFile(root))) return { runtime: 'node' };
  const marker = JSON.parse(readFileSync(markerFile(root), 'utf8'));
  return marker.runtime === 'electron' ? marker : { runtime: 'node', reason: marker.reason };
}

/**
 * The command and environment (`env`, extended) that load this checkout's native modules. Throws when they cannot
 * load anywhere.
 */
export function runtimeFor(root, env = process.env) {
  const build = nativeBuild(root);
  if (build.runtime !== 'electron') return { command: process.execPath, env };
  const binary = electronBinary(root);
  if ('reason' in binary)
    throw new Error(
      `better-sqlite3 and keytar were built for Electron ${build.version}, but Electron's binary is gone (${binary.reason}). ` +
        'Reinstall (npm ci), or rebuild them for Node: npm rebuild better-sqlite3 keytar && rm ' +
        path.relative(root, markerFile(root)),
    );
  return { command: binary.path, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** Whether a window can be shown: Linux and the BSDs need an X11 or Wayland display; macOS and Windows have one. */
export function hasDisplay(platform = process.platform, env = process.env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * What `npm start` opens: the desktop app where Electron, native modules built for it and a display are all
 * there; otherwise the same desk through the browser bridge, with the reason, opened in the default browser
 * when there is a display and CI is not set.
 */
export function startPlan(root, { env = process.env, platform = process.platform } = {}) {
  const display = hasDisplay(platform, env);
  const bridge = (reason) => ({ mode: 'bridge', reason, openBrowser: display && !isSet(env.CI) });
  const binary = electronBinary(root, env);
  if ('reason' in binary) return bridge(binary.reason);
  const build = nativeBuild(root);
  if (build.runtime !== 'electron')
    return bridge(
      `better-sqlite3 and keytar are built for Node, not Electron${build.reason ? ` (${build.reason})` : ''}; ` +
        'rebuild them with `npx electron-builder install-app-deps` or run `npm ci` again',
    );
  if (build.version !== electronVersion(root))
    return bridge(
      `the native modules were built for Electron ${build.version}, but Electron ${electronVersion(root)} is installed; run npm ci`,
    );
  if (!display) return bridge('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
  return { mode: 'electron', electron: binary.path };
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
