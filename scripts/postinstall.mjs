/**
 * postinstall. Electron's own install script is denied in package.json `allowScripts`, because a download that
 * cannot reach Electron's server would fail the whole install. Here the download is attempted instead, and a
 * failure is said and survived: the desk then runs through the browser bridge (`npm start` says so).
 * Where the binary is installed, better-sqlite3 and keytar are rebuilt for it (`electron-builder
 * install-app-deps`) so the desktop app can load them; scripts/run.mjs then runs the Node-side tools inside
 * Electron's Node. Nothing here fails the install: every outcome leaves a working checkout.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  downloadElectron,
  downloadPlan,
  forgetElectronBuild,
  postinstallPlan,
  recordElectronBuild,
  recordNodeBuild,
  repoRoot,
} from './native-runtime.mjs';

const say = (line) => console.log(`postinstall: ${line}`);
const warn = (line) => console.warn(`postinstall: ${line}`);

forgetElectronBuild(repoRoot);
const download = downloadPlan(repoRoot);
if (download.download) {
  say(`downloading Electron ${download.version}…`);
  const result = downloadElectron(repoRoot);
  if (result.ok) say(`Electron ${download.version} installed`);
  else
    warn(
      `could not download Electron's binary (${result.reason}). The install carries on without it: ` +
        '`npm start` opens the desk through the browser bridge and the Electron suite is skipped. Where the ' +
        'network allows it later, run `npm ci` again.',
    );
} else {
  say(`not downloading Electron's binary: ${download.reason}`);
}

const plan = postinstallPlan(repoRoot);
if (!plan.rebuild) {
  say(
    `no Electron binary (${plan.reason}); better-sqlite3 and keytar stay built for Node. ` +
      '`npm start` and `npm run serve` run the desk in a browser.',
  );
} else {
  say(`rebuilding better-sqlite3 and keytar for Electron ${plan.version}`);
  const builder = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')),
    'cli.js',
  );
  try {
    execFileSync(process.execPath, [builder, 'install-app-deps'], { cwd: repoRoot, stdio: 'inherit' });
    recordElectronBuild(repoRoot, plan.version);
  } catch (error) {
    // node-gyp cleans before it builds, so a failed rebuild leaves no binary at all: put the Node builds back,
    // so the tests and the browser bridge still work, and record why `npm start` cannot open the desktop app.
    const reason = `electron-builder install-app-deps failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
    warn(`${reason}; rebuilding better-sqlite3 and keytar for Node.`);
    const npm = process.env.npm_execpath;
    execFileSync(
      npm ? process.execPath : 'npm',
      [...(npm ? [npm] : []), 'rebuild', 'better-sqlite3', 'keytar'],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    recordNodeBuild(repoRoot, reason);
    warn(
      'the Node builds are back: tests and the browser bridge work, and `npm start` opens the bridge until the ' +
        'Electron rebuild succeeds (it needs the Electron headers, which node-gyp downloads): retry with ' +
        '`npx electron-builder install-app-deps`.',
    );
  }
}
