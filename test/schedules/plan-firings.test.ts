import { describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../src/schedules/list-schedules.js';
import { countFirings, firingId, planFirings } from '../../src/schedules/plan-firings.js';

const entry = (cron: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry => ({
  kind: 'action',
  id: 'tick',
  owner: 'ops@example.com',
  schedule: { cron, timezone: 'UTC' },
  catch_up: 'none',
  overlap: 'skip',
  commit: 'c'.repeat(40),
  version: 1,
  problem: null,
  next: [],
  ...extra,
});
const t = (iso: string): Date => new Date(iso);

describe('#17.4 due firings (pure, controlled clock)', () => {
  it('#17.4 a per-second schedule after a day away is counted, not listed: one missed entry with count, first and last', () => {
    const e = entry('* * * * * *');
    const cursors = new Map([['action:tick', t('2026-01-01T00:00:00Z')]]);
    const plan = planFirings([e], cursors, t('2026-01-02T00:00:00Z'), true);
    expect(plan.fire).toEqual([]);
    expect(plan.missed).toHaveLength(1);
    expect(plan.missed[0]).toMatchObject({ count: 86_400 });
    expect(plan.missed[0]!.first.toISOString()).toBe('2026-01-01T00:00:01.000Z');
    expect(plan.missed[0]!.last.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('#17.4 a service stopped over three firings: three missed in one record; catch_up: latest also runs the last one late', () => {
    const cursors = new Map([['action:tick', t('2026-01-01T00:00:10Z')]]);
    const at = t('2026-01-01T00:00:45Z');
    const none = planFirings([entry('*/10 * * * * *')], cursors, at, true);
    expect(none.missed.map((m) => [m.count, m.first.toISOString(), m.last.toISOString()])).toEqual([
      [3, '2026-01-01T00:00:20.000Z', '2026-01-01T00:00:40.000Z'],
    ]);
    expect(none.fire).toEqual([]);
    const latest = planFirings([entry('*/10 * * * * *', { catch_up: 'latest' })], cursors, at, true);
    expect(latest.fire.map((f) => [f.planned.toISOString(), f.late])).toEqual([
      ['2026-01-01T00:00:40.000Z', true],
    ]);
  });

  it('#17.4 while running the latest due firing runs; earlier ones of a stalled loop are missed; nothing due, nothing planned', () => {
    const cursors = new Map([['action:tick', t('2026-01-01T00:00:00Z')]]);
    const one = planFirings([entry('*/10 * * * * *')], cursors, t('2026-01-01T00:00:10.004Z'), false);
    expect(one.fire.map((f) => f.planned.toISOString())).toEqual(['2026-01-01T00:00:10.000Z']);
    expect(one.missed).toEqual([]);
    const stalled = planFirings([entry('*/10 * * * * *')], cursors, t('2026-01-01T00:00:31Z'), false);
    expect(stalled.fire.map((f) => f.planned.toISOString())).toEqual(['2026-01-01T00:00:30.000Z']);
    expect(stalled.missed.map((m) => [m.count, m.last.toISOString()])).toEqual([
      [2, '2026-01-01T00:00:20.000Z'],
    ]);
    expect(planFirings([entry('*/10 * * * * *')], cursors, t('2026-01-01T00:00:09Z'), false)).toEqual({
      fire: [],
      missed: [],
    });
    expect(
      planFirings([entry('bad', { problem: 'x' })], cursors, t('2026-01-01T01:00:00Z'), false).fire,
    ).toEqual([]);
  });

  it('#17.4 a firing has one id wherever it is planned; another time or definition has another', () => {
    const e = entry('* * * * *');
    const a = firingId(e, t('2026-01-01T00:01:00Z'));
    expect(firingId({ kind: 'action', id: 'tick' }, t('2026-01-01T00:01:00Z'))).toBe(a);
    expect(firingId(e, t('2026-01-01T00:02:00Z'))).not.toBe(a);
    expect(firingId({ kind: 'runbook', id: 'tick' }, t('2026-01-01T00:01:00Z'))).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
    expect(countFirings(e.schedule, t('2026-01-01T00:00:00Z'), t('2026-01-01T01:00:00Z')).count).toBe(60);
  });
});
