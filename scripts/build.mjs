// `npm run build`: bundle the CLI and the worker entries with esbuild into dist/ (committed, so an install needs no
// build). Runtime dependencies stay external (installed beside it), except commander: every command loads it before
// its first output, and one bundled module starts faster than commander's CommonJS files (#15.7, README). The options
// are in build-options.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import {
  HISTORY_ENTRY,
  buildOptions,
  historyCommanderOptions,
  historyEntryOptions,
  historyValidatorsOptions,
  REPORT_ENTRY,
  reportEntryOptions,
} from './build-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build(buildOptions());
await build(historyEntryOptions());
await build(reportEntryOptions());
await build(historyCommanderOptions());
await build(historyValidatorsOptions());
// The entries bin/opsledger.js runs from a V8 code cache (history, report) are wrapped here as Node wraps a CommonJS
// file (Module.wrap), so that the bin compiles the file's text as it is read instead of copying it into a wrapped
// string at every start; it reads the file as latin1 (no UTF-8 decoding), which needs the ASCII esbuild writes by
// default. Its first line names a hash of its content: the bin keys its V8 code cache by it, so a rebuilt bundle never
// runs a cache made for other bytes (V8's own check compares the source's length only).
for (const entry of [HISTORY_ENTRY, REPORT_ENTRY]) {
  const code = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(entry, 'utf8')}\n});`;
  if (/[^\t\n\r\x20-\x7e]/.test(code)) throw new Error(`${entry} is not ASCII: the bin reads it as latin1`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 32);
  writeFileSync(entry, `// opsledger-bundle ${hash}\n${code}`);
}
