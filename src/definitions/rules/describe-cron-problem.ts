interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** `?` (no specific value) is accepted in the day fields, as Quartz-style schedulers write it. */
  question?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const SECOND: CronField = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, question: true },
];

/**
 * What is wrong with a cron expression, or null when it is valid: five fields (minute hour day-of-month month
 * day-of-week) or six with seconds first; each field `*`, `N`, `A-B`, lists, and `/STEP`; month and day names.
 */
export function describeCronProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `a cron expression has 5 or 6 fields, this one has ${parts.length}`;
  }
  const fields = parts.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (let i = 0; i < parts.length; i++) {
    const problem = describeFieldProblem(parts[i]!, fields[i]!);
    if (problem) return `${fields[i]!.name} field "${parts[i]}": ${problem}`;
  }
  return null;
}

function describeFieldProblem(text: string, field: CronField): string | null {
  if (field.question && text === '?') return null;
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return 'more than one "/"';
    if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `step "${step}" is not a positive number`;
    if (range === '*') continue;
    const bounds = (range ?? '').split('-');
    if (bounds.length > 2) return `"${range}" is not a value or a range`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = parseValue(bound, field);
      if (value === null) return `"${bound}" is not a ${field.name} (${field.min}-${field.max})`;
      values.push(value);
    }
    if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" runs backwards`;
  }
  return null;
}

function parseValue(text: string, field: CronField): number | null {
  const named = field.names?.indexOf(text.toLowerCase() as never) ?? -1;
  if (named >= 0) return named + (field.names === MONTHS ? 1 : 0);
  if (!/^[0-9]+$/.test(text)) return null;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : null;
}
