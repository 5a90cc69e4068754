#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (committed, so an install needs no build). This file
// is CommonJS (bin/package.json): a warm `opsledger history` then starts without the ES module loader (README, CLI
// start-up).
'use strict';
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const INDEX_READERS = new Set(['history', 'show', 'blame']);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The version alone needs none of the CLI: the package.json beside this folder says it (docs/cli.md).
  process.stdout.on('error', () => undefined);
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else {
  // The commands that answer from the history index have an entry of their own, one CommonJS file run from a V8 code
  // cache: the same commands with the same outputs as main.js's (test/cli/history-entry.test.ts), started without the
  // other commands' chunks. src/cli/history-main.ts registers the same three. `report` has one too, built the same
  // way (src/cli/report-main.ts, test/cli/report-entry.test.ts).
  const history = INDEX_READERS.has(args[0]) ? readEntrySource('history.cjs') : undefined;
  const report =
    !history && require('./command-name.js').commandName(args) === 'report'
      ? readEntrySource('report.cjs')
      : undefined;
  if (history) runIndexReader(loadEntry(args[0], history));
  else if (report) run(loadEntry('report', report), { exitWhenIdle: true });
  else import('../dist/cli/main.js').then(run);
}

/**
 * Run the index readers' entry: it writes to file descriptors 1 and 2 itself and ends quietly on a closed pipe
 * (src/cli/fd-writer.ts), so `process.stdout` and `process.stderr`, whose first use loads Node's stream, net and tty
 * modules, are never touched (README, CLI start-up).
 */
function runIndexReader({ main, mayWriteCodeCache }) {
  // Whether this run updated nothing in the index (history-main.ts).
  const updatedNothing = () => mayWriteCodeCache?.() !== false;
  return main(process.argv).then((code) => {
    // A run that only read the index has nothing left to wait for (its output is written, synchronously; no process or
    // file is left open): exiting here spares Node's teardown of the environment and the heap, a few milliseconds of
    // a warm read (README, CLI start-up). A run that updated the index ends as every command does.
    if (updatedNothing()) process.exit(code);
    process.exitCode = code;
  });
}

/** Run the CLI of `entry` on this process's argv: its exit code becomes the process's. */
function run({ main, mayExitOnClosedPipe }, { exitWhenIdle = false } = {}) {
  // `opsledger audit --json | head` closes the pipe early: that is the reader's choice, not an error. A recorder
  // (`run`, `exec`) goes on instead, so the run stays supervised and its end is recorded (docs/executions.md).
  const CLOSED = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (!CLOSED.has(err.code)) throw err;
      if (mayExitOnClosedPipe()) process.exit(process.exitCode ?? 0);
    });
  }
  return main(process.argv).then((code) => {
    process.exitCode = code;
    if (exitWhenIdle) require('node:timers').setImmediate(() => exitIfIdle(code));
  });
}

/**
 * End the process now when nothing is left for its event loop (no file, process, timer or socket request: only the
 * standard streams, whose writes are synchronous here), as it would end by itself a moment later, without Node's
 * teardown of a report's heap (README, CLI start-up). Anything still pending lets it end the usual way.
 */
function exitIfIdle(code) {
  const pending = process.getActiveResourcesInfo().filter((r) => r !== 'PipeWrap' && r !== 'TTYWrap');
  if (pending.length === 0) process.exit(code);
}

/**
 * An entry of dist/cli/ (`history.cjs`, `report.cjs`) and its text; undefined in a dist/ built before it existed
 * (main.js runs the command then). The build writes it in ASCII, already wrapped as a CommonJS function
 * (scripts/build.mjs): read as latin1, in one read.
 */
function readEntrySource(name) {
  const file = path.join(__dirname, '../dist/cli', name);
  try {
    return { file, source: readFileSync(file).toString('latin1') };
  } catch {
    return undefined;
  }
}

/**
 * An entry of dist/cli/, compiled from the V8 code cache its last run left (as the v8-compile-cache package does for
 * require'd files; Node 20 cannot cache ES modules). The cache is named after the command (`history`, `show`,
 * `blame`, `report`), the bundle's content hash (its first line), Node's version and the CPU, written atomically after
 * a run that compiled without it and that the entry's `mayWriteCodeCache` allows (a warm read of the index, a report
 * generated), and ignored when it is missing, unreadable or rejected by V8: at worst the bundle compiles from source,
 * as with no cache at all.
 */
function loadEntry(command, { file, source }) {
  const vm = require('node:vm');
  // node:module's createRequire is the CommonJS loader's own: taken from there, without loading node:module, whose ES
  // loader and source map modules a warm read does not need (~0.5 ms; README, CLI start-up).
  const { createRequire } = module.constructor;
  const hash = /^\/\/ opsledger-bundle ([0-9a-f]+)\n/.exec(source)?.[1];
  const dir = codeCacheDir();
  // One cache per command: a cache holds the functions its first run compiled, so one made by another command (or
  // other arguments) leaves `history` compiling its own at every start (+31 ms against +9 ms over `node -e 0`; README,
  // CLI start-up).
  const cacheFile =
    hash && dir ? path.join(dir, `${command}-${hash}-${process.version}-${process.arch}.v8cache`) : undefined;
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet, or not readable: compile from source
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  const entry = { exports: {} };
  script
    .runInThisContext()
    .call(entry.exports, entry.exports, createRequire(file), entry, file, path.dirname(file));
  const { main, mayWriteCodeCache, mayExitOnClosedPipe } = entry.exports;
  const mainThenCache = (argv) =>
    main(argv).then((code) => {
      // Not after a run the entry rules out: the cache would hold other functions than a usual run's (history-main.ts,
      // report-main.ts).
      if (
        cacheFile &&
        mayWriteCodeCache?.() !== false &&
        (cachedData === undefined || script.cachedDataRejected)
      ) {
        writeCodeCache(dir, cacheFile, script.createCachedData());
      }
      return code;
    });
  return { main: mainThenCache, mayWriteCodeCache, mayExitOnClosedPipe };
}

/**
 * Where the code cache lives: $OPSLEDGER_CODE_CACHE_DIR (`off`: none), else node_modules/.cache/opsledger of the
 * installation (beside this package when it is installed as a dependency or by npx, inside it in a clone).
 */
function codeCacheDir() {
  const chosen = process.env.OPSLEDGER_CODE_CACHE_DIR;
  if (chosen === 'off') return undefined;
  if (chosen) return chosen;
  const root = path.join(__dirname, '..');
  const parent = path.dirname(root);
  return path.basename(parent) === 'node_modules'
    ? path.join(parent, '.cache/opsledger')
    : path.join(root, 'node_modules/.cache/opsledger');
}

/** Write the cache atomically (a reader sees the old file or the whole new one); a failure only costs the cache. */
function writeCodeCache(dir, cacheFile, data) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, cacheFile);
  } catch {
    try {
      require('node:fs').rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
  }
}
