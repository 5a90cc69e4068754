import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BlockFile } from '../../src/reports/block-file.js';
import { DamagedRunCache, parseBlockHead } from '../../src/reports/block-layout.js';
import { Ref, RunBlock } from '../../src/reports/run-block.js';
import { mergeFoldedRuns, type FoldedRun } from '../../src/reports/collect-runs.js';
import { decodeBlock, encodeRuns } from '../../src/reports/encode-folded-runs.js';
import { commitsOf, summarizeView, type BlockSummary } from '../../src/reports/run-owners.js';
import { decodeBlockSummary, encodeBlockSummary } from '../../src/reports/summary-store.js';
import { RunView, compareRuns } from '../../src/reports/run-view.js';

const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'rb1', 'rb2', 'ré'];
const runArb = (id: string): fc.Arbitrary<FoldedRun> =>
  fc.record({
    id: fc.constant(id),
    seq: fc.integer({ min: 1, max: 1000 }),
    action: fc.constantFrom('deploy', 'backup', 'nightly'),
    started: fc.integer({ min: 0, max: 20 }).map((d) => Date.UTC(2026, 0, 1 + d)),
    duration: fc.option(fc.nat(5000), { nil: null }),
    status: fc.constantFrom('succeeded', 'failed', 'missed', 'skipped', 'denied', 'abandoned' as const),
    user: fc.constantFrom('alice@example.com', 'bob@example.com'),
    trigger: fc.constantFrom('manual', 'schedule', 'runbook' as const),
    targets: fc.constantFrom(['web-01'], ['web-01', 'web-02'], []),
    version: fc.option(fc.nat(5), { nil: null }),
    commit: fc.option(fc.constantFrom('a'.repeat(40), 'b'.repeat(40)), { nil: null }),
    definitionStatus: fc.option(fc.constantFrom('released', 'draft'), { nil: null }),
    dirty: fc.boolean(),
    // A step names its runbook run (rb1, rb2) or a run that is none (r1), linked or not yet (`?`).
    runbook: fc.option(
      fc.record({
        id: fc.constantFrom('?', 'weekly'),
        step: fc.constant('s1'),
        run: fc.constantFrom('rb1', 'rb2', 'r1'),
      }),
      { nil: null },
    ),
    local: fc.boolean(),
    kind: fc.constantFrom('runbook_run' as const, null, null),
    planned: fc.option(
      fc.integer({ min: 0, max: 20 }).map((d) => Date.UTC(2026, 0, 1 + d)),
      { nil: null },
    ),
    missed: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    attempt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  }) as fc.Arbitrary<FoldedRun>;

/** Folded runs of distinct ids, sorted as foldRuns leaves them; `newer` ones have higher seqs. */
const setArb = (seqBase: number) =>
  fc
    .subarray(ids)
    .chain((chosen) => fc.tuple(...chosen.map(runArb)))
    .map((runs) =>
      // A runbook run is no step, nor is r1 (steps name no step); the others may be. Linked as foldRuns leaves them.
      mergeFoldedRuns(
        [],
        runs
          .map((r) =>
            r.id.startsWith('rb')
              ? { ...r, kind: 'runbook_run' as const, runbook: null, seq: r.seq + seqBase }
              : r.id === 'r1'
                ? { ...r, runbook: null, seq: r.seq + seqBase }
                : { ...r, kind: r.runbook ? null : r.kind, seq: r.seq + seqBase },
          )
          .sort(compareRuns),
      ),
    );

const copy = (runs: readonly FoldedRun[]) =>
  runs.map((r) => ({ ...r, runbook: r.runbook && { ...r.runbook } }));
const rows = (runs: readonly FoldedRun[]) => runs.map((r) => ({ ...r, point: -1 }));
const block = (runs: readonly FoldedRun[]) =>
  RunView.ofBlock(decodeBlock(Buffer.concat(encodeRuns(runs).pieces)));

const scratch = mkdtempSync(path.join(tmpdir(), 'opsledger-run-view-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
/**
 * The same runs' block read from a file as it is needed (block-file.ts), its body at `at` (the header line's place),
 * through reads of `chunk` bytes: small chunks put every column's rows across many reads.
 */
const fileBlock = (runs: readonly FoldedRun[], chunk: number, at = 8): RunBlock => {
  const body = Buffer.concat(encodeRuns(runs).pieces);
  const file = path.join(scratch, `runs-${files++}`);
  writeFileSync(file, Buffer.concat([Buffer.alloc(at, 32), body]));
  const head = parseBlockHead(body, body.length);
  return new RunBlock(
    head.count,
    new BlockFile(openSync(file, 'r'), at, head, chunk),
    head.ids,
    head.strings,
    head.targets,
  );
};

describe('#15.9 the run cache read as columns (run-view.ts, run-owners.ts)', () => {
  it('#15.9 merging later runs into the columns gives what mergeFoldedRuns gives on every run', () => {
    fc.assert(
      fc.property(setArb(0), setArb(1000), (older, newer) => {
        const expected = mergeFoldedRuns(copy(older), copy(newer));
        expect(rows(block(older).withNewer(copy(newer)).all())).toEqual(rows(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('#15.9 what the model reads of the runs does not depend on which of them came from the cache', () => {
    fc.assert(
      fc.property(
        setArb(0),
        setArb(1000),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (older, newer, a, b) => {
          const period = {
            since: Date.UTC(2026, 0, 1 + Math.min(a, b)),
            until: Date.UTC(2026, 0, 1 + Math.max(a, b)),
          };
          const split = block(older).withNewer(copy(newer));
          const whole = block(mergeFoldedRuns(copy(older), copy(newer)));
          const objects = RunView.ofRuns(mergeFoldedRuns(copy(older), copy(newer)));
          // The block's summary as the last report kept it (written and read back).
          const walked = summarizeView(block(older), period).block;
          expect(walked).toBeDefined();
          const encoded = encodeBlockSummary(walked!);
          const kept = decodeBlockSummary(encoded);
          // Its columns read in place (aligned, as a file read whole is) or copied out (any other offset): the same.
          const shifted = Buffer.concat([Buffer.alloc(1), encoded]).subarray(1);
          expect(decodeBlockSummary(shifted)).toEqual(kept);
          const shape = (view: RunView, from: BlockSummary | null = null) => {
            const s = summarizeView(view, period, from);
            return {
              owners: [...s.owners]
                .map(([key, o]) => ({
                  ...o,
                  key,
                  extraRefs: undefined,
                  number: undefined,
                  blockCommits: undefined,
                  runs: s
                    .refsOf(o)
                    .map((ref) => view.run(ref).id)
                    .sort(),
                  users: [...o.users].sort(),
                  commits: [...commitsOf(o, view.block?.strings ?? [])].sort(),
                }))
                .sort((x, y) => (x.key < y.key ? -1 : 1)),
              last: [...s.lastRunBefore].sort(),
              first: s.firstStarted,
              actionRuns: s.actionRuns,
              runbookRuns: s.runbookRuns,
              firings: s.firings.map((ref) => view.run(ref).id).sort(),
              schedules: s.schedules.adherence({ actions: [], runbooks: [] }),
            };
          };
          expect(shape(split)).toEqual(shape(whole));
          expect(shape(objects)).toEqual(shape(whole));
          // A kept summary of the block gives the same (it is not used when a later record replaced one of its rows).
          expect(shape(split, kept)).toEqual(shape(whole));
          expect(shape(block(older), kept)).toEqual(shape(block(older)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('#15.9 a block read from its file as needed gives what the block in memory gives, whatever the chunk size', () => {
    fc.assert(
      fc.property(
        setArb(0),
        setArb(1000),
        fc.constantFrom(64, 72, 128, 1024),
        fc.array(fc.nat(30)),
        fc.integer({ min: 0, max: 21 }),
        (older, newer, chunk, picks, day) => {
          const memory = decodeBlock(Buffer.concat(encodeRuns(older).pieces));
          const file = fileBlock(older, chunk);
          try {
            // Rows read together (any order, repeated) are the rows made one by one.
            const chosen = picks.filter((i) => i < memory.count);
            expect(file.runs(chosen)).toEqual(chosen.map((i) => memory.run(i)));
            const ms = Date.UTC(2026, 0, 1 + day);
            expect(file.startedBy(ms)).toBe(memory.startedBy(ms));
            const wanted = [...ids, 'none', ...older.slice(0, 2).map((r) => r.id)];
            expect(file.find(wanted)).toEqual(memory.find(wanted));
            const unlinked = (s: string) => s === '' || s === '?';
            expect(file.rowsWith('runbook', unlinked)).toEqual(memory.rowsWith('runbook', unlinked));
            // Merged with later runs, then read whole: the same runs.
            const merged = RunView.ofBlock(fileBlock(older, chunk)).withNewer(copy(newer));
            expect(rows(merged.all())).toEqual(rows(mergeFoldedRuns(copy(older), copy(newer))));
            merged.close();
          } finally {
            file.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('#15.9 rows read from a file whose columns do not fit its head throw DamagedRunCache, never a wrong run', () => {
    const runs = mergeFoldedRuns(
      [],
      ['r1', 'r2', 'r3'].map((id, i) => ({
        id,
        seq: i + 1,
        action: 'deploy',
        started: Date.UTC(2026, 0, 1 + i),
        duration: 10,
        status: 'succeeded' as const,
        user: 'alice@example.com',
        trigger: 'manual' as const,
        targets: ['web-01'],
        version: 1,
        commit: null,
        definitionStatus: null,
        dirty: false,
        runbook: null,
        local: false,
        kind: null,
        planned: null,
        missed: null,
        attempt: null,
      })),
    );
    const body = Buffer.concat(encodeRuns(runs).pieces);
    const head = parseBlockHead(body, body.length);
    // Row 1's user points past the strings; row 2's id ends before it starts.
    body.writeInt32LE(head.strings.length, head.refsAt + 4 * (Ref.User * head.count + 1));
    body.writeUInt32LE(0, head.offsetsAt + 4 * 3);
    const file = path.join(scratch, 'damaged');
    writeFileSync(file, body);
    const block = new RunBlock(
      head.count,
      new BlockFile(openSync(file, 'r'), 0, head, 64),
      head.ids,
      head.strings,
      head.targets,
    );
    try {
      expect(block.runs([0]).map((r) => r.id)).toEqual(['r1']);
      expect(() => block.runs([1])).toThrow(DamagedRunCache);
      expect(() => block.runs([2])).toThrow(DamagedRunCache);
      expect(() => block.columns()).toThrow(DamagedRunCache);
    } finally {
      block.close();
    }
  });
});
