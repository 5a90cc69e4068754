import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { collectRuns, versionLabel } from '../../src/reports/collect-runs.js';
import { finishedRun } from './fakes.js';

function record(seq: number, over: Parameters<typeof finishedRun>[0]): ExecutionRecord {
  return { ...finishedRun(over), seq, prev_hash: '', hash: '' };
}

describe('collectRuns', () => {
  const start = record(1, { action_id: 'a', at: '2026-01-02T00:00:00Z', user: 'u1', status: 'running' });
  const end = { ...start, seq: 3, status: 'failed' as const, duration_ms: 500 };
  const other = record(2, {
    action_id: 'b',
    at: '2026-01-01T00:00:00Z',
    user: 'pseudo-1',
    targets: ['x', 'y'],
  });
  const early = record(4, { action_id: 'a', at: '2025-12-01T00:00:00Z', user: 'u1' });
  const period = { since: Date.parse('2026-01-01T00:00:00Z'), until: Date.parse('2026-02-01T00:00:00Z') };

  it('keeps the latest state of each run, sorted by start, whatever the input order', () => {
    const resolve = (u: string) => (u === 'pseudo-1' ? 'bob@example.com' : u);
    const forward = collectRuns([start, other, end, early], resolve, period);
    const backward = collectRuns([early, end, other, start], resolve, period);
    expect(forward.rows).toEqual(backward.rows);
    expect(forward.rows.map((r) => [r.action, r.status, r.user, r.duration])).toEqual([
      ['b', 'succeeded', 'bob@example.com', 1200],
      ['a', 'failed', 'u1', 500],
    ]);
  });

  it('remembers the last run before the period for stale checks, ignoring denied attempts', () => {
    const denied = record(5, { action_id: 'c', at: '2025-12-05T00:00:00Z', user: 'u1', status: 'denied' });
    const { rows, lastRunBefore } = collectRuns([early, denied], (u) => u, period);
    expect(rows).toEqual([]);
    expect(lastRunBefore.get('a')).toBe(Date.parse('2025-12-01T00:00:00Z'));
    expect(lastRunBefore.has('c')).toBe(false);
  });

  it('labels the version that ran', () => {
    expect(versionLabel({ version: 3, commit: 'abc', dirty: false })).toBe('v3');
    expect(versionLabel({ version: 3, commit: 'abc', dirty: true })).toBe('v3 (dirty)');
    expect(versionLabel({ version: null, commit: null, dirty: true })).toBe('uncommitted');
    expect(versionLabel({ version: null, commit: null, dirty: false })).toBe('unknown');
  });
});
