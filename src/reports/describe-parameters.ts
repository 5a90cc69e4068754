import type { RecordedParameter } from '../executions/types.js';
import type { People } from './create-people.js';
import type { RunParameter } from './report-model.js';

/** Longer values are cut here (with `…`): a recent-runs table is a summary, the journal holds the whole value. */
const MAX_VALUE = 80;

/**
 * A run's recorded parameters as the report shows them, sorted by name. Secret values never appear: the journal
 * stores them as `{ redacted: true }`, and a name the action declares secret today is redacted too, whatever an older
 * run recorded (docs/reports.md, *What the pages show*). People in values become pseudonyms when pseudonymizing.
 */
export function describeParameters(
  recorded: Readonly<Record<string, RecordedParameter>> | null,
  secretNames: ReadonlySet<string>,
  people: People,
): RunParameter[] {
  if (recorded === null) return [];
  return Object.keys(recorded)
    .sort()
    .map((name): RunParameter => {
      const value = recorded[name]!;
      if (typeof value === 'object' || secretNames.has(name))
        return { name, value: 'redacted', redacted: true };
      const text = people.scrub(String(value));
      return {
        name,
        value: text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text,
        redacted: false,
      };
    });
}
