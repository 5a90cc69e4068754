import type { RecordSummary } from './journal-index.js';
import type { ExecutionRecord } from './types.js';
import { parseInstant } from './parse-instant.js';

/** A journal line parsed far enough to index it, or null when it is not a record (verify reports those). */
export function parseJournalLine(
  line: Buffer | string,
): { record: ExecutionRecord; summary: RecordSummary } | null {
  let value: unknown;
  try {
    value = JSON.parse(typeof line === 'string' ? line : line.toString('utf8'));
  } catch {
    return null;
  }
  const startedMs = recordStart(value);
  if (startedMs === null) return null;
  const record = value as ExecutionRecord;
  return { record, summary: summarize(record, startedMs) };
}

/**
 * The records of `lines`, whole lines each ending with a newline (`iterateLineChunks`), in order: every line that
 * `parseJournalLine` takes for a record, the others skipped. Each line is decoded straight from the chunk (no copy),
 * no summary is made (a full scan), and the records come in arrays of at most `batch`: records consumed while young
 * are cheap to collect (a chunk's thousands held at once measured twice as slow). Decoding the chunk into one string
 * and slicing it measured slower too: JSON.parse of a slice of a large string costs more than of a string of its own.
 */
export function* parseRecordLines(lines: Buffer, afterSeq = 0, batch = 512): Generator<ExecutionRecord[]> {
  let records: ExecutionRecord[] = [];
  let at = 0;
  for (let nl = lines.indexOf(10); nl >= 0; nl = lines.indexOf(10, at)) {
    let value: unknown;
    try {
      value = JSON.parse(lines.toString('utf8', at, nl));
    } catch {
      value = null;
    }
    at = nl + 1;
    if (recordStart(value) !== null && (value as ExecutionRecord).seq > afterSeq) {
      if (records.push(value as ExecutionRecord) >= batch) {
        yield records;
        records = [];
      }
    }
  }
  if (records.length > 0) yield records;
}

/** The start (ms) of a parsed line that has a record's fields, or null when it is not a record. */
function recordStart(value: unknown): number | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const r = value as Partial<ExecutionRecord>;
  const startedMs = typeof r.started_at === 'string' ? parseInstant(r.started_at) : NaN;
  if (
    typeof r.id !== 'string' ||
    typeof r.seq !== 'number' ||
    typeof r.hash !== 'string' ||
    typeof r.action_id !== 'string' ||
    typeof r.status !== 'string' ||
    typeof r.trigger !== 'string' ||
    Number.isNaN(startedMs) ||
    typeof r.initiator?.user !== 'string' ||
    !Array.isArray(r.targets) ||
    !r.targets.every((t) => typeof t === 'string')
  ) {
    return null;
  }
  return startedMs;
}

/** The index's view of a record. */
export function summarize(record: ExecutionRecord, startedMs = Date.parse(record.started_at)): RecordSummary {
  return {
    id: record.id,
    seq: record.seq,
    hash: record.hash,
    startedMs,
    status: record.status,
    trigger: record.trigger,
    action: record.action_id,
    user: record.initiator.user,
    targets: record.targets,
  };
}
