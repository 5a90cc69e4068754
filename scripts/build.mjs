// `npm run build`: bundle the CLI and the worker entries with esbuild into dist/ (committed, so an install needs no
// build). Runtime dependencies stay external (installed beside it), except commander: every command loads it before
// its first output, and one bundled module starts faster than commander's CommonJS files (#15.7, README). The options
// are in build-options.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { HISTORY_ENTRY, buildOptions, historyEntryOptions } from './build-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build(buildOptions());
await build(historyEntryOptions());
// The history entry's first line names a hash of its content: bin/opsledger.js keys its V8 code cache by it, so a
// rebuilt bundle never runs a cache made for other bytes (V8's own check compares the source's length only).
const code = readFileSync(HISTORY_ENTRY, 'utf8');
const hash = createHash('sha256').update(code).digest('hex').slice(0, 32);
writeFileSync(HISTORY_ENTRY, `// opsledger-bundle ${hash}\n${code}`);
