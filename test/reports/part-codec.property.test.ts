import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionPart, HistoryPart, RunbookPart } from '../../src/reports/model-parts.js';
import { findingDigest } from '../../src/reports/finding-catalog.js';
import { decodePart, encodePart, type StoredPart } from '../../src/reports/part-codec.js';

/** A kept part of the report model written and read back (src/reports/part-codec.ts, docs/reports.md). */

const json = fc.jsonValue({ maxDepth: 3 });
// Text past ASCII (a dash, an umlaut, an emoji) is written as `\u` escapes: read back as latin1, the same value.
const text = fc.oneof(fc.string(), fc.constantFrom('Dörte – “quoted”', '🚀 deploy', 'a\\"b\nc'));
const finding = fc.record({
  kind: fc.constantFrom('unauthorized-run', 'unreleased-definition-run'),
  summary: text,
  evidence: fc.array(fc.tuple(text, text), { maxLength: 3 }),
});
const items = fc.array(fc.record({ ms: fc.integer({ min: 0, max: 2 ** 42 }), finding }), { maxLength: 4 });
const findings = fc.record(
  {
    kinds: fc.array(fc.tuple(text, fc.record({ total: fc.nat(), items })), { maxLength: 3 }),
    subjects: fc.array(fc.tuple(text, text, fc.record({ total: fc.nat(), items })), { maxLength: 3 }),
    cuts: fc.array(fc.tuple(text, fc.integer()), { maxLength: 2 }),
  },
  { requiredKeys: ['kinds', 'subjects'] },
);
const actionPart = fc
  .record({
    id: text,
    changes: json,
    recent: json,
    runs: json,
    outcomes: json,
    versions: json,
    durations: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 20 }),
    findings,
    users: fc.array(fc.tuple(text, fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 }),
  })
  .map(
    (r): ActionPart =>
      ({
        report: {
          id: r.id,
          changes: r.changes,
          runs: r.runs,
          recent: r.recent,
          versions: r.versions,
          outcomes: r.outcomes,
        },
        findings: r.findings,
        overview: {
          durations: Float64Array.from(r.durations).sort(),
          users: r.users,
          roles: [],
          targets: [],
        },
      }) as unknown as ActionPart,
  );
const runbookPart = fc
  .record({ id: text, recent: json, changes: json, steps: json })
  .map((r): RunbookPart => ({ runbook: { ...r } }) as unknown as RunbookPart);
const historyPart = fc
  .record({ key: text, context: text, through: fc.nat(), digest: text, findings, activity: json })
  .map((r) => r as unknown as HistoryPart);
const part = fc.oneof(actionPart, runbookPart, historyPart);

const bytes = (p: StoredPart) => Buffer.concat(encodePart(p));
/** The part as plain data, durations as numbers: what must survive (JSON text keeps the key order too). */
const plain = (p: unknown) =>
  JSON.stringify(p, (_k, v: unknown) => (v instanceof Float64Array ? { f64: [...v].map(String) } : v));

describe('#15.9 kept parts of the report model: deferred fields', () => {
  it('#15.9 a part read back equals the one written, key order and durations included, and writes the same bytes whether or not its deferred fields were read', () => {
    fc.assert(
      fc.property(part, (written) => {
        const body = bytes(written);
        const read = decodePart(body);
        // Untouched, it writes back the very bytes it was read from (its unread texts reused, not parsed: blanked
        // after, they fail when read).
        const source = Buffer.from(body);
        const untouched = decodePart(source);
        expect(bytes(untouched).equals(body)).toBe(true);
        const textsEnd = source.length - 8 * ('overview' in written ? written.overview.durations.length : 0);
        if (textsEnd > source.indexOf(10) + 1) {
          source.fill(0x20, source.indexOf(10) + 1, textsEnd);
          expect(() => JSON.stringify(untouched)).toThrow(SyntaxError);
        }
        expect(plain(read)).toBe(plain(written));
        // Read (every getter called above), the same again.
        expect(bytes(read).equals(body)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('#15.9 deferred fields are parsed only when read (from the body they were read with), and a copy by descriptors shares them', () => {
    fc.assert(
      fc.property(actionPart, (written) => {
        const body = bytes(written);
        const read = decodePart(body) as ActionPart;
        const copy = Object.defineProperties(
          {},
          Object.getOwnPropertyDescriptors(read.report),
        ) as typeof read.report;
        expect(copy.recent).toBe(read.report.recent);
        expect(Object.keys(read.report)).toEqual(Object.keys(written.report));
        // The deferred texts blanked after the read: what is read of the part but them needs none, they fail.
        const blanked = Buffer.from(body);
        const lazyRead = decodePart(blanked) as ActionPart;
        blanked.fill(0x20, blanked.indexOf(10) + 1, blanked.length - 8 * written.overview.durations.length);
        expect(JSON.stringify(lazyRead.report.runs)).toBe(JSON.stringify(written.report.runs));
        expect(plain(lazyRead.overview)).toBe(plain(written.overview));
        expect(lazyRead.findings.kinds.map(([, b]) => b.items.map((k) => k.ms))).toEqual(
          written.findings.kinds.map(([, b]) => b.items.map((k) => k.ms)),
        );
        expect(() => lazyRead.report.outcomes).toThrow(SyntaxError);
        for (const [, b] of lazyRead.findings.kinds)
          for (const k of b.items) expect(() => k.finding).toThrow(SyntaxError);
      }),
      { numRuns: 100 },
    );
  });

  it('#15.9 a body whose bounds do not fit is refused, never read past its end', () => {
    fc.assert(
      fc.property(part, fc.nat(), (written, cut) => {
        const body = bytes(written);
        const nl = body.indexOf(10);
        const truncated = body.subarray(0, nl + 1 + (cut % Math.max(1, body.length - nl - 1)));
        if (truncated.length === body.length) return;
        // Deferred texts or durations cut off: the skeleton's bounds no longer fit (or parsing them fails).
        let failed = false;
        try {
          const read = decodePart(truncated);
          JSON.stringify(read);
        } catch {
          failed = true;
        }
        const hasTail = body.length > nl + 1;
        if (hasTail) expect(failed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('#15.9 a finding kept in several buckets (its kind and its subjects) is written once and read back as one object, the bytes the same again', () => {
    fc.assert(
      fc.property(actionPart, fc.array(fc.nat(), { maxLength: 6 }), (written, picks) => {
        // The subjects' buckets hold some of the kinds' very objects, as a collector's buckets do.
        const pool = written.findings.kinds.flatMap(([, b]) => b.items);
        if (pool.length === 0) return;
        const shared = picks.map((p) => pool[p % pool.length]!);
        const part = {
          ...written,
          findings: {
            ...written.findings,
            subjects: [['action', 'x', { total: shared.length, items: shared }]],
          },
        } as ActionPart;
        const body = bytes(part);
        const read = decodePart(body) as ActionPart;
        expect(bytes(read).equals(body)).toBe(true);
        const readPool = read.findings.kinds.flatMap(([, b]) => b.items);
        const [, , subject] = read.findings.subjects.at(-1)!;
        for (const [i, k] of subject.items.entries()) {
          expect(k).toBe(readPool[pool.indexOf(shared[i]!)]);
          expect(k.textDigest?.()).toBe(findingDigest(shared[i]!));
        }
        expect(plain(read)).toBe(plain(part));
      }),
      { numRuns: 200 },
    );
  });
});
