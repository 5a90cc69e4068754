/**
 * The watchdog each script runs under (docs/executions.md, "When the recorder dies"), run with `node -e`: it leads
 * the script's process group, runs the command in it with the same stdio, and passes its exit status back. Its fd 3
 * is a pipe from the recorder: when that closes while the command runs (the recorder was killed, even by SIGKILL),
 * it stops the whole group — SIGTERM, then SIGKILL after the grace period — so no script outlives its recorder
 * unsupervised. SIGTERM, SIGINT and SIGHUP sent to the group reach the command; the watchdog outlives them to report.
 * argv: grace ms, command, args. Plain CommonJS, no imports of ours: it must start fast and from any install.
 */
export const WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const { Socket } = require('node:net');
const { constants } = require('node:os');
const [grace, command, ...args] = process.argv.slice(1);
const group = (sig) => { try { process.kill(-process.pid, sig); } catch {} };
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => {});
const lifeline = new Socket({ fd: 3, readable: true, writable: false });
lifeline.on('error', () => {});
lifeline.on('close', () => {
  group('SIGTERM');
  setTimeout(() => group('SIGKILL'), Number(grace));
});
lifeline.resume();
const child = spawn(command, args, { stdio: 'inherit' });
child.on('error', (e) => {
  process.stderr.write('cannot start ' + command + ': ' + e.message + '\\n');
  process.exit(127);
});
child.on('exit', (code, sig) => {
  if (sig) {
    process.removeAllListeners(sig);
    try { process.kill(process.pid, sig); } catch {}
    setTimeout(() => process.exit(128 + (constants.signals[sig] || 0)), 50);
  } else {
    process.exit(code);
  }
});
`;
