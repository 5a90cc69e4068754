import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { linearRegExpEngine, type LinearPattern } from './compile-linear-pattern.js';
import { loadValidators, SCHEMA_FILES, SHIPPED_SCHEMA_DIR, type Validators } from './schemas.js';
import { schemaTextsHash } from './shipped-validator-runtime.js';
import { DEFINITION_KINDS } from './types.js';
import { FACTORIES, SCHEMA_TEXTS_HASH } from './shipped-validators.generated.js';

/** A CommonJS helper's function, however the module system hands it over (`module.exports` or its `default`). */
function unwrap(m: unknown): unknown {
  return typeof m === 'function' ? m : (m as { default: unknown }).default;
}

const RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: unwrap(ucs2lengthModule) },
  'ajv/dist/runtime/equal': { default: unwrap(equalModule) },
  'ajv-formats/dist/formats': { fullFormats },
};

type Factory = (
  runtime: (id: string) => unknown,
  engine: (pattern: string) => LinearPattern,
) => ValidateFunction;

/**
 * The linear-time engine, compiling each pattern when first matched: loading a schema's code compiles none (they
 * compiled when the build made the code, so none fails here), and an update of one commit matches only a few.
 */
function lazyPattern(pattern: string): LinearPattern {
  let compiled: LinearPattern | undefined;
  return {
    test: (text) => (compiled ??= linearRegExpEngine(pattern)).test(text),
    toString: () => `/${pattern}/u`,
  };
}

let shipped: Validators | null = null;

/**
 * The validators of the shipped schemas (what `loadValidators()` compiles), the definition kinds' from the code the
 * build made of them (`shipped-validators.generated.ts`, Ajv's standalone output of the same compile): an index update
 * judged by the shipped schemas loads them instead of compiling them with Ajv, which cost more than the update of one
 * commit (README, performance). Used only while the shipped schema files are the texts that code was made from (their
 * hash); otherwise, and for `config`, Ajv compiles them as before.
 */
export function shippedValidators(): Validators {
  if (shipped) return shipped;
  const texts = DEFINITION_KINDS.map((kind) =>
    readFileSync(path.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[kind]), 'utf8'),
  );
  if (schemaTextsHash(texts) !== SCHEMA_TEXTS_HASH) return (shipped = loadValidators());
  const out = {} as Validators;
  for (const name of Object.keys(SCHEMA_FILES) as (keyof Validators)[]) {
    const factory = (FACTORIES as unknown as Partial<Record<string, Factory>>)[name];
    let made: ValidateFunction | undefined;
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => (made ??= factory ? factory((id) => RUNTIME[id], lazyPattern) : loadValidators()[name]),
    });
  }
  return (shipped = out);
}
