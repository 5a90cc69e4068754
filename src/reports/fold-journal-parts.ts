import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { LineCollector } from '../executions/collect-lines.js';
import { sortSegments } from '../executions/segment-names.js';
import type { Journal } from '../executions/types.js';
import type { ScannedLines } from '../executions/verify-chain.js';
import { finishSegment } from '../executions/verify-journal.js';
import { PACKAGE_ROOT } from '../package/package-root.js';
import type { EncodedRuns } from './encode-folded-runs.js';
import { joinScannedLines } from './join-scanned-lines.js';
import { mergeFolds } from './merge-folds.js';
import { readJournalParts, type JournalPart, type PartsRead } from './read-journal-part.js';

/** Below this many bytes of segments the journal is read on this thread: starting a worker costs more. */
const THREADS_FROM_BYTES = 16 * 1024 * 1024;

/** A part and the segment (its place among the segment files listed) it is of. */
interface PlannedPart {
  part: JournalPart;
  seg: number;
}

/**
 * A full report's one read of the file journal (docs/reports.md, *One read of the journal*): every segment file read
 * once, split by bytes at line boundaries into `threads` pieces read at the same time on worker threads, each line
 * parsed once for the fold (what foldColumnsFrom(scanInBatches(journal)) gives, byte for byte) and, with `lines`, for
 * the verifier's columns (what scanJournal gives: every line of every segment, as `opsledger verify` reads them).
 * `threads`: how many threads read it. Null when the journal is not a file journal or its view does not match the
 * segment files (the caller then scans).
 */
export async function foldJournalParts(
  journal: Journal,
  /** `workers`: false reads the parts one after the other on this thread (tests). */
  options: { lines: boolean; threads?: number; workers?: boolean },
): Promise<{ runs: EncodedRuns; lines: ScannedLines | null; threads: number } | null> {
  const files = journal.segmentFiles?.();
  if (!files) return null;
  const listed = sortSegments(readdirSync(files.dir)).map((s) => s.name);
  // The view's segments are the first ones listed, in the same order (a retention purge may have rewritten them).
  if (files.segments.some((s, i) => listed[i] !== s.name)) return null;
  const sizes = listed.map((name) => statSync(path.join(files.dir, name)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const threads = Math.max(1, options.threads ?? defaultThreads(total));
  const plan = planParts(files.dir, listed, sizes, files.segments, threads);
  const { read, threads: used } = await readPlanned(plan, options.lines, options.workers ?? true);
  const runs = mergeFolds(read.map((r) => r.fold));
  if (!options.lines) return { runs, lines: null, threads: used };
  return { runs, lines: await joinLines(files.dir, listed, sizes, plan, read), threads: used };
}

/** As many threads as `OPSLEDGER_REPORT_THREADS` asks, else as cores (at most 4) for a journal worth starting them. */
function defaultThreads(total: number): number {
  return threadsAsked() ?? (total < THREADS_FROM_BYTES ? 1 : Math.min(4, availableParallelism()));
}

/**
 * The threads `OPSLEDGER_REPORT_THREADS` asks for (docs/cli.md), or null when it is not set; anything but a whole
 * number from 1 to 16 is refused (a report checks it first, whether or not it will read the whole journal).
 */
export function threadsAsked(): number | null {
  const set = process.env.OPSLEDGER_REPORT_THREADS;
  if (set === undefined || set === '') return null;
  const asked = Number(set);
  if (!/^[0-9]+$/.test(set) || asked < 1 || asked > 16)
    throw new OpsledgerError(
      'INPUT_INVALID',
      `OPSLEDGER_REPORT_THREADS must be a whole number from 1 to 16 (got ${JSON.stringify(set)})`,
    );
  return asked;
}

/**
 * The segments cut into `threads` runs of about equal bytes, each cut just after a newline (or at a segment's end), in
 * order; a run holds the parts of the segments it covers.
 */
export function planParts(
  dir: string,
  names: readonly string[],
  sizes: readonly number[],
  folded: readonly { name: string; bytes: number }[],
  threads: number,
): PlannedPart[][] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const starts: number[] = [];
  for (let s = 0, at = 0; s < sizes.length; at += sizes[s]!, s++) starts.push(at);
  const cuts = [0];
  for (let t = 1; t < threads; t++) {
    const target = Math.floor((total * t) / threads);
    let seg = 0;
    while (seg < sizes.length - 1 && starts[seg + 1]! <= target) seg++;
    const cut = starts[seg]! + lineStartFrom(path.join(dir, names[seg]!), target - starts[seg]!, sizes[seg]!);
    if (cut > cuts.at(-1)!) cuts.push(cut);
  }
  cuts.push(total);
  const last = sizes.length - 1;
  const runs: PlannedPart[][] = [];
  for (let r = 0; r + 1 < cuts.length; r++) {
    const parts: PlannedPart[] = [];
    for (let seg = 0; seg < sizes.length; seg++) {
      const from = Math.max(cuts[r]! - starts[seg]!, 0);
      const to = Math.min(cuts[r + 1]! - starts[seg]!, sizes[seg]!);
      if (to <= from) continue;
      const file = path.join(dir, names[seg]!);
      const foldTo = folded[seg]?.bytes ?? 0;
      parts.push({ seg, part: { file, from, to, foldTo, finishes: to === sizes[seg] && seg !== last } });
    }
    if (parts.length > 0) runs.push(parts);
  }
  return runs;
}

/** The offset just after the first newline at or after `at` in a segment (its size when there is none). */
function lineStartFrom(file: string, at: number, size: number): number {
  if (at === 0) return 0;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let pos = at - 1; pos < size; pos += buf.length) {
      const got = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl >= 0) return pos + nl + 1;
      if (got === 0) break;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Each run of parts read on a worker thread of its own, or on this one (from sources, or one run). A worker that
 * fails (it could not start, or a read failed) has the runs read here again: a read that fails here too throws.
 */
async function readPlanned(
  plan: PlannedPart[][],
  lines: boolean,
  workers: boolean,
): Promise<{ read: PartsRead[]; threads: number }> {
  const jobs = plan.map((parts) => parts.map((p) => p.part));
  const inline = () => ({ read: jobs.map((parts) => readJournalParts(parts, lines)), threads: 1 });
  const entry = workers ? workerEntry() : null;
  if (!entry || jobs.length < 2) return inline();
  const started: Worker[] = [];
  try {
    const read = await Promise.all(jobs.map((parts) => readOnWorker(entry, parts, lines, started)));
    return { read, threads: read.length };
  } catch {
    await Promise.all(started.map((w) => w.terminate()));
    return inline();
  }
}

/**
 * The worker's entry: bundled, dist/reports/fold-worker.js (an entry of its own); from sources, under the tsx loader
 * this process has, fold-worker.ts beside this file, loaded by a few lines that register tsx in the worker (a worker
 * does not take the loader from its parent's flags); else none, and the parts are read on this thread.
 */
function workerEntry(): { file: string } | { code: string } | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return { file: path.join(PACKAGE_ROOT, 'dist/reports/fold-worker.js') };
  if (!process.execArgv.some((a) => a.includes('tsx'))) return null;
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('fold-worker.ts', import.meta.url).href);
  return { code: `import(${api}).then((m) => { m.register(); return import(${entry}); });` };
}

function readOnWorker(
  entry: { file: string } | { code: string },
  parts: JournalPart[],
  lines: boolean,
  started: Worker[],
): Promise<PartsRead> {
  return new Promise((resolve, reject) => {
    const data = { workerData: { parts, lines } };
    const worker =
      'file' in entry ? new Worker(entry.file, data) : new Worker(entry.code, { ...data, eval: true });
    started.push(worker);
    let done = false;
    worker.once('message', (read: PartsRead) => {
      done = true;
      resolve(read);
    });
    worker.once('error', (err) => {
      done = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`a journal reader thread stopped (exit ${code})`));
    });
  });
}

/**
 * The pieces' lines joined in segment order, the last segment's end read as scanJournal reads it (finishSegment: an
 * unfinished last line, in the size it had when the parts were planned, read again under the journal lock).
 */
async function joinLines(
  dir: string,
  names: readonly string[],
  sizes: readonly number[],
  plan: readonly PlannedPart[][],
  read: readonly PartsRead[],
): Promise<ScannedLines> {
  const linesBefore = new Array<number>(names.length).fill(0);
  let lastEnd = 0;
  const lastSeg = names.length - 1;
  const segmentOf: number[][] = [];
  const lineBase: number[][] = [];
  plan.forEach((parts, r) => {
    segmentOf.push(parts.map((p) => p.seg));
    lineBase.push(
      parts.map((p, k) => {
        const base = linesBefore[p.seg]!;
        linesBefore[p.seg] = base + read[r]!.lineCounts[k]!;
        if (p.seg === lastSeg) lastEnd = read[r]!.ends[k]!;
        return base;
      }),
    );
  });
  const pieces = read.map((r) => r.lines!);
  if (lastSeg >= 0) {
    const tail = new LineCollector();
    const no = tail.startSegment(names[lastSeg]!);
    const fd = openSync(path.join(dir, names[lastSeg]!), 'r');
    try {
      const lineNo = linesBefore[lastSeg]!;
      await finishSegment(dir, tail, { no, fd, end: lastEnd, size: sizes[lastSeg]!, lineNo, last: true });
    } finally {
      closeSync(fd);
    }
    pieces.push(tail.finish());
    segmentOf.push([lastSeg]);
    lineBase.push([0]);
  }
  return joinScannedLines(names, pieces, segmentOf, lineBase);
}
