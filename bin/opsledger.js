#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (committed, so an install needs no build).
// node:fs is taken as `require` gives it: an ES import of it would load fs/promises and the streams (README, CLI
// start-up).
const { readFileSync } = process.getBuiltinModule('node:fs');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The version alone needs none of the CLI: the package.json beside this folder says it (docs/cli.md).
  process.stdout.on('error', () => undefined);
  const manifest = JSON.parse(readFileSync(`${import.meta.dirname}/../package.json`, 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else {
  const { main, mayExitOnClosedPipe } = await import('../dist/cli/main.js');
  // `opsledger audit --json | head` closes the pipe early: that is the reader's choice, not an error. A recorder
  // (`run`, `exec`) goes on instead, so the run stays supervised and its end is recorded (docs/executions.md).
  const CLOSED = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (!CLOSED.has(err.code)) throw err;
      if (mayExitOnClosedPipe()) process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
