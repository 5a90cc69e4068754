import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkpointHolds, takeCheckpoint, type JournalCheckpoint } from '../executions/journal-checkpoint.js';
import { scanInBatches } from '../executions/scan-batches.js';
import type { ChainHead, ExecutionRecord, Journal } from '../executions/types.js';
import { writeFileDurably } from '../state/durable-write.js';
import { foldRuns, foldRunsFrom } from './collect-runs.js';
import { decodeBlock, encodeRuns, type EncodedRuns } from './encode-folded-runs.js';
import { foldColumnsFrom } from './fold-columns.js';
import { BlockFile } from './block-file.js';
import { parseBlockHead } from './block-layout.js';
import { RunBlock } from './run-block.js';
import { stampsIn } from '../history/verified-stamps.js';
import { readCacheFile } from './read-cache-file.js';
import { RunView } from './run-view.js';

/** Bump when the layout of the cached runs changes: an older file is then rebuilt, never misread. */
export const RUN_CACHE_FORMAT = 6;

/** Where a data dir keeps the derived run cache of `opsledger report` (docs/reports.md, *The run cache*). */
export function runCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-runs.json');
}

/** How the runs were had: a full scan, the cache alone, or the cache plus the records appended after it. */
export type FoldSource =
  | { kind: 'scan'; reason: 'no cache' | 'journal changed' }
  | { kind: 'cache'; base: ChainHead }
  | { kind: 'cache+new'; records: number; base: ChainHead };

/**
 * The folded runs cached with the checkpoint they were folded up to, or null when there is no cache or it is damaged
 * (its checksum or format does not match): the caller folds the journal again and rewrites it. A cache whose checksum
 * a stamp vouches for (checked once, then trusted by stat: read-cache-file.ts) is read as it is needed (block-file.ts):
 * only its head now; else it is read whole and checked.
 */
export async function readRunCache(
  dataDir: string,
): Promise<{ checkpoint: JournalCheckpoint; runs: RunBlock; digest: string } | null> {
  const file = runCachePath(dataDir);
  const lazy = openStamped(file);
  if (lazy) return lazy;
  const parsed = await readChecked(file, RUN_CACHE_FORMAT, 'binary');
  if (!parsed) return null;
  try {
    return {
      checkpoint: parsed.header.checkpoint,
      runs: decodeBlock(parsed.body),
      digest: parsed.header.sha256 as string,
    };
  } catch {
    return null;
  }
}

/**
 * The run cache read in parts (BlockFile) when a stamp vouches for its exact stat and checksum; null when none does,
 * or the header or head does not fit (the caller then reads and checks it whole).
 */
function openStamped(file: string): { checkpoint: JournalCheckpoint; runs: RunBlock; digest: string } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  let opened: ReturnType<typeof openStamped> = null;
  try {
    opened = stampedBlock(file, fd);
  } catch {
    // A head that does not parse (DamagedRunCache): read whole, where the checksum decides.
  }
  if (!opened) closeSync(fd);
  return opened;
}

function stampedBlock(
  file: string,
  fd: number,
): { checkpoint: JournalCheckpoint; runs: RunBlock; digest: string } | null {
  const stat = fstatSync(fd, { bigint: true });
  const first = Buffer.allocUnsafe(Math.min(Number(stat.size), 64 * 1024));
  const parsed = parseHeaderLine(
    first.subarray(0, readSync(fd, first, 0, first.length, 0)),
    RUN_CACHE_FORMAT,
  );
  if (!parsed) return null;
  const { header, bodyAt } = parsed;
  const { checkpoint, sha256 } = header;
  if (typeof checkpoint !== 'object' || checkpoint === null) return null;
  if (!stampsIn(path.dirname(file)).vouches(file, stat, sha256)) return null;
  const bodyLength = Number(stat.size) - bodyAt;
  const jsonLength = Buffer.alloc(4);
  if (readSync(fd, jsonLength, 0, 4, bodyAt) !== 4) return null;
  const head = Buffer.allocUnsafe(Math.min(bodyLength, 4 + jsonLength.readUInt32LE(0)));
  if (readSync(fd, head, 0, head.length, bodyAt) !== head.length) return null;
  const layout = parseBlockHead(head, bodyLength);
  const columns = new BlockFile(fd, bodyAt, layout);
  return {
    checkpoint: checkpoint as JournalCheckpoint,
    runs: new RunBlock(layout.count, columns, layout.ids, layout.strings, layout.targets),
    digest: sha256,
  };
}

/**
 * How many records may follow the cache's checkpoint before the cache is rewritten. Below it the journal itself is
 * the cache's append-only tail: a report reads those records again through `scan({ afterSeq })` (a few milliseconds
 * for a few hundred) instead of rewriting every cached run for each new one (about a second at 500,000 runs).
 */
export const RUN_CACHE_TAIL_RECORDS = 4096;

/**
 * The folded runs of a journal whose head is `head`: from the cache when its checkpoint still holds (the journal
 * starts with exactly what it was folded from), plus the records appended after it read through `scan({ afterSeq })`
 * and checked to continue its chain; else by folding the whole journal, read a chunk at a time (`scanInBatches`),
 * into the cache's columns (fold-columns.ts).
 * The cache is then rewritten — after a full fold, once more than RUN_CACHE_TAIL_RECORDS records follow its
 * checkpoint, or when they replace or relink a cached row; one that cannot be written (read-only data dir) only costs
 * the next report the fold.
 */
export async function foldRunsCached(
  dataDir: string,
  journal: Journal,
  {
    tailRecords = RUN_CACHE_TAIL_RECORDS,
    beforeAllRuns = () => undefined,
  }: {
    tailRecords?: number;
    /** Told before every run is made an object (the cache rewritten from the runs as objects). */
    beforeAllRuns?: () => void;
  } = {},
): Promise<{ runs: RunView; source: FoldSource }> {
  const head = journal.head();
  if (head === null)
    return {
      runs: RunView.ofRuns(await foldRunsFrom(scanInBatches(journal))),
      source: { kind: 'scan', reason: 'no cache' },
    };
  const cached = await readRunCache(dataDir);
  if (cached) {
    try {
      const had = await fromCache(dataDir, journal, head, cached, { tailRecords, beforeAllRuns });
      if (had) return had;
    } catch (err) {
      // A cache read in parts that does not hold what its head says (DamagedRunCache): generateReport deletes it and
      // starts again.
      cached.runs.close();
      throw err;
    }
    cached.runs.close();
  }
  // Folded into the cache's columns as they are read: no object per run.
  const runs = await rewrite(dataDir, head, await foldColumnsFrom(scanInBatches(journal)));
  return { runs, source: { kind: 'scan', reason: cached ? 'journal changed' : 'no cache' } };
}

/**
 * The runs from the cache when its checkpoint holds, with the records after it folded on top (the cache rewritten when
 * foldRunsCached says); null when the journal no longer starts with what the cache was folded from.
 */
async function fromCache(
  dataDir: string,
  journal: Journal,
  head: ChainHead,
  cached: NonNullable<Awaited<ReturnType<typeof readRunCache>>>,
  { tailRecords, beforeAllRuns }: { tailRecords: number; beforeAllRuns: () => void },
): Promise<{ runs: RunView; source: FoldSource } | null> {
  const { checkpoint } = cached;
  if (!(await checkpointHolds(dataDir, checkpoint))) return null;
  const base = { seq: checkpoint.seq, hash: checkpoint.hash };
  const view = RunView.ofBlock(cached.runs, cached.digest);
  if (checkpoint.seq === head.seq && checkpoint.hash === head.hash)
    return { runs: view, source: { kind: 'cache', base } };
  const fresh = checkpoint.seq < head.seq ? await newRecords(journal, checkpoint, head) : null;
  if (!fresh) return null;
  let runs = view.withNewer(foldRuns(fresh));
  // A cached row replaced (a run that was running when the cache was written has ended) or relinked would make every
  // later report walk the rows again (its kept summary no longer holds): the cache is rewritten once.
  if (fresh.length > tailRecords || runs.hasDeadRows()) {
    beforeAllRuns();
    runs = await rewrite(dataDir, head, encodeRuns(runs.all()));
  }
  return { runs, source: { kind: 'cache+new', records: fresh.length, base } };
}

/** The records after the checkpoint up to `head`, or null when they do not continue its chain one by one. */
async function newRecords(
  journal: Journal,
  from: ChainHead,
  head: ChainHead,
): Promise<ExecutionRecord[] | null> {
  const records: ExecutionRecord[] = [];
  let last = from;
  for await (const r of journal.scan({ afterSeq: from.seq })) {
    if (r.seq !== last.seq + 1 || r.prev_hash !== last.hash) return null;
    records.push(r);
    last = { seq: r.seq, hash: r.hash };
    if (last.seq === head.seq) break;
  }
  return last.seq === head.seq && last.hash === head.hash ? records : null;
}

/**
 * Write the cache of the encoded runs up to `head`; the report goes on with their columns (objects the runs were
 * folded as are then let go: a million of them are most of a full report's memory).
 */
async function rewrite(dataDir: string, head: ChainHead, runs: EncodedRuns): Promise<RunView> {
  const checkpoint = await takeCheckpoint(dataDir, head);
  const digest = checkpoint
    ? await writeChecked(runCachePath(dataDir), RUN_CACHE_FORMAT, checkpoint, runs.pieces).catch(() => null)
    : null;
  return RunView.ofBlock(runs.block, digest);
}

/**
 * Read a cache file `<header line>\n<body>` whose header names a journal checkpoint, checked against its format and
 * body checksum (readCheckedFile).
 */
export async function readChecked(
  file: string,
  format: number,
): Promise<{ header: CacheHeader; body: string } | null>;
export async function readChecked(
  file: string,
  format: number,
  body: 'binary',
): Promise<{ header: CacheHeader; body: Buffer } | null>;
export async function readChecked(
  file: string,
  format: number,
  as: 'text' | 'binary' = 'text',
): Promise<{ header: CacheHeader; body: string | Buffer } | null> {
  const parsed = await readCheckedFile(file, format);
  const checkpoint = parsed?.header.checkpoint;
  if (!parsed || typeof checkpoint !== 'object' || checkpoint === null) return null;
  return {
    header: parsed.header as CacheHeader,
    body: as === 'binary' ? parsed.body : parsed.body.toString('utf8'),
  };
}

type CacheHeader = { checkpoint: JournalCheckpoint } & Record<string, unknown>;

/**
 * Read a cache file `<header line>\n<body>`, or null when it is missing, of another format, or its body does not match
 * the header's sha256 (checked once, then trusted by the file's stat: read-cache-file.ts).
 */
export async function readCheckedFile(
  file: string,
  format: number,
): Promise<{ header: Record<string, unknown>; body: Buffer } | null> {
  let header: Record<string, unknown> = {};
  const read = await readCacheFile(path.dirname(file), file, (bytes) => {
    const parsed = parseHeaderLine(bytes, format);
    if (!parsed) return null;
    header = parsed.header;
    return { body: bytes.subarray(parsed.bodyAt), sha256: parsed.header.sha256 };
  });
  return read && { header, body: read.body };
}

/**
 * The header line of a cache file's first bytes, when it is one of `format` naming its body's sha256, and where the
 * body starts; null for anything else (no whole line, not JSON, another format).
 */
function parseHeaderLine(
  bytes: Buffer,
  format: number,
): { header: Record<string, unknown> & { sha256: string }; bodyAt: number } | null {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, nl)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (header.format !== format || typeof header.sha256 !== 'string') return null;
  return { header: header as Record<string, unknown> & { sha256: string }, bodyAt: nl + 1 };
}

/** Write a cache file whose header names the journal checkpoint it was made up to (writeCheckedFile). */
export async function writeChecked(
  file: string,
  format: number,
  checkpoint: JournalCheckpoint,
  body: string | readonly (string | Buffer)[],
): Promise<string> {
  return writeCheckedFile(file, format, { checkpoint }, body);
}

/**
 * Write a cache file durably and atomically, its header holding `fields` and the body's checksum (returned). A body in
 * pieces is hashed and written piece by piece (never joined into one string).
 */
export async function writeCheckedFile(
  file: string,
  format: number,
  fields: Record<string, unknown>,
  body: string | readonly (string | Buffer)[],
): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const pieces = typeof body === 'string' ? [body] : body;
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  const sha256 = hash.digest('hex');
  const header = JSON.stringify({ generator: 'opsledger report', format, ...fields, sha256 });
  // Padded with spaces to a multiple of 8 bytes: the body then starts aligned, and a reader can view its columns in
  // place (encode-folded-runs.ts).
  const pad = (8 - ((Buffer.byteLength(header) + 1) % 8)) % 8;
  await writeFileDurably(file, [`${header}${' '.repeat(pad)}\n`, ...pieces]);
  return sha256;
}
