import { describe, expect, it } from 'vitest';
import {
  definitionChangedEvent,
  executionEvent,
  journalTamperedEvent,
  type AlertEvent,
  type AlertEventType,
} from '../../src/alerts/alert-event.js';
import { createAlertEmitter, emitRunbookRunWaiting } from '../../src/alerts/alert-emitter.js';
import { collectHistoryAlerts } from '../../src/alerts/collect-history-alerts.js';
import { redactUrl } from '../../src/alerts/describe-webhooks.js';
import { matchWebhook } from '../../src/alerts/match-webhook.js';
import { renderDelivery } from '../../src/alerts/render-delivery.js';
import type { WebhookConfig } from '../../src/config/load-config.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import type { AuditEvent, HistoryRewrite, InvalidEntry } from '../../src/history/types.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const USER = { name: 'Bob', email: 'bob@example.com' };

function audit(id: string, commit: string, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    auditable_type: 'Action',
    auditable_id: 'db-backup',
    action: 'update',
    version: 2,
    audited_changes: { '/script/inline': ['a', 'b'] },
    user: USER,
    commit,
    created_at: '2026-02-01T00:00:00Z',
    path: 'definitions/actions/db-backup.yaml',
    message: 'm',
    pull_request: null,
    revert_of: null,
    blob: 'b',
    authors: [USER],
    committer: USER,
    valid: true,
    problems: [],
    changed_by: null,
    merged_by: null,
    restores: null,
    partial: false,
    forge: null,
    approvals: null,
    ...extra,
  };
}

function run(
  status: ExecutionRecord['status'],
  trigger: ExecutionRecord['trigger'] = 'manual',
): ExecutionRecord {
  return {
    id: 'x1',
    action_id: 'db-backup',
    definition: { commit: null, blob: null, path: null, version: 1, status: 'released', dirty: false },
    trigger,
    initiator: { user: 'u', via: 'cli' },
    targets: [],
    parameters: {},
    started_at: NOW.toISOString(),
    finished_at: null,
    duration_ms: null,
    status,
    exit_code: null,
    results: [
      {
        target: null,
        status,
        exit_code: 1,
        duration_ms: 1,
        stdout_tail: 'password=hunter2',
        stderr_tail: '',
        truncated_bytes: 0,
      },
    ],
    seq: 2,
    prev_hash: 'p',
    hash: 'h',
  };
}

const hook = (
  filter: WebhookConfig['filter'],
  events: AlertEventType[] = ['definition.changed', 'execution.finished'],
) => ({
  id: 'w',
  url: 'https://example.com/h',
  events,
  secret_env: 'S',
  format: 'standard' as const,
  max_attempts: 8,
  ...(filter ? { filter } : {}),
});

describe('#19.1 events and filters (pure core)', () => {
  it('#19.1 filters: type, id glob, pointer prefix, status, trigger; a key the event lacks does not exclude it', () => {
    const change = definitionChangedEvent(audit('e1', 'c1'), NOW);
    const failed = executionEvent(run('failed', 'schedule'), NOW);
    expect(matchWebhook(hook(undefined), change)).toBe(true);
    expect(matchWebhook(hook({ id: 'db-*' }), change)).toBe(true);
    expect(matchWebhook(hook({ id: 'web-*' }), change)).toBe(false);
    expect(matchWebhook(hook({ type: 'Role' }), change)).toBe(false);
    expect(matchWebhook(hook({ pointer: '/script' }), change)).toBe(true);
    expect(matchWebhook(hook({ pointer: '/scr' }), change)).toBe(false);
    expect(matchWebhook(hook({ pointer: '/timeout' }), change)).toBe(false);
    expect(matchWebhook(hook({ status: 'failed' }), change)).toBe(true);
    expect(matchWebhook(hook({ status: ['failed', 'timed_out'] }), failed)).toBe(true);
    expect(matchWebhook(hook({ status: 'succeeded' }), failed)).toBe(false);
    expect(matchWebhook(hook({ trigger: 'schedule' }), failed)).toBe(true);
    expect(matchWebhook(hook({ trigger: 'api' }), failed)).toBe(false);
    expect(matchWebhook(hook(undefined, ['execution.started']), failed)).toBe(false);
    // A create changes every pointer.
    const created = definitionChangedEvent(
      audit('e2', 'c1', { action: 'create', audited_changes: { id: 'x' } }),
      NOW,
    );
    expect(matchWebhook(hook({ pointer: '/timeout' }), created)).toBe(true);
  });

  it('#19.1 definition.changed carries the audit event and its semantic diff; ids are stable', () => {
    const e = definitionChangedEvent(audit('e1', 'c1'), NOW);
    expect(e.data.diff).toEqual([{ pointer: '/script/inline', from: 'a', to: 'b' }]);
    expect(e.id).toBe(definitionChangedEvent(audit('e1', 'c1'), new Date()).id);
    expect(e.id).not.toBe(definitionChangedEvent(audit('e2', 'c1'), NOW).id);
  });

  it('#19.1 execution events: started for running, finished with status; output tails stay in the journal', () => {
    expect(executionEvent(run('running'), NOW).type).toBe('execution.started');
    const finished = executionEvent(run('failed'), NOW);
    expect(finished).toMatchObject({ type: 'execution.finished', data: { status: 'failed' } });
    expect(JSON.stringify(finished)).not.toContain('hunter2');
  });

  it('#19.1 history alerts: nothing on the first look, then one per new event, invalid file and rewrite', () => {
    const commits = [{ sha: 'c1', created_at: '2026-02-01T00:00:00Z' }];
    const events = [audit('e1', 'c1')];
    const invalid: InvalidEntry[] = [];
    const rewrites: HistoryRewrite[] = [];
    const history = {
      tip: () => commits[commits.length - 1]!.sha,
      commits: () => commits,
      events: () => events,
      invalid: () => invalid,
      rewrites: () => rewrites,
    };
    const first = collectHistoryAlerts(history, null, NOW);
    expect(first.events).toEqual([]);
    commits.push({ sha: 'c2', created_at: '2026-02-02T00:00:00Z' });
    events.push(audit('e2', 'c2'), audit('e3', 'c2', { auditable_id: 'other' }));
    invalid.push({
      id: 'i1',
      action: 'invalid',
      auditable_type: 'Action',
      auditable_id: null,
      path: 'definitions/actions/x.yaml',
      commit: 'c2',
      created_at: '2026-02-02T00:00:00Z',
      user: USER,
      message: 'm',
      findings: [],
    });
    const second = collectHistoryAlerts(history, first.cursor, NOW);
    expect(second.events.map((e: AlertEvent) => e.type)).toEqual([
      'definition.changed',
      'definition.changed',
      'definition.invalid',
    ]);
    expect(collectHistoryAlerts(history, second.cursor, NOW).events).toEqual([]);
    // A force-push: the old tip is gone; commits after its date are new; the rewrite is told once.
    commits.splice(1, 1, { sha: 'c2b', created_at: '2026-02-03T00:00:00Z' });
    events.splice(1, 2, audit('e4', 'c2b'));
    rewrites.push({
      format: 1,
      record: 'history_rewritten',
      id: 'r1',
      branch: 'main',
      old_head: 'c2',
      new_head: 'c2b',
      detected_at: NOW.toISOString(),
      events_lost: 2,
      events: [audit('e2', 'c2'), audit('e3', 'c2')],
      complete: true,
    });
    const third = collectHistoryAlerts(history, second.cursor, NOW);
    expect(third.events.map((e) => e.type)).toEqual(['history.rewritten', 'definition.changed']);
    expect(third.events[0]!.data).toMatchObject({ rewrite: { lost_event_ids: ['e2', 'e3'] } });
  });

  it('#19.1 slack format: a readable unsigned message; URLs are printed without their secrets', () => {
    const slack = renderDelivery(
      {
        id: 's',
        url: 'https://hooks.slack.com/services/T/B/X',
        events: ['journal.tampered'],
        format: 'slack',
        max_attempts: 8,
      },
      journalTamperedEvent({ records: 3, problems: [] }, NOW),
      undefined,
      NOW,
    );
    expect(JSON.parse(slack.body)).toEqual({
      text: 'opsledger: the execution journal failed verification (0 problem(s))',
    });
    expect(slack.headers['webhook-signature']).toBeUndefined();
    expect(redactUrl('https://hooks.slack.com/services/T/B/X', 'slack')).toBe('https://hooks.slack.com/…');
    expect(redactUrl('https://u:p@example.com/h?token=abc', 'standard')).toBe('https://example.com/h?…');
  });
});

describe('#19.1 runbook_run.waiting', () => {
  it('#19.1 emitRunbookRunWaiting puts one event in the outbox for a webhook that wants it, none otherwise', async () => {
    const appended: AlertEvent[][] = [];
    const outbox = {
      append: async (events: readonly AlertEvent[]) => void appended.push([...events]),
      appendOnce: () => Promise.reject(new Error('not used')),
      read: async () => [],
      lines: async () => [],
      at: async () => null,
      size: async () => 0,
      exclusive: () => Promise.reject(new Error('not used')),
    };
    const wanting = createAlertEmitter({
      outbox: () => outbox,
      webhooks: [hook({ id: 'web-*' }, ['runbook_run.waiting'])],
    });
    const run = { id: 'rr1', runbook_id: 'web-incident', step_id: 'restart' };
    await emitRunbookRunWaiting(wanting, run, NOW);
    await emitRunbookRunWaiting(wanting, { ...run, runbook_id: 'db-failover' }, NOW);
    expect(appended).toHaveLength(1);
    expect(appended[0]![0]).toMatchObject({ type: 'runbook_run.waiting', data: { runbook_run: run } });
  });
});
