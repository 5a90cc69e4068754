import { createHash } from 'node:crypto';
import path from 'node:path';
import { readCheckedFile, writeCheckedFile } from './run-cache.js';
import type { BlockSummary } from './run-owners.js';

/**
 * Bump when the layout of a kept block summary changes: an older file is then walked again, never misread. Format 2:
 * the owners' commits as numbers after the row owners, not in the JSON.
 */
export const SUMMARY_FORMAT = 2;

/** Where a data dir keeps the summary of its run cache's block for the last period reported (docs/reports.md). */
export function summaryPath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-summary.bin');
}

/**
 * The key a block summary is kept under: the run cache body's checksum, the period's start, and how many of its rows
 * started by the period's end (the walk reads no row after it: a later end that takes in no other row — a report at a
 * later clock time — gives the same summary).
 */
export function summaryKey(blockDigest: string, since: number, rowsByUntil: number): string {
  return createHash('sha256')
    .update(JSON.stringify([SUMMARY_FORMAT, blockDigest, String(since), rowsByUntil]))
    .digest('hex');
}

/** The kept summary under `key`, or null when there is none, it is of another key, damaged or of another format. */
export async function readBlockSummary(dataDir: string, key: string): Promise<BlockSummary | null> {
  const parsed = await readCheckedFile(summaryPath(dataDir), SUMMARY_FORMAT);
  if (parsed?.header.key !== key) return null;
  try {
    return decodeBlockSummary(parsed.body);
  } catch {
    return null;
  }
}

/**
 * Keep `summary` under `key`, replacing the one kept before (durably and atomically). A summary that cannot be written
 * (read-only data dir) only costs the next report the walk.
 */
export async function writeBlockSummary(dataDir: string, key: string, summary: BlockSummary): Promise<void> {
  await writeCheckedFile(summaryPath(dataDir), SUMMARY_FORMAT, { key }, [encodeBlockSummary(summary)]).catch(
    () => undefined,
  );
}

/**
 * `u32 length | JSON (everything but the row owners and the owners' commits, each owner's commit count in their place;
 * non-finite numbers as {"n":"-Infinity"}) | padding to 4 bytes | rowOwner (i32 × rows) | rowRunbook (i32 × rows) |
 * the owners' commits one after the other (i32 each)`, little-endian. The commits (references into the block's strings,
 * thousands per owner: 1.8 of the bench's 1.8 MB of JSON) are read as numbers, not parsed.
 */
export function encodeBlockSummary(summary: BlockSummary): Buffer {
  const { rowOwner, rowRunbook, owners, ...rest } = summary;
  const commits = owners.reduce((n, [, o]) => n + o.commits.length, 0);
  const json = Buffer.from(
    JSON.stringify(
      {
        ...rest,
        owners: owners.map(([key, o]) => [key, { ...o, commits: o.commits.length }]),
        rows: rowOwner.length,
        commits,
      },
      (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { n: String(v) } : v),
    ),
    'utf8',
  );
  const start = 4 + json.length + ((4 - ((4 + json.length) % 4)) % 4);
  const out = Buffer.alloc(start + 8 * rowOwner.length + 4 * commits);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  Buffer.from(rowOwner.buffer, rowOwner.byteOffset, rowOwner.byteLength).copy(out, start);
  Buffer.from(rowRunbook.buffer, rowRunbook.byteOffset, rowRunbook.byteLength).copy(
    out,
    start + 4 * rowOwner.length,
  );
  let at = start + 8 * rowOwner.length;
  for (const [, o] of owners) for (const ref of o.commits) at = out.writeInt32LE(ref, at);
  return out;
}

export function decodeBlockSummary(body: Buffer): BlockSummary {
  const length = body.readUInt32LE(0);
  const { rows, commits, owners, ...rest } = finite(JSON.parse(body.toString('utf8', 4, 4 + length))) as Omit<
    BlockSummary,
    'rowOwner' | 'rowRunbook' | 'owners'
  > & { rows: number; commits: number; owners: [string, { commits: number }][] };
  const start = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(commits) ||
    !Array.isArray(owners) ||
    body.length !== start + 8 * rows + 4 * commits
  )
    throw new Error('summary: bad length');
  // Read in place where the bytes are 4-byte aligned (writeCheckedFile pads the header line to 8 bytes, and a file
  // read whole starts its own buffer): copying 4 MB into fresh memory cost ~30 ms here. Else copied out.
  const column = (from: number, count: number) => {
    if ((body.byteOffset + from) % 4 === 0) return new Int32Array(body.buffer, body.byteOffset + from, count);
    const out = new Int32Array(count);
    Buffer.from(out.buffer).set(body.subarray(from, from + 4 * count));
    return out;
  };
  const refs = column(start + 8 * rows, commits);
  let at = 0;
  const withCommits = owners.map(([key, o]) => {
    const n = o.commits;
    if (!Number.isInteger(n) || n < 0 || at + n > commits) throw new Error('summary: bad commit count');
    at += n;
    return [key, { ...o, commits: refs.subarray(at - n, at) }];
  }) as unknown as BlockSummary['owners'];
  if (at !== commits) throw new Error('summary: bad commit count');
  return {
    ...rest,
    owners: withCommits,
    rowOwner: column(start, rows),
    rowRunbook: column(start + 4 * rows, rows),
  };
}

/**
 * The non-finite numbers put back (`{"n":"-Infinity"}` → -Infinity), in place: what a JSON.parse reviver would do,
 * without calling one for each of the hundreds of thousands of numbers (the owners' commit and user lists).
 */
function finite(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') value[i] = finite(v);
    }
    return value;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'n') return Number(o.n);
  for (const k of keys) {
    const v = o[k];
    if (v !== null && typeof v === 'object') o[k] = finite(v);
  }
  return o;
}
