import { createHash, randomBytes } from 'node:crypto';
import type { ExecutionRecord, VerifyProblem } from '../executions/types.js';
import type { AuditEvent, HistoryRewrite, InvalidEntry } from '../history/types.js';

/** Every event a webhook can subscribe to (docs/alerts.md). */
export const ALERT_EVENT_TYPES = [
  'definition.changed',
  'definition.invalid',
  'history.rewritten',
  'execution.started',
  'execution.finished',
  'runbook_run.waiting',
  'journal.tampered',
  'finding.opened',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/**
 * One event to deliver, as the outbox stores it and as Standard Webhooks payloads carry it (`type`, `timestamp`,
 * `data`). `id` is the `webhook-id`: stable across retries and restarts, so receivers drop duplicates.
 */
export interface AlertEvent {
  id: string;
  type: AlertEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** What filters look at, taken from the event (docs/alerts.md, "Filters"). */
export interface AlertSubject {
  kind?: string;
  id?: string;
  pointers?: string[];
  status?: string;
  trigger?: string;
}

/** A fresh event id (`msg_` + 24 hex); deterministic ids are derived with `stableEventId`. */
export function newEventId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}

/** An id derived from content, so the same fact emitted twice carries the same `webhook-id`. */
export function stableEventId(...parts: string[]): string {
  return `msg_${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24)}`;
}

/** `definition.changed`: one audit event and its semantic diff (JSON Pointer → old, new). */
export function definitionChangedEvent(event: AuditEvent, now: Date): AlertEvent {
  const diff =
    event.action === 'update'
      ? Object.entries(event.audited_changes).map(([pointer, pair]) => {
          const [from, to] = pair as [unknown, unknown];
          return { pointer, from, to };
        })
      : [];
  return {
    id: stableEventId('definition.changed', event.id),
    type: 'definition.changed',
    timestamp: now.toISOString(),
    data: { event, diff },
  };
}

/** `definition.invalid`: a definition file on the branch that did not parse or validate. */
export function definitionInvalidEvent(entry: InvalidEntry, now: Date): AlertEvent {
  return {
    id: stableEventId('definition.invalid', entry.id),
    type: 'definition.invalid',
    timestamp: now.toISOString(),
    data: { invalid: entry },
  };
}

/** `history.rewritten`: the tracked branch was force-pushed; the lost events are named by id. */
export function historyRewrittenEvent(rewrite: HistoryRewrite, now: Date): AlertEvent {
  const { events, ...summary } = rewrite;
  return {
    id: stableEventId('history.rewritten', rewrite.id),
    type: 'history.rewritten',
    timestamp: now.toISOString(),
    data: { rewrite: { ...summary, lost_event_ids: events.map((e) => e.id) } },
  };
}

/** `execution.started` for a `running` record, `execution.finished` (with its status) for a final one. */
export function executionEvent(record: ExecutionRecord, now: Date): AlertEvent {
  const type = record.status === 'running' ? 'execution.started' : 'execution.finished';
  // The output tails stay in the journal: a receiver gets the outcome, not the logs.
  const { results, ...rest } = record;
  const execution = {
    ...rest,
    results: results?.map(({ stdout_tail: _o, stderr_tail: _e, ...r }) => r),
  };
  return {
    id: stableEventId(type, record.id, record.hash),
    type,
    timestamp: now.toISOString(),
    data: { execution, status: record.status },
  };
}

/** `runbook_run.waiting`: a manual step of a runbook run needs someone (emitted by the runbook runner). */
export function runbookRunWaitingEvent(
  run: { id: string; runbook_id: string; step_id: string; [key: string]: unknown },
  now: Date,
): AlertEvent {
  return {
    id: stableEventId('runbook_run.waiting', run.id, run.step_id),
    type: 'runbook_run.waiting',
    timestamp: now.toISOString(),
    data: { runbook_run: run },
  };
}

/** `journal.tampered`: `opsledger verify` found problems; the same problems give the same id. */
export function journalTamperedEvent(
  report: { records: number; problems: VerifyProblem[] },
  now: Date,
): AlertEvent {
  const key = report.problems.map((p) => `${p.kind}:${p.segment}:${p.line}:${p.seq}`).join('|');
  return {
    id: stableEventId('journal.tampered', key),
    type: 'journal.tampered',
    timestamp: now.toISOString(),
    data: { records: report.records, problems: report.problems },
  };
}

/** `finding.opened`: a report finding that was not there before. */
export function findingOpenedEvent(
  finding: { code: string; subject: string; message: string; [key: string]: unknown },
  now: Date,
): AlertEvent {
  return {
    id: stableEventId('finding.opened', finding.code, finding.subject),
    type: 'finding.opened',
    timestamp: now.toISOString(),
    data: { finding },
  };
}

/** The fields filters match on. */
export function subjectOf(event: AlertEvent): AlertSubject {
  const d = event.data as Record<string, Record<string, unknown> | undefined>;
  switch (event.type) {
    case 'definition.changed': {
      const e = d.event as unknown as AuditEvent;
      const pointers = e.action === 'update' ? Object.keys(e.audited_changes) : [];
      return { kind: e.auditable_type, id: e.auditable_id, pointers };
    }
    case 'definition.invalid': {
      const e = d.invalid as unknown as InvalidEntry;
      return { kind: e.auditable_type, ...(e.auditable_id ? { id: e.auditable_id } : {}) };
    }
    case 'execution.started':
    case 'execution.finished': {
      const x = d.execution as unknown as ExecutionRecord;
      return { kind: 'Action', id: x.action_id, status: x.status, trigger: x.trigger };
    }
    case 'runbook_run.waiting': {
      const r = d.runbook_run as { runbook_id: string };
      return { kind: 'Runbook', id: r.runbook_id, status: 'waiting' };
    }
    default:
      return {};
  }
}
