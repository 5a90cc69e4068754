import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FindingCollector,
  newestFirst,
  trimCollected,
  type FindingHead,
} from '../../src/reports/finding-catalog.js';
import type { FindingKind } from '../../src/reports/report-model.js';

const KINDS: FindingKind[] = ['unauthorized-run', 'failing-streak', 'unreleased-definition-run'];
const SUBJECTS = ['restart-web', 'db-failover', 'health-check'];

interface Item {
  kind: number;
  subject: number;
  /** Few distinct instants, so ties (broken by the text) are common. */
  at: number;
  text: string;
  part: number;
}

const itemArb: fc.Arbitrary<Item> = fc.record({
  kind: fc.nat(KINDS.length - 1),
  subject: fc.nat(SUBJECTS.length - 1),
  at: fc.nat(40),
  text: fc.string({ maxLength: 3 }),
  part: fc.nat(3),
});

function add(collector: FindingCollector, item: Item): void {
  const head: FindingHead = {
    kind: KINDS[item.kind]!,
    severity: 'medium',
    subject: { type: 'action', id: SUBJECTS[item.subject]! },
    at: Date.UTC(2026, 0, 1) + item.at * 60_000,
  };
  collector.add(head, () => ({ summary: `finding ${item.text}`, evidence: [['Text', item.text]] }));
}

describe('#15.9 findings collected in parts', () => {
  it('#15.9 merging the parts (kept as JSON between reports) gives the groups and per-subject findings of one collector over every finding', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 40, maxLength: 400 }), (items) => {
        // Small caps so the parts overflow them and prune.
        const whole = new FindingCollector(3);
        for (const item of items) add(whole, item);
        const merged = new FindingCollector(3);
        for (let part = 0; part < 4; part++) {
          const own = new FindingCollector(3);
          for (const item of items) if (item.part === part) add(own, item);
          merged.merge(JSON.parse(JSON.stringify(own.collected())));
        }
        expect(merged.groups()).toEqual(whole.groups());
        for (const id of SUBJECTS) expect(merged.about('action', id)).toEqual(whole.about('action', id));
      }),
      { numRuns: 200 },
    );
  });
});

describe('#15.9 the findings a collector keeps', () => {
  it('#15.9 are the newest of every finding by time, then text, whatever the order they arrive in', () => {
    fc.assert(
      // Five instants: a full bucket is cut through a tie at almost every trim.
      fc.property(
        fc.array(
          itemArb.map((i) => ({ ...i, at: i.at % 5 })),
          // At least enough for buckets of 3 to be trimmed (fast-check otherwise keeps arrays short).
          { minLength: 60, maxLength: 400 },
        ),
        (items) => {
          const c = new FindingCollector(3);
          items.forEach((item, k) => {
            add(c, item);
            // Listed while still collecting (an order kept for a list that then grew must not be given again).
            if (k % 7 === 0) c.about('action', SUBJECTS[item.subject]!);
          });
          const all = new FindingCollector(1_000);
          for (const item of items) add(all, item);
          for (const id of SUBJECTS) {
            // One collector that never trims: every finding of the subject, in the order they are shown.
            const every = all.about('action', id);
            expect(c.about('action', id)).toEqual({
              total: every.total,
              items: newestFirst(every.items).slice(0, 3),
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('#15.9 kept parts hold only the findings that could still be shown', () => {
  const collect = (items: readonly Item[]) => {
    const c = new FindingCollector(3);
    for (const item of items) add(c, item);
    return c;
  };

  it('#15.9 after one part changes, the trimmed kept parts give exactly the groups of every finding, or say they cannot', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 40, maxLength: 600 }),
        fc.array(itemArb, { maxLength: 60 }),
        fc.nat(20),
        (items, added, removeEvery) => {
          const parts = [0, 1, 2, 3].map((p) => items.filter((i) => i.part === p));
          const first = new FindingCollector(3);
          for (const p of parts) first.merge(collect(p).collected());
          const since = first.shownSince();
          const kept = parts.map((p) =>
            JSON.parse(JSON.stringify(trimCollected(collect(p).collected(), since))),
          );
          // Part 0 changes: findings removed (removeEvery > 0) and added; the others are read back trimmed.
          const changed = [
            ...parts[0]!.filter((_, i) => removeEvery === 0 || i % (removeEvery + 1) !== 0),
            ...added.map((i) => ({ ...i, part: 0 })),
          ];
          const merged = new FindingCollector(3);
          merged.merge(collect(changed).collected());
          for (const p of kept.slice(1)) merged.merge(p);
          const whole = collect([...changed, ...parts.slice(1).flat()]);
          if (removeEvery === 0) expect(merged.exact()).toBe(true);
          if (merged.exact()) {
            expect(merged.groups()).toEqual(whole.groups());
            for (const id of SUBJECTS) expect(merged.about('action', id)).toEqual(whole.about('action', id));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('#15.9 findings only counted', () => {
  // Many findings, mostly of one kind and newest first as the run findings arrive, some out of order.
  const countedArb = fc.array(
    fc.record({
      kind: fc.oneof(
        { weight: 5, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.nat(KINDS.length - 1) },
      ),
      // One subject rare, so its bucket is not full while its kind's is.
      subject: fc.oneof({ weight: 60, arbitrary: fc.nat(1) }, { weight: 1, arbitrary: fc.constant(2) }),
      back: fc.oneof(
        { weight: 8, arbitrary: fc.nat(3) },
        { weight: 1, arbitrary: fc.integer({ min: -50, max: 50 }) },
      ),
    }),
    { minLength: 300, maxLength: 1500 },
  );

  it('#15.9 a finding countIfOld counts gives the groups and per-subject findings of adding it', () => {
    fc.assert(
      fc.property(countedArb, (items) => {
        const added = new FindingCollector();
        const counted = new FindingCollector();
        let at = Date.UTC(2026, 0, 1);
        let skipped = 0;
        for (const [n, item] of items.entries()) {
          at -= item.back * 60_000;
          const ms = at;
          const kind = KINDS[item.kind]!;
          const id = SUBJECTS[item.subject]!;
          const head: FindingHead = { kind, severity: 'medium', subject: { type: 'action', id }, at: ms };
          const details = () => ({
            summary: `finding ${n}`,
            evidence: [['Run', String(n)]] as [string, string][],
          });
          added.add(head, details);
          if (counted.countIfOld(kind, 'action', id, ms)) skipped += 1;
          else counted.add(head, details);
        }
        expect(counted.groups()).toEqual(added.groups());
        for (const id of SUBJECTS) expect(counted.about('action', id)).toEqual(added.about('action', id));
        expect(JSON.parse(JSON.stringify(counted.collected()))).toEqual(
          JSON.parse(JSON.stringify(added.collected())),
        );
        // The fast path is taken at all (else the property says nothing).
        if (items.length >= 1000 && items.filter((i) => i.back > 0).length > 900)
          expect(skipped).toBeGreaterThan(0);
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
