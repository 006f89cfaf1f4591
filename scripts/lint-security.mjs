/**
 * `npm run lint:security`: Electronegativity over the Electron-facing code (main/app, preload). Fails on any
 * HIGH or MEDIUM finding. Reviewed exceptions live next to the code as `eng-disable` comments with their reason;
 * CSPGlobalCheck is excluded because the CSP is a response header from our own app:// protocol handler
 * (main/ipc/csp.ts, checked by the e2e suite), which the scanner cannot see.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = path.join(
  path.dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'dist',
  'index.js',
);
const electronVersion = require('electron/package.json').version;
const dir = mkdtempSync(path.join(os.tmpdir(), 'eng-'));
const failures = [];
// Global checks (navigation limits, permission handler) are answered in main/app; the preload pass runs the
// per-file checks only, since the scanner cannot see across the two inputs.
const passes = [
  ['main/app', 'CSPGlobalCheck'],
  ['preload', 'CSPGlobalCheck,LimitNavigationGlobalCheck,PermissionRequestHandlerGlobalCheck'],
];
for (const [input, excluded] of passes) {
  const out = path.join(dir, `${input.replace('/', '-')}.csv`);
  execFileSync(
    process.execPath,
    [
      '--require',
      path.resolve('scripts/electronegativity-commander.cjs'),
      cli,
      '-i',
      input,
      '-e',
      electronVersion,
      '-p',
      'typescript',
      '-r',
      '-x',
      excluded,
      '-o',
      out,
    ],
    { stdio: 'ignore' },
  );
  const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  for (const row of rows) if (/"(HIGH|MEDIUM)"/.test(row)) failures.push(`${input}: ${row}`);
  console.log(
    `electronegativity ${input}: ${rows.length} finding(s), ${rows.filter((r) => /"(HIGH|MEDIUM)"/.test(r)).length} high or medium`,
  );
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
