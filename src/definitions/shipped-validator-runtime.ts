import { createHash } from 'node:crypto';
import { DEFINITION_KINDS, type DefinitionKind } from './types.js';

/**
 * What the precompiled validators of the shipped schemas (`shipped-validators.ts`) are made of: the kinds, the Ajv
 * runtime helpers their code asks for, and the hash of the schema texts they were made from.
 */
export const SHIPPED_KINDS: readonly DefinitionKind[] = DEFINITION_KINDS;

export const RUNTIME_MODULES: readonly string[] = [
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/equal',
  'ajv-formats/dist/formats',
];

/** The sha256 of the schema texts, in SHIPPED_KINDS order. */
export function schemaTextsHash(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(`${text.length}\n${text}`);
  return hash.digest('hex');
}
