/**
 * The process around sluss: arguments, signals and the exit code. This is
 * the one place that touches them; `run()` takes them as arguments. It is the
 * entry of the program file, dist/sluss.cjs (scripts/build-standalone.mjs),
 * which bin/sluss and a register's `./sluss` both run.
 */
import { onSignal, run } from './main.js';

const argv = process.argv.slice(2);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(onSignal(signal, argv, process.env, process.stderr)));
}
void run({
  argv,
  env: process.env,
  cwd: process.cwd(),
  streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
}).then((code) => {
  // Exit explicitly: an open stdin pipe must never keep the process waiting.
  process.stdout.write('', () => process.exit(code));
});
