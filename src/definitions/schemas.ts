import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import type { DefinitionKind } from './types.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

export type SchemaName = DefinitionKind | 'config';
export const SCHEMA_FILES: Record<SchemaName, string> = {
  action: 'action.schema.json',
  runbook: 'runbook.schema.json',
  role: 'role.schema.json',
  config: 'config.schema.json',
};

/** The schema folder shipped inside the opsledger package (used for repos that have none). */
export const SHIPPED_SCHEMA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../definitions/schema',
);

export type Validators = Record<SchemaName, ValidateFunction>;

const cache = new Map<string, Validators>();

/**
 * Compiled validators for every schema: the repo's own `definitions/schema/` when it has the file, else the copy
 * shipped with opsledger. Compiled once per schema folder per process.
 */
export function loadValidators(repoSchemaDir?: string): Validators {
  const key = repoSchemaDir ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    useDefaults: false,
  });
  addFormats(ajv);
  const compile = (name: SchemaName): ValidateFunction => {
    const own = repoSchemaDir ? path.join(repoSchemaDir, SCHEMA_FILES[name]) : undefined;
    const file = own && existsSync(own) ? own : path.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[name]);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Two repos may ship different versions of a schema under one $id; key by file instead.
    delete schema.$id;
    return ajv.compile(schema);
  };
  const validators: Validators = {
    action: compile('action'),
    runbook: compile('runbook'),
    role: compile('role'),
    config: compile('config'),
  };
  cache.set(key, validators);
  return validators;
}

/** Reduce ajv's errors to the ones a person should read: no `if`/`oneOf` wrapper noise when a precise one exists. */
export function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const precise = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'allOf');
  const list = precise.length > 0 ? precise : [...errors];
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One line describing a schema error, e.g. `unknown key "timout"` or `/status must be one of draft, ...`. */
export function describeSchemaError(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'document' : e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${String((e.params as { additionalProperty: string }).additionalProperty)}" in ${where}`;
    case 'required':
      return `missing required key "${String((e.params as { missingProperty: string }).missingProperty)}" in ${where}`;
    case 'enum':
      return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    case 'oneOf':
      return `${where} must set exactly one of the alternatives (e.g. script.inline or script.file)`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}
