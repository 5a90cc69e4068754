import { closeSync, fsyncSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../state/durable-write.js';
import type { HistoryRewrite } from './types.js';

/** The format of a line of `rewrites.jsonl`; a reader refuses (lists as damaged) a line of a format it does not know. */
export const REWRITES_FORMAT = 1;

export type { HistoryRewrite };

/** Where the records live: beside the index, but not derived from git (a rebuild never removes it). */
export function rewritesFile(historyDir: string): string {
  return path.join(historyDir, 'rewrites.jsonl');
}

export interface RewriteLog {
  records: HistoryRewrite[];
  /** 1-based line numbers that are not a record (a torn last line of a crashed append is not listed). */
  damaged: number[];
}

/** The records of a data dir (`<dataDir>/history/rewrites.jsonl`), for readers that do not open the index. */
export function readRewritesOf(dataDir: string): RewriteLog {
  return readRewrites(path.join(dataDir, 'history'));
}

/** Every record of `rewrites.jsonl`, oldest first; a missing file is none. */
export function readRewrites(historyDir: string): RewriteLog {
  let text: string;
  try {
    text = readFileSync(rewritesFile(historyDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: [] };
    throw err;
  }
  const lines = text.split('\n');
  // The text after the last newline is a torn append (never acknowledged): not a record, not damage.
  lines.pop();
  const records: HistoryRewrite[] = [];
  const damaged: number[] = [];
  lines.forEach((line, i) => {
    const record = parseRecord(line);
    if (record) records.push(record);
    else damaged.push(i + 1);
  });
  return { records, damaged };
}

function parseRecord(line: string): HistoryRewrite | null {
  try {
    const value = JSON.parse(line) as Partial<HistoryRewrite>;
    const ok =
      value.format === REWRITES_FORMAT &&
      value.record === 'history_rewritten' &&
      typeof value.old_head === 'string' &&
      typeof value.new_head === 'string' &&
      Array.isArray(value.events);
    return ok ? (value as HistoryRewrite) : null;
  } catch {
    return null;
  }
}

/**
 * Append one record durably (write, fsync the file, fsync the folder when the file is new). A torn tail left by a
 * crashed append is cut first. The same rewrite met again (a crash after the append, before the index switched) is not
 * written twice: the last record having the same old head is that rewrite.
 */
export function appendRewrite(historyDir: string, record: HistoryRewrite): void {
  const file = rewritesFile(historyDir);
  const existed = statSync(file, { throwIfNoEntry: false }) !== undefined;
  if (existed) {
    const text = readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < Buffer.byteLength(text)) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    const last = readRewrites(historyDir).records.at(-1);
    if (last && last.old_head === record.old_head && last.branch === record.branch) return;
  }
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!existed) fsyncDir(historyDir);
}
