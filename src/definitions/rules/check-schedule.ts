import { describeScheduleProblem } from '../../schedules/parse-schedule.js';
import { makeFinding } from '../finding-codes.js';
import type { Action, Finding, Runbook } from '../types.js';
import { placeOf, type Loaded } from './rule-context.js';

/** A definition's `schedule`: croner must parse the cron and the time zone, and it must fire at least once. */
export function checkSchedule(loaded: Loaded<Action> | Loaded<Runbook>): Finding[] {
  const schedule = loaded.definition.value.schedule;
  if (schedule === undefined) return [];
  const problem = describeScheduleProblem(schedule);
  if (!problem) return [];
  const pointer =
    typeof schedule === 'string'
      ? '/schedule'
      : /zone/.test(problem)
        ? '/schedule/timezone'
        : '/schedule/cron';
  const text = typeof schedule === 'string' ? schedule : schedule.cron;
  return [makeFinding('schedule-invalid', placeOf(loaded, pointer), `schedule "${text}": ${problem}`)];
}
