import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { foldRuns } from '../../src/reports/collect-runs.js';
import { encodeRuns } from '../../src/reports/encode-folded-runs.js';
import { foldColumns, foldColumnsFrom } from '../../src/reports/fold-columns.js';
import { parseInstant } from '../../src/executions/parse-instant.js';

const MIN = Date.UTC(900, 0, 1);
const MAX = Date.UTC(2200, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t).toISOString());

/** Instants as records hold them, and near misses: other fraction lengths, fields out of range, other forms. */
const instantLike = fc.oneof(
  instant,
  fc
    .tuple(instant, fc.stringMatching(/^[0-9]{0,10}$/))
    .map(([s, f]) => `${s.slice(0, 19)}${f ? `.${f}` : '.'}Z`),
  fc
    .tuple(
      instant,
      fc.nat(29),
      fc.constantFrom('0', '1', '2', '3', '5', '6', '9', 'x', '-', ':', 'T', 'Z', '.'),
    )
    .map(([s, at, c]) => `${s.slice(0, at)}${c}${s.slice(at + 1)}`),
  fc.tuple(instant, fc.nat(25)).map(([s, cut]) => s.slice(0, cut) + s.slice(cut + 1)),
  fc.string({ maxLength: 30 }),
);

describe('#15.9 parseInstant (parse-instant.ts)', () => {
  it('#15.9 gives what Date.parse gives, for instants as written and for near misses', () => {
    fc.assert(
      fc.property(instantLike, (s) => {
        expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of [
      '2024-02-30T00:00:00Z',
      '2024-02-29T24:00:00Z',
      '0999-01-01T00:00:00Z',
      '2024-01-01T00:00:60Z',
    ])
      expect(Object.is(parseInstant(s), Date.parse(s))).toBe(true);
  });
});

const word = fc.stringMatching(/^[a-z0-9@.é✓-]{1,8}$/);
const ids = fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'run-é', 'run-✓', 'rb1', 'rb2');

/** Records of a few runs (ids repeat, later seqs replace earlier ones), steps linked or naming only their run. */
const recordArb: fc.Arbitrary<Omit<ExecutionRecord, 'seq'>> = fc
  .record({
    id: ids,
    action: word,
    started: fc.oneof(instant, fc.constant('not a date')),
    status: fc.constantFrom('running', 'succeeded', 'failed', 'missed', 'denied' as const),
    user: word,
    via: fc.constantFrom('cli', 'api', 'scheduler' as const),
    recorded: fc.constantFrom(undefined, 'local', 'server' as const),
    trigger: fc.constantFrom('manual', 'schedule', 'runbook' as const),
    targets: fc.array(word, { maxLength: 3 }),
    commit: fc.option(fc.constantFrom('a'.repeat(40), 'b'.repeat(40)), { nil: null }),
    version: fc.option(fc.nat(9), { nil: null }),
    definitionStatus: fc.option(fc.constantFrom('released', 'draft'), { nil: null }),
    dirty: fc.boolean(),
    duration: fc.option(fc.nat(10_000), { nil: null }),
    kind: fc.constantFrom(undefined, 'runbook_run' as const),
    step: fc.option(
      fc.record({
        linked: fc.boolean(),
        id: fc.constantFrom('rbk', '', '?'),
        step: word,
        run: fc.constantFrom('rb1', 'rb2', 'rb3'),
      }),
      { nil: null },
    ),
    planned: fc.option(instant, { nil: undefined }),
    missed: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    attempt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map((g) => ({
    id: g.id,
    action_id: g.action,
    definition: {
      commit: g.commit,
      blob: null,
      path: null,
      version: g.version,
      status: g.definitionStatus,
      dirty: g.dirty,
    },
    trigger: g.trigger,
    initiator: { user: g.user, via: g.via },
    targets: g.targets,
    parameters: {},
    started_at: g.started,
    finished_at: null,
    duration_ms: g.duration,
    status: g.status,
    exit_code: null,
    prev_hash: '',
    hash: '',
    ...(g.recorded ? { recorded_via: g.recorded } : {}),
    ...(g.kind ? { kind: g.kind } : {}),
    ...(g.step?.linked ? { runbook: { id: g.step.id, step: g.step.step, run_id: g.step.run } } : {}),
    ...(g.step && !g.step.linked ? { runbook_run_id: g.step.run, step_id: g.step.step } : {}),
    ...(g.planned ? { planned_at: g.planned } : {}),
    ...(g.missed ? { missed: { count: g.missed, first: g.started, last: g.started } } : {}),
    ...(g.attempt ? { attempt: g.attempt } : {}),
  }));

describe('#15.9 the columnar fold (fold-columns.ts)', () => {
  it('#15.9 writes exactly what encodeRuns(foldRuns(records)) writes, in any record order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(recordArb, fc.integer({ min: 1, max: 50 })), { maxLength: 40 }),
        (drawn) => {
          const records = drawn.map(([r, seq]) => ({ ...r, seq }) as ExecutionRecord);
          const columns = foldColumns(records);
          const objects = encodeRuns(foldRuns(records));
          expect(Buffer.concat(columns.pieces).equals(Buffer.concat(objects.pieces))).toBe(true);
          const count = columns.block.count;
          expect(Array.from({ length: count }, (_, i) => columns.block.run(i))).toEqual(
            Array.from({ length: count }, (_, i) => objects.block.run(i)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('#15.9 lets the event loop take turns while it folds, and folds the same', async () => {
    // A full fold parses for seconds without waiting on I/O (its batches come from synchronous reads); the report's
    // chain walk is forked by a callback that waits for a turn of the event loop, so without turns it began only when
    // the fold was over (measured: forked 5.4 s into a 1M-record report, after the whole scan).
    const records = fc
      .sample(recordArb, { numRuns: 200, seed: 7 })
      .map((r, i) => ({ ...r, seq: i + 1 }) as ExecutionRecord);
    const BATCHES = 40;
    let folded = 0;
    async function* slowBatches(): AsyncGenerator<readonly ExecutionRecord[]> {
      for (let b = 0; b < BATCHES; b++) {
        // 3 ms of work per batch, as parsing a chunk of a segment takes.
        const until = performance.now() + 3;
        while (performance.now() < until);
        folded++;
        yield records.slice(b * 5, b * 5 + 5);
      }
    }
    let foldedAtFirstTurn = -1;
    setImmediate(() => (foldedAtFirstTurn = folded));
    const columns = await foldColumnsFrom(slowBatches());
    expect(foldedAtFirstTurn).toBeGreaterThan(0);
    expect(foldedAtFirstTurn).toBeLessThan(BATCHES);
    expect(Buffer.concat(columns.pieces).equals(Buffer.concat(foldColumns(records).pieces))).toBe(true);
  });
});
