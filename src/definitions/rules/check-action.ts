import { makeFinding } from '../finding-codes.js';
import type { Action, Finding } from '../types.js';
import { compileLinearPattern } from '../compile-linear-pattern.js';
import { checkParameterValue } from './check-parameter-value.js';
import { checkSchedule } from './check-schedule.js';
import { placeOf, type Loaded } from './rule-context.js';

/**
 * Rules within one action that a schema cannot express: unique parameter names, no secret defaults, defaults that
 * fit their own enum and pattern, valid patterns, and a valid cron schedule.
 */
export function checkAction(action: Loaded<Action>): Finding[] {
  const findings: Finding[] = [];
  const value = action.definition.value;
  const seen = new Map<string, number>();
  (value.parameters ?? []).forEach((parameter, index) => {
    const at = `/parameters/${index}`;
    const first = seen.get(parameter.name);
    if (first !== undefined) {
      findings.push(
        makeFinding(
          'duplicate-parameter',
          placeOf(action, `${at}/name`),
          `parameter "${parameter.name}" is declared twice (also parameters[${first}])`,
        ),
      );
    } else {
      seen.set(parameter.name, index);
    }
    if (parameter.pattern !== undefined) {
      if (parameter.type !== 'string') {
        findings.push(
          makeFinding(
            'pattern-not-string',
            placeOf(action, `${at}/pattern`),
            `parameter "${parameter.name}" is ${parameter.type === 'integer' ? 'an' : 'a'} ${parameter.type}; a pattern only applies to strings`,
          ),
        );
      } else {
        const compiled = compileLinearPattern(parameter.pattern);
        if (!compiled.ok) {
          const invalid = compiled.reason === 'invalid';
          findings.push(
            makeFinding(
              invalid ? 'pattern-invalid' : 'pattern-unsupported',
              placeOf(action, `${at}/pattern`),
              invalid
                ? `pattern /${parameter.pattern}/ of parameter "${parameter.name}" is not a valid unicode regular expression`
                : `pattern /${parameter.pattern}/ of parameter "${parameter.name}" cannot be matched in linear time: ${compiled.message}`,
            ),
          );
        }
      }
    }
    if (parameter.default === undefined) return;
    if (parameter.secret === true) {
      findings.push(
        makeFinding(
          'secret-default',
          placeOf(action, `${at}/default`),
          `secret parameter "${parameter.name}" has a default value; secrets never live in the repo`,
        ),
      );
      return;
    }
    if (parameter.required === true) {
      findings.push(
        makeFinding(
          'required-with-default',
          placeOf(action, `${at}/required`),
          `parameter "${parameter.name}" is required but has a default, so it is never missing`,
        ),
      );
    }
    const problem = checkParameterValue(parameter, parameter.default);
    if (problem?.kind === 'enum') {
      findings.push(
        makeFinding('default-enum', placeOf(action, `${at}/default`), `default ${problem.message}`),
      );
    } else if (problem?.kind === 'pattern') {
      findings.push(
        makeFinding('default-pattern', placeOf(action, `${at}/default`), `default ${problem.message}`),
      );
    }
  });
  findings.push(...checkSchedule(action));
  return findings;
}
