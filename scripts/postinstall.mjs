/**
 * postinstall: where Electron's binary was installed, rebuild the native modules for it (`electron-builder
 * install-app-deps`) so `npm start` can load them; scripts/run.mjs then runs the Node-side tools inside
 * Electron's Node. Where the download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD), keep the Node builds.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { forgetElectronBuild, postinstallPlan, recordElectronBuild, repoRoot } from './native-runtime.mjs';

const plan = postinstallPlan(repoRoot);
forgetElectronBuild(repoRoot);
if (!plan.rebuild) {
  console.log(
    `postinstall: no Electron binary (${plan.reason}); better-sqlite3 and keytar stay built for Node. ` +
      '`npm run serve` runs the desk in a browser; `npm start` needs Electron.',
  );
} else {
  console.log(`postinstall: rebuilding better-sqlite3 and keytar for Electron ${plan.version}`);
  const builder = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')),
    'cli.js',
  );
  try {
    execFileSync(process.execPath, [builder, 'install-app-deps'], { cwd: repoRoot, stdio: 'inherit' });
  } catch {
    // node-gyp cleans before it builds, so a failed rebuild leaves no binary at all: put the Node builds back,
    // so the tests and `npm run serve` still work, and fail the install so nobody expects `npm start` to.
    console.error(
      'postinstall: electron-builder install-app-deps failed; rebuilding better-sqlite3 and keytar for Node.',
    );
    const npm = process.env.npm_execpath;
    execFileSync(
      npm ? process.execPath : 'npm',
      [...(npm ? [npm] : []), 'rebuild', 'better-sqlite3', 'keytar'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
    console.error(
      'postinstall: the Node builds are back (tests and `npm run serve` work), but `npm start` needs the Electron ' +
        'builds: retry with access to the Electron headers (node-gyp downloads them), or install with ' +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 to go without Electron.',
    );
    process.exit(1);
  }
  recordElectronBuild(repoRoot, plan.version);
}
