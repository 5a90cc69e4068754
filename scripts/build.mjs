// `npm run build`: bundle the CLI and the worker entries with esbuild into dist/ (committed, so an install needs no
// build). Runtime dependencies stay external (installed beside it), except commander: every command loads it before
// its first output, and one bundled module starts faster than commander's CommonJS files (#15.7, README). The options
// are in build-options.mjs.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build(buildOptions());
