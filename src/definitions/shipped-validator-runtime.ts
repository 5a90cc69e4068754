import { createHash } from 'node:crypto';
/**
 * What the precompiled validators of the shipped schemas (`shipped-validators.ts`, one per definition kind) are made
 * of: the Ajv runtime helpers their code asks for, and the hash of the schema texts they were made from.
 */
export const RUNTIME_MODULES: readonly string[] = [
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/equal',
  'ajv-formats/dist/formats',
];

/** The sha256 of the schema texts, in DEFINITION_KINDS order. */
export function schemaTextsHash(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(`${text.length}\n${text}`);
  return hash.digest('hex');
}
