import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/executions/canonical-json.js';
import { checkParameters, parameterEnv, recordParameters } from '../../src/executions/check-parameters.js';
import { newExecutionId } from '../../src/executions/execution-id.js';
import { OutputTail, ScrubbedLines } from '../../src/executions/output-tail.js';
import {
  finishRollups,
  foldRollups,
  mergeGaps,
  planRetention,
  retentionDays,
} from '../../src/executions/plan-retention.js';
import { summarizeResults } from '../../src/executions/summarize-results.js';
import type { Parameter } from '../../src/definitions/types.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

const PARAMS: Parameter[] = [
  { name: 'service', type: 'string', required: true, pattern: '^[a-z]+$' },
  { name: 'retries', type: 'integer', default: 2 },
  { name: 'force', type: 'boolean' },
  { name: 'password', type: 'string', secret: true },
];

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members, adds no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 'é' }], c: undefined }, 'a-b': null })).toBe(
      '{"a":{"d":[3,{"y":"é","z":1}]},"a-b":null,"b":1}',
    );
  });
});

describe('execution ids', () => {
  it('sort by start time and do not collide', () => {
    const early = newExecutionId(new Date('2026-01-01T00:00:00Z'));
    const late = newExecutionId(new Date('2026-01-01T00:00:00.001Z'));
    expect(early < late).toBe(true);
    expect(early).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newExecutionId(new Date(0))).not.toBe(newExecutionId(new Date(0)));
  });
});

describe('parameters', () => {
  it('coerces strings, fills defaults, and names every problem without echoing a value', () => {
    const ok = checkParameters(PARAMS, { service: 'nginx', force: 'true', password: 's3cret!' });
    expect(ok.values).toEqual({ service: 'nginx', retries: 2, force: true, password: 's3cret!' });
    expect(ok.secrets).toEqual(['s3cret!']);
    expect(parameterEnv(ok.values)).toEqual({
      OPSLEDGER_PARAM_SERVICE: 'nginx',
      OPSLEDGER_PARAM_RETRIES: '2',
      OPSLEDGER_PARAM_FORCE: 'true',
      OPSLEDGER_PARAM_PASSWORD: 's3cret!',
    });
    expect(recordParameters(PARAMS, ok.values, (v) => `h(${v.length})`)).toEqual({
      service: 'nginx',
      retries: 2,
      force: true,
      password: { redacted: true, hmac: 'h(7)' },
    });
    let message = '';
    try {
      checkParameters(PARAMS, { service: 'NGINX', retries: '', password: 'Zz-leak', extra: 'x' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('parameter "service" must match pattern');
    expect(message).toContain('parameter "retries" must not be empty');
    expect(message).toContain('unknown parameter "extra"');
    expect(message).not.toContain('Zz-leak');
    expect(() => checkParameters(PARAMS, {})).toThrow(/missing required parameter "service"/);
    // exec: only the types of what was given; undeclared names only for an action the branch does not define.
    expect(checkParameters(PARAMS, { retries: '4' }, { partial: true }).values).toEqual({ retries: 4 });
    expect(() => checkParameters(PARAMS, { retries: '4', other: 'x' }, { partial: true })).toThrow(
      /unknown parameter "other"/,
    );
    expect(checkParameters([], { other: 'x' }, { partial: true, anyName: true }).values).toEqual({
      other: 'x',
    });
  });
});

describe('output capture', () => {
  it('keeps the tail, says how much was cut, and scrubs a secret even when the cut falls inside it', () => {
    const tail = new OutputTail(10, ['SECRET']);
    tail.push(Buffer.from('aaaaaaaaaaaaaaaaaaaaSEC'));
    tail.push(Buffer.from('RETbbbbbbb'));
    const out = tail.finish();
    expect(out.text).toBe('[REDACTED]bbbbbbb'.slice(-17));
    expect(out.text).not.toMatch(/SEC|RET|ECR/);
    expect(out.truncatedBytes).toBe(33 - 10);
    const plain = new OutputTail(100, []);
    plain.push(Buffer.from('hello\n'));
    expect(plain.finish()).toEqual({ text: 'hello\n', truncatedBytes: 0 });
  });

  it('scrubs live lines, also across chunk boundaries', () => {
    const lines: string[] = [];
    const live = new ScrubbedLines(['hunter2'], (l) => lines.push(l));
    live.push(Buffer.from('pass=hun'));
    live.push(Buffer.from('ter2 ok\nnext'));
    live.end();
    expect(lines).toEqual(['pass=[REDACTED] ok', 'next']);
  });
});

describe('run outcome', () => {
  const r = (status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled', exit_code: number | null) => ({
    target: null,
    status,
    exit_code,
    duration_ms: 1,
    stdout_tail: '',
    stderr_tail: '',
    truncated_bytes: 0,
  });
  it('is the worst target outcome, with the first non-zero exit code', () => {
    expect(summarizeResults([r('succeeded', 0), r('succeeded', 0)])).toEqual({
      status: 'succeeded',
      exit_code: 0,
    });
    expect(summarizeResults([r('succeeded', 0), r('failed', 3)])).toEqual({ status: 'failed', exit_code: 3 });
    expect(summarizeResults([r('failed', 3), r('timed_out', null)])).toMatchObject({ status: 'timed_out' });
    expect(summarizeResults([r('timed_out', null), r('cancelled', null)])).toMatchObject({
      status: 'cancelled',
    });
    expect(summarizeResults([])).toEqual({ status: 'failed', exit_code: null });
  });
});

describe('retention core', () => {
  const rec = (
    id: string,
    status: ExecutionRecord['status'],
    started: string,
    extra: Partial<ExecutionRecord> = {},
  ): ExecutionRecord => ({
    ...makeInput({ id, status, started_at: started, finished_at: started, duration_ms: 100 }),
    seq: 0,
    prev_hash: '',
    hash: '',
    ...extra,
  });
  it('applies per-action days first, failed_days to failures and unfinished runs, default to the rest', () => {
    const policy = { default_days: 30, failed_days: 90, actions: { noisy: 7 } };
    expect(retentionDays(policy, rec('a', 'succeeded', '2026-01-01T00:00:00Z'))).toBe(30);
    expect(retentionDays(policy, rec('a', 'failed', '2026-01-01T00:00:00Z'))).toBe(90);
    expect(retentionDays(policy, rec('a', 'running', '2026-01-01T00:00:00Z'))).toBe(90);
    expect(retentionDays(policy, rec('a', 'failed', '2026-01-01T00:00:00Z', { action_id: 'noisy' }))).toBe(7);
    expect(retentionDays({}, rec('a', 'failed', '2026-01-01T00:00:00Z'))).toBeNull();
    const plan = planRetention(
      [
        { latest: rec('old', 'succeeded', '2026-01-01T00:00:00Z'), seqs: [1, 3] },
        { latest: rec('kept', 'failed', '2026-01-01T00:00:00Z'), seqs: [2, 4] },
        { latest: rec('head', 'succeeded', '2026-01-01T00:00:00Z'), seqs: [5] },
      ],
      policy,
      new Date('2026-03-01T00:00:00Z'),
      5,
    );
    expect(plan.expired.map((e) => e.latest.id)).toEqual(['old']);
    expect(plan.purgeSeqs).toEqual([1, 3]);
  });

  it('merges purged runs into gaps that carry the hash of their last record', () => {
    const at = { purged_at: 't', reason: 'retention' };
    const gaps = mergeGaps([], [1, 2, 3, 7, 8], (s) => `h${s}`, at);
    expect(gaps.map((g) => [g.from_seq, g.through_seq, g.last_hash, g.records])).toEqual([
      [1, 3, 'h3', 3],
      [7, 8, 'h8', 2],
    ]);
    const more = mergeGaps(gaps, [4, 5, 6], (s) => `h${s}`, at);
    expect(more.map((g) => [g.from_seq, g.through_seq, g.last_hash, g.records])).toEqual([[1, 8, 'h8', 8]]);
  });

  it('rolls purged runs up per action and month with p50/p95 and distinct users and targets', () => {
    const runs = Array.from({ length: 100 }, (_, i) =>
      rec(`r${i}`, i % 10 === 0 ? 'failed' : 'succeeded', `2026-0${1 + (i % 2)}-10T00:00:00Z`, {
        duration_ms: (i + 1) * 10,
        initiator: { user: `user-${i % 3}`, via: 'cli' },
        targets: [`t${i % 4}`],
      }),
    );
    const [jan, feb] = finishRollups(foldRollups({}, runs));
    expect(jan).toMatchObject({
      action_id: 'restart-web',
      month: '2026-01',
      counts: { failed: 10, succeeded: 40 },
    });
    expect(feb!.counts).toEqual({ succeeded: 50 });
    expect(jan!.users).toEqual(['user-0', 'user-1', 'user-2']);
    expect(jan!.targets).toEqual(['t0', 't2']);
    // Jan holds 10, 30, ..., 990 ms: p50 near 490, p95 near 950 (2% buckets).
    expect(Math.abs(jan!.p50_ms! - 490) / 490).toBeLessThan(0.03);
    expect(Math.abs(jan!.p95_ms! - 950) / 950).toBeLessThan(0.03);
  });
});

describe('sealing a record', () => {
  it('ignores chain fields an input carries (a re-posted record) and puts hash last', async () => {
    const { sealRecord, hashRecord, GENESIS_HASH } = await import('../../src/executions/record-hash.js');
    const first = sealRecord(makeInput({ id: 'one' }), { seq: 0, hash: GENESIS_HASH });
    const again = sealRecord(first.record, { seq: 7, hash: first.record.hash });
    expect(again.record.seq).toBe(8);
    expect(again.record.prev_hash).toBe(first.record.hash);
    expect(again.record.hash).toBe(hashRecord(again.record));
    expect(again.line.match(/"hash":/g)).toHaveLength(1);
    expect(again.line.endsWith(`,"hash":"${again.record.hash}"}\n`)).toBe(true);
  });
});
