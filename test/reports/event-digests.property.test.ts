import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/history/types.js';
import { eventsSource } from '../../src/reports/events-source.js';
import { ModelParts, partKey, type EventDigests } from '../../src/reports/model-parts.js';

/**
 * Reports one after the other, each handing the next the event digests it took (as the parts list keeps them): a
 * digest kept from an earlier report is only ever the digest of the events asked about now.
 */
describe('#15.9 event digests kept between reports', () => {
  it('#15.9 the digest given for a name is always that of its events now, whatever sources and events earlier reports saw', () => {
    const source = fc.option(fc.constantFrom('s1', 's2', 's3'), { freq: 5 });
    const report = fc.record({
      /** Which of a few identities (null: none): the whole index's, or (per ask) one definition's record's. */
      source,
      asks: fc.array(
        fc.record({
          name: fc.constantFrom('context', 'action:a', 'action:b'),
          events: fc.nat(2),
          own: fc.option(source, { freq: 2 }),
        }),
        {
          maxLength: 4,
        },
      ),
    });
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 6 }), (reports) => {
        // What each source stands for: its events per name are fixed (a source is an identity of the events).
        const eventsOf = (source: string | null, name: string, n: number) =>
          source === null ? [name, 'no identity', n] : [name, source, source.length];
        let kept: EventDigests | null = null;
        for (const r of reports) {
          const parts: ModelParts = new ModelParts(new Map(), null, kept);
          for (const ask of r.asks) {
            // A name asked under its own source (its record's), else under the report's.
            const from = ask.own === null ? r.source : ask.own;
            const events = eventsOf(from, ask.name, ask.events);
            const digest = parts.eventsDigest(from, ask.name, () => events);
            expect(digest).toBe(partKey(events));
          }
          kept = parts.usedEvents() ?? kept;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('#15.9 a report with the source of the last one takes no digest again', () => {
    const first = new ModelParts();
    first.eventsDigest('s1', 'action:a', () => ['a']);
    let taken = 0;
    const next = new ModelParts(new Map(), null, first.usedEvents());
    expect(next.eventsDigest('s1', 'action:a', () => (taken++, ['a']))).toBe(partKey(['a']));
    expect(taken).toBe(0);
    expect(next.eventsDigest('s2', 'action:a', () => (taken++, ['b']))).toBe(partKey(['b']));
    expect(taken).toBe(1);
  });

  it('#15.9 a definition keeps its digest after a commit that changed another one: its source is its record and its listed events', () => {
    const first = new ModelParts();
    first.eventsDigest('record-a 1', 'action:a', () => ['a1']);
    first.eventsDigest('record-b 1', 'action:b', () => ['b1']);
    let taken = 0;
    const next = new ModelParts(new Map(), null, first.usedEvents());
    expect(next.eventsDigest('record-a 1', 'action:a', () => (taken++, ['a1']))).toBe(partKey(['a1']));
    expect(next.eventsDigest('record-b 2', 'action:b', () => (taken++, ['b2']))).toBe(partKey(['b2']));
    expect(taken).toBe(1);
    expect(next.changed()).toBe(true);
  });

  it("#15.9 two definitions' sources are the same only for the same record and the same events listed, in order", () => {
    const event = fc.record({
      auditable_type: fc.constantFrom('Action', 'Runbook'),
      auditable_id: fc.constantFrom('a', 'b'),
      version: fc.nat(3),
      action: fc.constantFrom('create', 'update'),
      commit: fc.constantFrom('c1', 'c2', 'c3'),
    });
    const side = fc.record({
      record: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
      listed: fc.array(event, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(side, side, (x, y) => {
        const sx = eventsSource(x.record, x.listed as AuditEvent[], 'whole');
        const sy = eventsSource(y.record, y.listed as AuditEvent[], 'whole');
        // No record: the whole index's source, whatever is listed.
        if (x.record === undefined) expect(sx).toBe('whole');
        const same = x.record === y.record && JSON.stringify(x.listed) === JSON.stringify(y.listed);
        if (x.record !== undefined && y.record !== undefined) expect(sx === sy).toBe(same);
      }),
      { numRuns: 500 },
    );
  });
});
