import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelParts, partKey, type EventDigests } from '../../src/reports/model-parts.js';

/**
 * Reports one after the other, each handing the next the event digests it took (as the parts list keeps them): a
 * digest kept from an earlier report is only ever the digest of the events asked about now.
 */
describe('#15.9 event digests kept between reports', () => {
  it('#15.9 the digest given for a name is always that of its events now, whatever sources and events earlier reports saw', () => {
    const report = fc.record({
      /** Which of a few history identities (null: the index has none). */
      source: fc.option(fc.constantFrom('s1', 's2', 's3'), { freq: 5 }),
      asks: fc.array(
        fc.record({ name: fc.constantFrom('context', 'action:a', 'action:b'), events: fc.nat(2) }),
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
            const events = eventsOf(r.source, ask.name, ask.events);
            const digest = parts.eventsDigest(r.source, ask.name, () => events);
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
});
