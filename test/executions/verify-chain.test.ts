import { describe, expect, it } from 'vitest';
import { collectLines } from '../../src/executions/collect-lines.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { longestIncreasing, verifyChain, type Anchor } from '../../src/executions/verify-chain.js';
import type { PurgeGap } from '../../src/state/retention-state.js';
import { makeInput } from './make-input.js';

/** A chain of `n` records as journal lines (ids r1..rn), optionally continuing from a checkpoint. */
function chain(
  n: number,
  from = { seq: 0, hash: GENESIS_HASH },
  tag = '',
): { lines: string[]; records: ExecutionRecord[] } {
  const lines: string[] = [];
  const records: ExecutionRecord[] = [];
  let head = from;
  for (let i = 0; i < n; i++) {
    const { record, line } = sealRecord(
      makeInput({ id: `r${head.seq + 1}${tag}`, initiator: { user: 'user-0123456789abcdef', via: 'cli' } }),
      head,
    );
    lines.push(line.slice(0, -1));
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  return { lines, records };
}

const text = (lines: string[], trailingNewline = true): string =>
  lines.join('\n') + (trailingNewline && lines.length ? '\n' : '');
const verify = (lines: string[], gaps: PurgeGap[] = [], anchors: Anchor[] = [], trailing = true) =>
  verifyChain(
    collectLines([{ name: 'segment-2026-01-1.jsonl', text: text(lines, trailing) }]),
    gaps,
    anchors,
  );
const kinds = (r: ReturnType<typeof verify>) => r.problems.map((p) => [p.kind, p.line, p.seq]);

describe('verifyChain', () => {
  it('passes a whole chain and reports its head', () => {
    const { lines, records } = chain(5);
    const report = verify(lines);
    expect(report.ok).toBe(true);
    expect(report.records).toBe(5);
    expect(report.head).toEqual({ seq: 5, hash: records[4]!.hash });
  });

  it('names an edited field as modified at its line', () => {
    const { lines } = chain(5);
    lines[2] = lines[2]!.replace('"status":"running"', '"status":"succeeded"');
    expect(kinds(verify(lines))).toEqual([['modified', 3, 3]]);
  });

  it('names a record edited with a recomputed hash (the next one chains to another hash)', () => {
    const { lines, records } = chain(5);
    const { hash: _h, seq: _s, prev_hash: _p, ...input } = records[1]!;
    const forged = sealRecord({ ...input, targets: ['db-99'] }, { seq: 1, hash: records[0]!.hash });
    lines[1] = forged.line.slice(0, -1);
    expect(kinds(verify(lines))).toEqual([['modified', 2, 2]]);
  });

  it('names a deleted line by the seq that is missing and where', () => {
    const { lines } = chain(6);
    lines.splice(2, 1);
    expect(kinds(verify(lines))).toEqual([['deleted', 3, 3]]);
    const two = chain(6).lines;
    two.splice(1, 2);
    const report = verify(two);
    expect(kinds(report)).toEqual([['deleted', 2, 2]]);
    expect(report.problems[0]!.message).toMatch(/seqs 2–3 are missing/);
  });

  it('names a forged line inserted with a copied seq and link as inserted', () => {
    const { lines, records } = chain(5);
    const forged = sealRecord(makeInput({ id: 'forged', action_id: 'drop-database' }), {
      seq: 2,
      hash: records[1]!.hash,
    });
    lines.splice(3, 0, forged.line.slice(0, -1)); // after the genuine seq 3
    expect(kinds(verify(lines))).toEqual([['inserted', 4, 3]]);
    const before = chain(5);
    before.lines.splice(2, 0, forged.line.slice(0, -1)); // before the genuine seq 3
    expect(kinds(verify(before.lines))).toEqual([['inserted', 3, 3]]);
  });

  it('names two swapped lines as one reordered record', () => {
    const { lines } = chain(6);
    [lines[2], lines[3]] = [lines[3]!, lines[2]!];
    const report = verify(lines);
    expect(report.problems.map((p) => p.kind)).toEqual(['reordered']);
    expect([3, 4]).toContain(report.problems[0]!.seq);
  });

  it('names a cut-off tail as truncated and garbage as unparseable', () => {
    const { lines } = chain(4);
    const cut = [...lines.slice(0, 3), lines[3]!.slice(0, 40)];
    expect(kinds(verify(cut, [], [], false))).toEqual([['truncated', 4, null]]);
    const garbage = [...lines.slice(0, 2), 'not json at all', ...lines.slice(2)];
    expect(kinds(verify(garbage))).toEqual([['unparseable', 3, null]]);
  });

  it('accepts a retention gap with its checkpoint, and flags a gap without one', () => {
    const { lines, records } = chain(8);
    const kept = lines.slice(5);
    const gap: PurgeGap = {
      from_seq: 1,
      through_seq: 5,
      last_hash: records[4]!.hash,
      purged_at: '2026-03-01T00:00:00.000Z',
      reason: 'retention',
      records: 5,
    };
    const report = verify(kept, [gap]);
    expect(report.ok).toBe(true);
    expect(report.gaps).toEqual([
      { through_seq: 5, checkpoint_hash: records[4]!.hash, purged_at: gap.purged_at, reason: 'retention' },
    ]);
    expect(kinds(verify(kept))).toEqual([['deleted', 1, 1]]);
    // A gap in the middle: records 3..4 purged.
    const middle = [...lines.slice(0, 2), ...lines.slice(4)];
    expect(verify(middle, [{ ...gap, from_seq: 3, through_seq: 4, last_hash: records[3]!.hash }]).ok).toBe(
      true,
    );
    // A checkpoint with the wrong hash does not cover a forged continuation.
    expect(verify(kept, [{ ...gap, last_hash: records[3]!.hash }]).problems.map((p) => p.kind)).toEqual([
      'modified',
    ]);
  });

  it('checks anchors: a rewritten journal mismatches, an older copy is rolled back', () => {
    const { lines, records } = chain(6);
    const anchors: Anchor[] = [
      { seq: 3, hash: records[2]!.hash, anchored_at: '2026-01-06T00:00:00.000Z', commit: 'a'.repeat(40) },
      { seq: 6, hash: records[5]!.hash, anchored_at: '2026-01-07T00:00:00.000Z', commit: 'b'.repeat(40) },
    ];
    expect(verify(lines, [], anchors).ok).toBe(true);
    expect(verify(lines, [], anchors).anchors_checked).toBe(2);
    const older = lines.slice(0, 4);
    expect(kinds(verify(older, [], anchors))).toEqual([['rolled_back', null, 4]]);
    const rewritten = chain(6, { seq: 0, hash: GENESIS_HASH }, 'x').lines;
    expect(verify(rewritten, [], anchors).problems.map((p) => p.kind)).toEqual([
      'anchor_mismatch',
      'anchor_mismatch',
    ]);
  });

  it('finds one longest increasing run', () => {
    expect([...longestIncreasing([1, 2, 4, 3, 5])].length).toBe(4);
    expect(longestIncreasing([5, 1, 2, 3, 4]).has(0)).toBe(false);
  });
});
