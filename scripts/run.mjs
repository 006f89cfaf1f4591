/**
 * `node scripts/run.mjs <tool|script> [args…]`: runs vitest, playwright, tsx or a built script on the runtime
 * the native modules were built for (scripts/native-runtime.mjs), passing the exit code and signals through.
 */
import { spawn } from 'node:child_process';
import { repoRoot, runtimeFor, toolScript } from './native-runtime.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error('usage: node scripts/run.mjs <vitest|playwright|tsx|script> [args…]');
  process.exit(2);
}
let runtime;
try {
  runtime = runtimeFor(repoRoot);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const child = spawn(runtime.command, [toolScript(repoRoot, name), ...args], {
  stdio: 'inherit',
  env: runtime.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
