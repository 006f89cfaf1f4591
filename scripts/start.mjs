/**
 * `npm start`: builds, then opens the desktop app where Electron can run here (its binary, native modules built
 * for it, a display), and otherwise starts the same desk through the browser bridge, says why, prints its URL
 * and opens it in the default browser when there is a display and CI is not set.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import open from 'open';
import { repoRoot, runtimeFor, startPlan } from './native-runtime.mjs';

const npm = process.env.npm_execpath;
const build = spawnSync(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', 'build'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const plan = startPlan(repoRoot);
const passSignals = (child) => {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
};

if (plan.mode === 'electron') {
  const child = spawn(plan.electron, ['.', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code) => {
    if (code)
      console.error(
        `Electron exited with code ${code}. \`npm run serve\` starts the same desk in a browser.`,
      );
  });
  passSignals(child);
} else {
  console.log(`Opening the desk in a browser instead of the desktop app: ${plan.reason}.`);
  const runtime = runtimeFor(repoRoot);
  const child = spawn(runtime.command, ['dist/main/serve.cjs', ...process.argv.slice(2)], {
    cwd: repoRoot,
    env: runtime.env,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    const url = /^Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/.exec(line)?.[1];
    if (url && plan.openBrowser)
      open(url).catch((error) =>
        console.error(`Could not open the default browser (${error.message}); open the URL above by hand.`),
      );
  });
  passSignals(child);
}
