import type { RecordSummary } from './journal-index.js';
import type { ExecutionRecord } from './types.js';

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
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const r = value as Partial<ExecutionRecord>;
  const startedMs = typeof r.started_at === 'string' ? Date.parse(r.started_at) : NaN;
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
  const record = value as ExecutionRecord;
  return { record, summary: summarize(record, startedMs) };
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
