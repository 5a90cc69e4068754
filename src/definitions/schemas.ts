import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { CONFIG_SCHEMA_FILE } from '../config/checked-config.js';
import { PACKAGE_ROOT } from '../package/package-root.js';
import { requirePackage } from '../package/require-package.js';
import { linearRegExpEngine } from './compile-linear-pattern.js';
import { DEFINITION_KINDS, type DefinitionKind } from './types.js';

interface AjvPackages {
  Ajv: typeof Ajv;
  addFormats: (ajv: Ajv) => Ajv;
}

let ajvLoaded: AjvPackages | undefined;

/**
 * Ajv and ajv-formats, required when a schema is first compiled (package/require-package.ts): an index update judged
 * by the shipped schemas uses their standalone validators and never compiles one. ajv-formats is CommonJS with a
 * default export.
 */
function ajvPackages(): AjvPackages {
  return (ajvLoaded ??= {
    Ajv: (requirePackage('ajv') as Pick<AjvPackages, 'Ajv'>).Ajv,
    addFormats: (requirePackage('ajv-formats') as { default: AjvPackages['addFormats'] }).default,
  });
}

export type SchemaName = DefinitionKind | 'config';
export const SCHEMA_FILES: Record<SchemaName, string> = {
  action: 'action.schema.json',
  runbook: 'runbook.schema.json',
  role: 'role.schema.json',
  config: CONFIG_SCHEMA_FILE,
};

/** The schema folder shipped inside the opsledger package (used for repos that have none). */
export const SHIPPED_SCHEMA_DIR = path.join(PACKAGE_ROOT, 'definitions/schema');

export type Validators = Record<SchemaName, ValidateFunction>;

const cache = new Map<string, Validators>();

/** The Ajv every definition schema is compiled with (`code`: extra code options, for the standalone build). */
export function createAjv(code: { source?: boolean; esm?: boolean } = {}): Ajv {
  const { Ajv, addFormats } = ajvPackages();
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    useDefaults: false,
    // A repo may ship its own schemas: their `pattern`s run on a linear-time engine (docs/security.md).
    code: { regExp: linearRegExpEngine, ...code },
  });
  addFormats(ajv);
  return ajv;
}

function compileSchema(ajv: Ajv, schema: Record<string, unknown>): ValidateFunction {
  // Two repos may ship different versions of a schema under one $id; key by content instead.
  const { $id: _id, ...rest } = schema;
  return ajv.compile(rest);
}

function readShippedSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[name]), 'utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * Compiled validators for every schema: the repo's own `definitions/schema/` when it has the file, else the copy
 * shipped with opsledger. Compiled once per schema folder per process.
 */
export function loadValidators(repoSchemaDir?: string): Validators {
  const key = repoSchemaDir ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const compile = (name: SchemaName): ValidateFunction => {
    const own = repoSchemaDir ? path.join(repoSchemaDir, SCHEMA_FILES[name]) : undefined;
    if (own && existsSync(own)) {
      try {
        return compileSchema(ajv, JSON.parse(readFileSync(own, 'utf8')) as Record<string, unknown>);
      } catch {
        // Unusable (bad JSON, too deep, a pattern the linear-time engine refuses): `validate` reports it as
        // schema-file-invalid; everything else goes on with the shipped schema.
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  // Each schema compiles when first used: a command that reads only opsledger.yaml pays for one schema, not four.
  const validators = {} as Validators;
  for (const name of [...DEFINITION_KINDS, 'config'] as const) {
    let compiled: ValidateFunction | undefined;
    Object.defineProperty(validators, name, { enumerable: true, get: () => (compiled ??= compile(name)) });
  }
  cache.set(key, validators);
  return validators;
}

/** A repo schema text that could not be used, and why; its kind falls back to the shipped schema. */
export interface SchemaProblem {
  name: SchemaName;
  message: string;
  /** Character offset of a JSON syntax error, when known. */
  offset?: number;
}

const textCache = new Map<string, { validators: Validators; problems: SchemaProblem[] }>();

/**
 * Validators from schema texts read elsewhere (a git index or commit): each given text is parsed and compiled,
 * the others come from the shipped copy. A text that does not parse or compile is a problem, not an exception, and
 * its kind uses the shipped schema. Cached by content.
 */
export function compileValidators(texts: Partial<Record<SchemaName, string>>): {
  validators: Validators;
  problems: SchemaProblem[];
} {
  const key = JSON.stringify(Object.entries(texts).sort(([a], [b]) => (a < b ? -1 : 1)));
  const hit = textCache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const problems: SchemaProblem[] = [];
  const compile = (name: SchemaName): ValidateFunction => {
    const text = texts[name];
    if (text !== undefined) {
      try {
        const schema = JSON.parse(text) as unknown;
        if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
          throw new Error('a schema must be a JSON object');
        }
        return compileSchema(ajv, schema as Record<string, unknown>);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const at = /position (\d+)/.exec(message);
        const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
        problems.push({ name, message, ...(offset === undefined ? {} : { offset }) });
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators: Validators = {
    action: compile('action'),
    runbook: compile('runbook'),
    role: compile('role'),
    config: compile('config'),
  };
  const result = { validators, problems };
  textCache.set(key, result);
  return result;
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
