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
    console.error(
      'postinstall: electron-builder install-app-deps failed (it needs the Electron headers for node-gyp). ' +
        'Retry with network access, or install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 to keep the Node builds.',
    );
    process.exit(1);
  }
  recordElectronBuild(repoRoot, plan.version);
}
