import { describe, expect, it } from 'vitest';
import {
  describeScheduleProblem,
  listNextFirings,
  normalizeSchedule,
} from '../../src/schedules/parse-schedule.js';

describe('#17.4 schedules are parsed by croner', () => {
  it.each(['0 6 * * *', '*/15 0-6 * * mon-fri', '0 0 1,15 * *', '0 */5 * * * *', '5-55/10 * * * SUN'])(
    '#17.4 accepts %s',
    (expression) => {
      expect(describeScheduleProblem(expression)).toBeNull();
    },
  );

  it.each([
    ['0 6 * *', /5 fields, or 6/],
    ['60 * * * *', /minute/],
    ['0 24 * * *', /hour/],
    ['0 0 * 13 *', /month/],
    ['* * * * * * *', /this one has 7/],
    ['0 0 31 2 *', /never fires/],
  ])('#17.4 refuses %s', (expression, message) => {
    expect(describeScheduleProblem(expression)).toMatch(message);
  });

  it('#17.4 a time zone that is not an IANA name is a problem; a real one shifts the fire times', () => {
    expect(describeScheduleProblem({ cron: '0 3 * * *', timezone: 'Mars/Olympus' })).toMatch(
      /IANA time zone/,
    );
    const berlin = normalizeSchedule({ cron: '0 3 * * *', timezone: 'Europe/Berlin' });
    expect(listNextFirings(berlin, new Date('2026-01-01T00:00:00Z'), 2).map((d) => d.toISOString())).toEqual([
      '2026-01-01T02:00:00.000Z',
      '2026-01-02T02:00:00.000Z',
    ]);
    const utc = normalizeSchedule('*/20 * * * * *');
    expect(utc.timezone).toBe('UTC');
    expect(listNextFirings(utc, new Date('2026-01-01T00:00:00Z'), 3).map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
  });
});
