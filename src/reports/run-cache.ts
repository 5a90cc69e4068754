import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutionRecord } from '../executions/types.js';
import { writeFileDurably } from '../state/durable-write.js';
import { foldRuns, type FoldedRun } from './collect-runs.js';
import { decodeRuns, encodeRuns, type EncodedRuns } from './encode-folded-runs.js';

/** Bump when the layout of the cached runs changes: an older file is then rebuilt, never misread. */
export const RUN_CACHE_FORMAT = 2;

/** What the cached runs were folded from: the journal's chain head and its retention state (purges keep the head). */
export interface RunCacheKey {
  seq: number;
  hash: string;
  /** A digest of the retention rollups: a purge changes them (and removes runs) without appending a record. */
  retention: string;
  /** A digest of the journal files' names, sizes and modification times: an edit in place (tampering) refolds. */
  files: string;
}

/** Where a data dir keeps the derived run cache of `opsledger report` (docs/reports.md, *The run cache*). */
export function runCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-runs.json');
}

/**
 * The folded runs cached for `key`, or null when there is no cache, it was folded from another journal state, or
 * it is damaged (its checksum or format does not match): the caller folds the journal again and rewrites it.
 */
export async function readRunCache(dataDir: string, key: RunCacheKey): Promise<FoldedRun[] | null> {
  let text: string;
  try {
    text = await readFile(runCachePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const nl = text.indexOf('\n');
  if (nl < 0) return null;
  try {
    const header = JSON.parse(text.slice(0, nl)) as { format?: unknown; key?: RunCacheKey; sha256?: unknown };
    const body = text.slice(nl + 1);
    if (header.format !== RUN_CACHE_FORMAT || !sameKey(header.key, key)) return null;
    if (header.sha256 !== sha256(body)) return null;
    return decodeRuns(JSON.parse(body) as EncodedRuns);
  } catch {
    return null;
  }
}

/** Write the folded runs for `key` (atomically: a reader sees the old file or the new one). */
export async function writeRunCache(
  dataDir: string,
  key: RunCacheKey,
  runs: readonly FoldedRun[],
): Promise<void> {
  const file = runCachePath(dataDir);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const body = JSON.stringify(encodeRuns(runs));
  const header = JSON.stringify({
    generator: 'opsledger report',
    format: RUN_CACHE_FORMAT,
    key,
    sha256: sha256(body),
  });
  await writeFileDurably(file, `${header}\n${body}`);
}

/** The key of the journal of `dataDir` in its current state, with its chain head and retention rollups. */
export async function runCacheKey(
  dataDir: string,
  head: { seq: number; hash: string },
  rollups: unknown,
): Promise<RunCacheKey> {
  const dir = path.join(dataDir, 'executions');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  const files: string[] = [];
  for (const name of names) {
    const s = await stat(path.join(dir, name)).catch(() => null);
    if (s) files.push(`${name} ${s.size} ${s.mtimeMs}`);
  }
  return {
    seq: head.seq,
    hash: head.hash,
    retention: sha256(JSON.stringify(rollups)).slice(0, 32),
    files: sha256(files.join('\n')).slice(0, 32),
  };
}

function sameKey(a: RunCacheKey | undefined, b: RunCacheKey): boolean {
  return (
    a !== undefined &&
    a.seq === b.seq &&
    a.hash === b.hash &&
    a.retention === b.retention &&
    a.files === b.files
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The folded runs of a journal: from the cache when it was folded from the same chain head and retention state,
 * else by folding `executions` (one pass over the journal) and rewriting the cache. A cache that cannot be written
 * (read-only data dir) only costs the next report the fold.
 */
export async function foldRunsCached(
  dataDir: string,
  key: RunCacheKey | null,
  executions: Iterable<ExecutionRecord>,
): Promise<{ runs: FoldedRun[]; cached: boolean }> {
  const hit = key === null ? null : await readRunCache(dataDir, key);
  if (hit !== null) return { runs: hit, cached: true };
  const runs = foldRuns(executions);
  if (key !== null) await writeRunCache(dataDir, key, runs).catch(() => undefined);
  return { runs, cached: false };
}
