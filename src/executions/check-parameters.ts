import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { linearRegExpEngine } from '../definitions/compile-linear-pattern.js';
import type { Parameter, Scalar } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { rejectControlCharacters } from './reject-control-characters.js';
import type { RecordedParameter } from './types.js';

export interface CheckedParameters {
  /** Typed values (coerced from strings, defaults filled in), secrets included: only for the script's environment. */
  values: Record<string, Scalar>;
  /** The values of secret parameters as text (to scrub them out of captured output). */
  secrets: string[];
}

// Parameter patterns come from definitions: they run on a linear-time engine, never on a backtracking one.
const ajv = new Ajv({
  coerceTypes: true,
  useDefaults: true,
  allErrors: true,
  strict: false,
  code: { regExp: linearRegExpEngine },
});
const compiled = new Map<string, ValidateFunction>();

/** The JSON Schema of an action's parameters: types, required, enum, pattern, defaults; nothing else allowed. */
export function parameterSchema(definitions: readonly Parameter[], partial = false): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const p of definitions) {
    const s: Record<string, unknown> = { type: p.type };
    if (p.enum) s.enum = p.enum;
    if (p.pattern !== undefined && p.type === 'string') s.pattern = p.pattern;
    if (p.default !== undefined && !partial) s.default = p.default;
    properties[p.name] = s;
  }
  return {
    type: 'object',
    properties,
    required: partial
      ? []
      : definitions.filter((p) => p.required && p.default === undefined).map((p) => p.name),
    additionalProperties: partial,
  };
}

function validatorFor(definitions: readonly Parameter[], partial: boolean): ValidateFunction {
  const schema = parameterSchema(definitions, partial);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      // A definition committed before patterns were checked for the linear-time engine: refuse, never backtrack.
      throw new OpsledgerError(
        'PARAM_INVALID',
        `the action's parameters cannot be checked: ${(err as Error).message}`,
        {
          hint: 'Fix the parameter pattern in the definition; `opsledger validate` names it (pattern-unsupported).',
        },
      );
    }
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}

function describe(e: ErrorObject, definitions: readonly Parameter[]): string {
  if (e.keyword === 'additionalProperties') {
    const name = (e.params as { additionalProperty: string }).additionalProperty;
    const known = definitions.map((p) => p.name).join(', ') || 'none';
    return `unknown parameter "${name}" (the action takes: ${known})`;
  }
  if (e.keyword === 'required') {
    return `missing required parameter "${(e.params as { missingProperty: string }).missingProperty}"`;
  }
  const name = e.instancePath.replace(/^\//, '');
  const def = definitions.find((p) => p.name === name);
  if (e.keyword === 'enum') {
    return `parameter "${name}" must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
  }
  // Never echo a value: ajv's messages name the rule, not the input.
  return `parameter "${name}" ${e.message ?? 'is invalid'}${def?.type && e.keyword === 'type' ? ` (${def.type})` : ''}`;
}

/** Names no parameter may have: assigning one to a plain object would set its prototype instead of a value. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The problems with the names of given parameters: every name the action does not declare is refused, with the list
 * of the declared ones (docs/executions.md). `anyName` (an action the tracked branch does not define, for `exec`)
 * accepts undeclared names, but never a reserved one such as `__proto__`.
 */
export function parameterNameProblems(
  definitions: readonly Parameter[],
  names: readonly string[],
  options: { anyName?: boolean } = {},
): string[] {
  const declared = new Set(definitions.map((p) => p.name));
  const known = definitions.map((p) => p.name).join(', ') || 'none';
  const problems: string[] = [];
  for (const name of names) {
    if (RESERVED_NAMES.has(name))
      problems.push(`"${name}" is not a parameter name (the action takes: ${known})`);
    else if (!declared.has(name) && options.anyName !== true)
      problems.push(`unknown parameter "${name}" (the action takes: ${known})`);
  }
  return problems;
}

/**
 * Validate raw parameters (strings from the command line, or typed values from the API) against the action's
 * parameter definitions: coerce types, fill defaults, reject unknown ones and anything that breaks a rule, all
 * problems at once (PARAM_INVALID). `partial` (for `exec`) checks only the types of what was given; `anyName` (for
 * `exec` of an action the branch does not define) lets undeclared names through.
 */
export function checkParameters(
  definitions: readonly Parameter[],
  raw: Readonly<Record<string, unknown>>,
  options: { partial?: boolean; anyName?: boolean } = {},
): CheckedParameters {
  rejectControlCharacters(raw);
  const partial = options.partial === true;
  const data: Record<string, unknown> = {};
  const problems = parameterNameProblems(definitions, Object.keys(raw), { anyName: options.anyName });
  for (const [name, value] of Object.entries(raw)) {
    const def = definitions.find((p) => p.name === name);
    if (RESERVED_NAMES.has(name)) continue;
    if (def && def.type !== 'string' && value === '')
      problems.push(`parameter "${name}" must not be empty (${def.type})`);
    else data[name] = value;
  }
  const validate = validatorFor(definitions, partial);
  if (!validate(data)) for (const e of validate.errors ?? []) problems.push(describe(e, definitions));
  if (problems.length > 0) {
    throw new OpsledgerError('PARAM_INVALID', problems.join('; '));
  }
  const values: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      values[name] = value;
    else throw new OpsledgerError('PARAM_INVALID', `parameter "${name}" must be a string, number or boolean`);
  }
  const secrets = definitions
    .filter((p) => p.secret && values[p.name] !== undefined && String(values[p.name]) !== '')
    .map((p) => String(values[p.name]));
  return { values, secrets };
}

/** What the journal keeps of the parameters: secret ones as `{ redacted: true, hmac }`, never their value. */
export function recordParameters(
  definitions: readonly Parameter[],
  values: Readonly<Record<string, Scalar>>,
  hmac: (value: string) => string,
): Record<string, RecordedParameter> {
  const out: Record<string, RecordedParameter> = {};
  for (const [name, value] of Object.entries(values)) {
    const def = definitions.find((p) => p.name === name);
    out[name] = def?.secret ? { redacted: true, hmac: hmac(String(value)) } : value;
  }
  return out;
}

/** The environment a script gets its parameters in: `OPSLEDGER_PARAM_<NAME>` (upper-cased), values as text. */
export function parameterEnv(values: Readonly<Record<string, Scalar>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(values))
    env[`OPSLEDGER_PARAM_${name.toUpperCase()}`] = String(value);
  return env;
}
