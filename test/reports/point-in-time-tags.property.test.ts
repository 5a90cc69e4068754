import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/history/types.js';
import { createPointInTime } from '../../src/reports/create-point-in-time.js';

/**
 * `tagsAt` (src/reports/create-point-in-time.ts) searches each timeline in halves when its events are in branch order
 * and walks it otherwise. Whatever the events' order, kinds and tag changes, its answer is the one the plain walk
 * gives: the tags after the last event at or before the index, up to the first event after it.
 */

const COMMITS = Array.from({ length: 8 }, (_, i) => ({
  sha: `c${i}`,
  created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
}));
const TAGS = fc.subarray(['web', 'db', 'prod']);

const event = fc.record({
  type: fc.constantFrom('Action', 'Runbook', 'Role'),
  id: fc.constantFrom('a', 'b'),
  // A commit off the branch (c9) is not placed on any timeline.
  commit: fc.integer({ min: 0, max: 9 }),
  change: fc.oneof(
    fc.record({ action: fc.constant('create' as const), tags: fc.option(TAGS, { nil: undefined }) }),
    fc.record({ action: fc.constant('update' as const), tags: fc.option(TAGS, { nil: undefined }) }),
    fc.record({ action: fc.constant('delete' as const), tags: fc.constant(undefined) }),
  ),
});

function auditEvent(e: {
  type: string;
  id: string;
  commit: number;
  change: { action: 'create' | 'update' | 'delete'; tags: string[] | undefined };
}): AuditEvent {
  const { action, tags } = e.change;
  const audited_changes: Record<string, unknown> =
    action === 'create'
      ? tags
        ? { id: e.id, tags }
        : { id: e.id }
      : action === 'update' && tags
        ? { '/tags': [[], tags] }
        : {};
  return {
    auditable_type: e.type,
    auditable_id: e.id,
    commit: `c${e.commit}`,
    action,
    audited_changes,
  } as AuditEvent;
}

/** The plain walk: every event of the subject on the branch in the events' order, stopping at the first after `index`. */
function walk(
  events: readonly AuditEvent[],
  kind: 'action' | 'runbook',
  id: string,
  index: number,
): string[] | null {
  const type = kind === 'action' ? 'Action' : 'Runbook';
  let value: string[] | null = null;
  let previous: string[] = [];
  for (const e of events) {
    const at = COMMITS.findIndex((c) => c.sha === e.commit);
    if (e.auditable_type !== type || e.auditable_id !== id || at < 0) continue;
    if (at > index) break;
    const changes = e.audited_changes;
    value =
      e.action === 'delete'
        ? null
        : e.action === 'create'
          ? ((changes.tags as string[] | undefined) ?? [])
          : '/tags' in changes
            ? (changes['/tags'] as string[][])[1]!
            : previous;
    previous = value ?? [];
  }
  return value;
}

describe('#15.9 tags at a point in time', () => {
  it('answers as the plain walk does, in branch order or not', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 14 }), fc.boolean(), (raw, inBranchOrder) => {
        const ordered = inBranchOrder ? [...raw].sort((x, y) => x.commit - y.commit) : raw;
        const events = ordered.map(auditEvent);
        const pit = createPointInTime({ commits: COMMITS, events, invalid: [], definitionsAt: () => [] });
        for (const kind of ['action', 'runbook'] as const)
          for (const id of ['a', 'b', 'c'])
            for (let index = -1; index <= COMMITS.length; index++)
              expect(pit.tagsAt(kind, id, index), `${kind} ${id} at ${index}`).toEqual(
                walk(events, kind, id, index),
              );
      }),
      { numRuns: 400 },
    );
  });
});
