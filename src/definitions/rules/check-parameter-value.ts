import { compileLinearPattern, type LinearPattern } from '../compile-linear-pattern.js';
import type { Parameter, Scalar } from '../types.js';

export type ValueProblem = { kind: 'type' | 'enum' | 'pattern'; message: string };

/**
 * Does a value fit a parameter's type, enum and pattern? Patterns are JSON Schema patterns: unanchored, ECMAScript
 * syntax with the `u` flag, matched by a linear-time engine (as ajv matches them when a run's parameters are
 * checked). Null when the value fits.
 */
export function checkParameterValue(parameter: Parameter, value: Scalar): ValueProblem | null {
  // A secret parameter's value is never echoed, not even a default (docs/executions.md, Secrets).
  const shown = parameter.secret === true ? 'the value' : JSON.stringify(value);
  if (!fitsType(parameter.type, value)) {
    return {
      kind: 'type',
      message: `${shown} is ${describeType(value)}, but parameter "${parameter.name}" is ${article(parameter.type)} ${parameter.type}`,
    };
  }
  if (parameter.enum && !parameter.enum.some((allowed) => allowed === value)) {
    return {
      kind: 'enum',
      message: `${shown} is not one of ${parameter.enum.map((v) => JSON.stringify(v)).join(', ')} (parameter "${parameter.name}")`,
    };
  }
  if (parameter.pattern !== undefined && typeof value === 'string') {
    const regex = compilePattern(parameter.pattern);
    if (regex && !regex.test(value)) {
      return {
        kind: 'pattern',
        message: `${shown} does not match /${parameter.pattern}/ (parameter "${parameter.name}")`,
      };
    }
  }
  return null;
}

const compiledPatterns = new Map<string, LinearPattern | null>();

/**
 * A parameter pattern compiled for the linear-time engine (docs/security.md), or null when it is not a valid unicode
 * regular expression or uses what that engine refuses (check-action reports which).
 */
function compilePattern(pattern: string): LinearPattern | null {
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    const compiled = compileLinearPattern(pattern);
    regex = compiled.ok ? compiled.regex : null;
    if (compiledPatterns.size >= 10_000) compiledPatterns.clear();
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}

function fitsType(type: Parameter['type'], value: Scalar): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function describeType(value: Scalar): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return typeof value === 'string' ? 'a string' : 'a boolean';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}
