import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openAlerts } from '../../src/alerts/open-alerts.js';
import { openFileOutbox } from '../../src/alerts/file-outbox.js';
import type { Outbox } from '../../src/alerts/outbox.js';
import type { WebhookConfig } from '../../src/config/load-config.js';
import type { AuditEvent, HistoryIndex } from '../../src/history/types.js';

const USER = { name: 'Bob', email: 'bob@example.com' };
const WEBHOOKS: WebhookConfig[] = [
  {
    id: 'changes',
    url: 'https://example.com/h',
    events: ['definition.changed'],
    secret_env: 'S',
    format: 'standard',
    max_attempts: 8,
  } as WebhookConfig,
];

/** Commit n of the shared branch, with one audit event. */
const commit = (n: number) => ({ sha: `c${n}`, created_at: new Date(Date.UTC(2026, 0, 1, n)).toISOString() });
const event = (n: number): AuditEvent =>
  ({
    id: `e${n}`,
    auditable_type: 'Action',
    auditable_id: 'ping',
    action: 'update',
    version: n + 1,
    audited_changes: { '/timeout': [n, n + 1] },
    user: USER,
    commit: `c${n}`,
    created_at: commit(n).created_at,
  }) as unknown as AuditEvent;

/** An instance's view of the history: the branch as its clone has it, up to `tip` (clones lag behind each other). */
function viewAt(tip: number): Pick<HistoryIndex, 'tip' | 'commits' | 'events' | 'invalid' | 'rewrites'> {
  const ns = Array.from({ length: tip + 1 }, (_, n) => n);
  return {
    tip: () => `c${tip}`,
    commits: () => ns.map(commit),
    events: () => ns.slice(1).map(event),
    invalid: () => [],
    rewrites: () => [],
  };
}

async function toldIn(outbox: Outbox): Promise<{ id: string; event: string }[]> {
  return (await outbox.read(0, 1_000_000)).map((e) => ({
    id: e.event.id,
    event: (e.event.data.event as { id: string }).id,
  }));
}

describe('#19 history alerts are told once per audit event across serve instances', () => {
  it('property: instances with their own or a shared cursor, whose clones lag, refreshing in any order → each event in the outbox once, none missing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.record({ instance: fc.nat(2), advance: fc.nat(2) }), { minLength: 1, maxLength: 20 }),
        async (sharedCursor, steps) => {
          const work = await mkdtemp(path.join(tmpdir(), 'opsledger-once-'));
          try {
            // The journal's outbox is shared; each instance has its own data dir for the cursor, or one shared.
            const outbox = openFileOutbox(path.join(work, 'journal'));
            const instances = [0, 1, 2].map((i) => ({
              tip: 0,
              alerts: openAlerts({
                dataDir: path.join(work, sharedCursor ? 'shared' : `data-${i}`),
                config: { webhooks: WEBHOOKS },
                now: () => new Date('2026-03-01T00:00:00Z'),
                onWarning: () => undefined,
                outbox,
              }),
            }));
            // Every instance starts at the first commit: the cursor is set, nothing told.
            for (const it of instances) await it.alerts.emitHistoryAlerts(viewAt(0) as HistoryIndex);
            let branch = 0;
            for (const step of steps) {
              branch += step.advance;
              const it = instances[step.instance]!;
              // This instance's clone catches up with some of what was pushed (never beyond the branch).
              it.tip = Math.min(branch, it.tip + 1 + step.advance);
              await it.alerts.emitHistoryAlerts(viewAt(it.tip) as HistoryIndex);
            }
            for (const it of instances) {
              it.tip = branch;
              await it.alerts.emitHistoryAlerts(viewAt(branch) as HistoryIndex);
            }
            const told = await toldIn(outbox);
            // Once each (one webhook-id per event)…
            expect(told.map((t) => t.id)).toEqual([...new Set(told.map((t) => t.id))]);
            // …and every audit event of the branch, none missing.
            expect(told.map((t) => t.event).sort()).toEqual(
              Array.from({ length: branch }, (_, n) => `e${n + 1}`).sort(),
            );
          } finally {
            await rm(work, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
