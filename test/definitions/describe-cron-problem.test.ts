import { describe, expect, it } from 'vitest';
import { describeCronProblem } from '../../src/definitions/rules/describe-cron-problem.js';

describe('describeCronProblem', () => {
  it.each([
    '0 6 * * *',
    '*/15 0-6 * * mon-fri',
    '0 0 1,15 * *',
    '30 2 * jan-mar,dec 0',
    '0 0 ? * 7',
    '0 */5 * * * *',
    '5-55/10 * * * SUN',
  ])('accepts %s', (expression) => {
    expect(describeCronProblem(expression)).toBeNull();
  });

  it.each([
    ['0 6 * *', /5 or 6 fields/],
    ['60 * * * *', /minute field "60"/],
    ['0 24 * * *', /hour field/],
    ['0 0 0 * *', /day of month field/],
    ['0 0 * 13 *', /month field/],
    ['0 0 * * 8', /day of week field/],
    ['*/0 * * * *', /step "0"/],
    ['10-5 * * * *', /runs backwards/],
    ['0 0 L * *', /day of month field "L"/],
    ['0 0 * * mon#2', /day of week/],
    ['? * * * *', /minute field/],
  ])('refuses %s', (expression, message) => {
    expect(describeCronProblem(expression)).toMatch(message);
  });
});
