#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (committed, so an install needs no build).
import { main } from '../dist/cli/main.js';

// `opsledger audit --json | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
