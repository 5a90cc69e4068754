import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/definitions/types.js';
import { createPermissionJudge, holdsPermission } from '../../src/reports/holds-permission.js';
import { FindingCollector, FINDINGS_SHOWN } from '../../src/reports/finding-catalog.js';
import { escapeText } from '../../src/reports/render-markdown.js';
import { escapeHtml } from '../../src/reports/escape-html.js';
import { formatDuration, formatPercent, formatTime } from '../../src/reports/report-format.js';
import {
  isoWeek,
  percentile,
  percentileOf,
  percentileOfSorted,
  RateAccumulator,
  weeksBetween,
} from '../../src/reports/summarize-runs.js';
import { createPointInTime } from '../../src/reports/create-point-in-time.js';
import type { AuditEvent } from '../../src/history/types.js';
import type { ComplianceFinding } from '../../src/reports/report-model.js';

const ROLES: Role[] = [
  {
    id: 'ops',
    members: ['Dave@Example.com'],
    permissions: ['actions:execute'],
    scope: { actions: ['tag:web', 'db-*'] },
  },
  { id: 'root', members: ['alice@example.com'], permissions: ['admin'] },
  { id: 'authors', members: ['bob@example.com'], permissions: ['definitions:modify'] },
];

describe('holdsPermission (through src/access)', () => {
  const action = (id: string, tags: string[] = []) => ({ kind: 'action' as const, id, tags });
  it('limits actions:execute by scope (globs and tags), case-insensitive emails, admin implies all', () => {
    expect(holdsPermission(ROLES, 'dave@example.com', 'actions:execute', action('restart', ['web']))).toBe(
      true,
    );
    expect(holdsPermission(ROLES, 'dave@example.com', 'actions:execute', action('db-backup'))).toBe(true);
    expect(holdsPermission(ROLES, 'dave@example.com', 'actions:execute', action('restart'))).toBe(false);
    expect(holdsPermission(ROLES, 'alice@example.com', 'definitions:approve', action('x'))).toBe(true);
    expect(holdsPermission(ROLES, 'bob@example.com', 'definitions:modify', action('x'))).toBe(true);
    expect(holdsPermission(ROLES, 'bob@example.com', 'actions:execute', action('x'))).toBe(false);
  });

  it('gives the same answers memoized per role snapshot', () => {
    const judge = createPermissionJudge();
    for (const [email, id, tags] of [
      ['dave@example.com', 'restart', ['web']],
      ['dave@example.com', 'restart', []],
      ['eve@example.com', 'db-x', []],
    ] as const) {
      const subject = action(id, [...tags]);
      expect(judge.holds(ROLES, email, 'actions:execute', subject)).toBe(
        holdsPermission(ROLES, email, 'actions:execute', subject),
      );
    }
    expect(judge.rolesOf(ROLES, 'DAVE@example.com')).toEqual(['ops']);
  });
});

describe('createPointInTime', () => {
  const commits = [
    { sha: 'c1', created_at: '2026-01-01T00:00:00Z' },
    { sha: 'c2', created_at: '2026-01-03T00:00:00Z' },
    // Back-dated (rebased) commit: it cannot be in force before its parent.
    { sha: 'c3', created_at: '2026-01-02T00:00:00Z' },
    { sha: 'c4', created_at: '2026-01-05T00:00:00Z' },
  ];
  const roleEvent = (commit: string) => ({ auditable_type: 'Role', commit }) as AuditEvent;
  const calls: string[] = [];
  const pit = createPointInTime({
    commits,
    events: [roleEvent('c1'), roleEvent('c4')],
    invalid: [],
    definitionsAt: (_kind, commit) => {
      calls.push(commit);
      return [
        {
          id: `r-${commit}`,
          version: 1,
          commit,
          path: 'p',
          value: { id: `r-${commit}`, members: [], permissions: ['admin'] },
        },
      ];
    },
  });

  it('places instants on first-parent commits with monotonic time', () => {
    expect(pit.indexAt(Date.parse('2025-12-31T00:00:00Z'))).toBe(-1);
    expect(pit.indexAt(Date.parse('2026-01-02T12:00:00Z'))).toBe(0);
    expect(pit.indexAt(Date.parse('2026-01-03T00:00:00Z'))).toBe(2);
    expect(pit.indexAt(Date.parse('2026-02-01T00:00:00Z'))).toBe(3);
  });

  it('sweeps any sequence of instants to the same commits as indexAt (ascending runs, steps back, NaN)', () => {
    const day = 86_400_000;
    const base = Date.parse('2025-12-30T00:00:00Z');
    const instant = fc.oneof(
      fc.integer({ min: 0, max: 10 * day }).map((d) => base + d),
      fc.constantFrom(...commits.map((c) => Date.parse(c.created_at)), NaN),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 40 }), fc.boolean(), (times, sorted) => {
        const list = sorted ? [...times].sort((a, b) => a - b) : times;
        const at = pit.sweep();
        expect(list.map((ms) => at(ms))).toEqual(list.map((ms) => pit.indexAt(ms)));
      }),
    );
  });

  it('reads role files once per commit that changed them', () => {
    expect(pit.rolesAt(2)).toMatchObject({ asOf: 'c3', changedIn: 'c1' });
    expect(pit.rolesAt(1).roles).toBe(pit.rolesAt(2).roles);
    expect(pit.rolesAt(3)).toMatchObject({ asOf: 'c4', changedIn: 'c4' });
    expect(pit.rolesAt(-1)).toMatchObject({ asOf: null, changedIn: null, roles: [] });
    expect(calls).toEqual(['c1', 'c4']);
  });
});

describe('FindingCollector', () => {
  const finding = (
    i: number,
  ): [
    Omit<ComplianceFinding, 'summary' | 'evidence'>,
    () => Pick<ComplianceFinding, 'summary' | 'evidence'>,
  ] => [
    {
      kind: 'unauthorized-run',
      severity: 'high',
      subject: { type: 'action', id: `a${i % 3}` },
      // Many share a time: order must then come from the text, not from arrival.
      at: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 7))).toISOString(),
    },
    () => ({ summary: `run ${String(i).padStart(4, '0')}`, evidence: [['Run', String(i)]] }),
  ];

  it('keeps the same newest findings and counts whatever order they arrive in', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    const shuffled = [...ids].sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
    const collect = (order: number[]) => {
      const c = new FindingCollector();
      for (const i of order) c.add(...finding(i));
      return c;
    };
    const a = collect(ids);
    const b = collect(shuffled);
    expect(a.groups()).toEqual(b.groups());
    expect(a.about('action', 'a1')).toEqual(b.about('action', 'a1'));
    const [group] = a.groups();
    expect(group!.total).toBe(1000);
    expect(group!.items).toHaveLength(FINDINGS_SHOWN);
    expect(group!.items[0]!.summary).toBe('run 0994');
    expect(a.about('action', 'a1').total).toBe(333);
  });

  it('does not build the evidence of findings too old to be shown', () => {
    const c = new FindingCollector();
    let built = 0;
    for (let i = 999; i >= 0; i--) {
      const [head, details] = finding(i);
      c.add(head, () => {
        built += 1;
        return details();
      });
    }
    expect(built).toBeLessThan(600);
  });
});

describe('formatting and escaping', () => {
  it('formats numbers and times the same on every machine', () => {
    expect(formatDuration(350)).toBe('350 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(123_000)).toBe('2 min 03 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration(null)).toBe('–');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatTime('2026-01-05T10:00:00+02:00')).toBe('2026-01-05 08:00 UTC');
  });

  it('computes ISO weeks across year boundaries and nearest-rank percentiles', () => {
    expect(isoWeek(Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(Date.parse('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(Date.parse('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(weeksBetween(Date.parse('2026-12-28T00:00:00Z'), Date.parse('2027-01-11T00:00:00Z'))).toEqual([
      '2026-W53',
      '2027-W01',
      '2027-W02',
    ]);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('selects the same nearest-rank percentiles as sorting, whatever the order, duplicates and split', () => {
    const duration = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.array(duration, { maxLength: 40 }), { maxLength: 6 }),
        fc.array(duration, { maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lists, loose, q) => {
          const all = [...lists.flat(), ...loose];
          const sorted = [...Float64Array.from(all).sort()];
          expect(percentileOf(Float64Array.from(all), q)).toBe(percentile(sorted, q));
          // Kept parts' sorted lists and runs added one by one give the overview's p50 and p95.
          const acc = new RateAccumulator();
          for (const list of lists)
            acc.addCounted({ runs: list.length, succeeded: list.length, failed: 0, other: 0 }, [
              ...Float64Array.from(list).sort(),
            ]);
          for (const d of loose) acc.add('failed', d);
          acc.add('running', null);
          const s = acc.summary();
          expect([s.p50_ms, s.p95_ms]).toEqual([percentile(sorted, 0.5), percentile(sorted, 0.95)]);
          expect(s.runs).toBe(all.length + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('#15.9 selects across ascending lists where they are what selecting from their concatenation selects', () => {
    const duration = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.array(duration, { maxLength: 300 }), { maxLength: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (lists, q, shuffleOne) => {
          const all = lists.flat();
          const expected = percentileOf(Float64Array.from(all), q);
          const ascending = lists.map((l) => Float64Array.from(l).sort());
          expect(percentileOfSorted(ascending, q)).toBe(expected);
          // Only kept parts' lists: selected where they are; one list out of order: copied and selected like before.
          const acc = new RateAccumulator();
          for (const [i, list] of ascending.entries()) {
            const given = shuffleOne && i === 0 && list.length > 1 ? [...list].reverse() : list;
            acc.addCounted({ runs: list.length, succeeded: list.length, failed: 0, other: 0 }, given);
          }
          const s = acc.summary();
          expect([s.p50_ms, s.p95_ms]).toEqual([
            percentileOf(Float64Array.from(all), 0.5),
            percentileOf(Float64Array.from(all), 0.95),
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapes Markdown and HTML so user text cannot inject markup', () => {
    expect(escapeText('# not a heading')).toBe('\\# not a heading');
    expect(escapeText('1. not a list')).toBe('1\\. not a list');
    expect(escapeText('a|b <img src=x> [l](u) *e* _u_ `c` & ~s~')).toBe(
      'a\\|b \\<img src=x\\> \\[l\\](u) \\*e\\* \\_u\\_ \\`c\\` \\& \\~s\\~',
    );
    expect(escapeText('two\nlines')).toBe('two lines');
    expect(escapeText('plain text')).toBe('plain text');
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('#15.9 formatTime on the journal form', () => {
  it('gives, for any YYYY-MM-DDTHH:MM:SS[.sss]Z string (valid or not), what parsing it as a date gives', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        two(24),
        two(60),
        two(60),
        fc.option(fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`)),
        (y, mo, d, h, mi, s, frac) => {
          const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ?? ''}Z`;
          const ms = Date.parse(iso);
          const parsed = Number.isNaN(ms)
            ? iso
            : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
          expect(formatTime(iso)).toBe(parsed);
        },
      ),
      { numRuns: 20_000 },
    );
    expect(formatTime('2024-02-29T23:59:59.999Z')).toBe('2024-02-29 23:59 UTC');
    expect(formatTime('2023-02-29T00:00:00Z')).toBe(
      `${new Date(Date.parse('2023-02-29T00:00:00Z')).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );
  });
});
