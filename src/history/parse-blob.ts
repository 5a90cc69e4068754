import jsyaml from 'js-yaml';
import { checkSchema } from '../definitions/parse-definition.js';
import { MAX_DEFINITION_BYTES, parseYaml } from '../definitions/parse-yaml.js';
import type { Validators } from '../definitions/schemas.js';
import type { DefinitionKind, Finding } from '../definitions/types.js';
import { needsFullParser, type BlockYamlParser } from './block-yaml.js';
import type { ParsedBlob } from './fold-history.js';
import { DEFINITION_ID } from '../definitions/types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What an id must look like for history to follow it (the index stores a record per id). */
const USABLE_ID = DEFINITION_ID;

/**
 * Parse a definition blob for history (pure): its value and the findings of the schemas given (empty: valid), or,
 * for a file that does not parse into a mapping with a usable id, the findings and no content. History parses
 * thousands of blobs, so plain documents go through js-yaml (6x faster) and the schema; anything unusual, and every
 * file that fails, is parsed again by `parseYaml` + `checkSchema` (what `validate` and `parseDefinition` use), whose
 * answer is authoritative. A runbook whose step ids repeat gets a `duplicate-step-id` finding (its steps' history
 * follows the first step of each id).
 */
export function parseBlob(
  bytes: Buffer,
  file: string,
  kind: DefinitionKind,
  validators: Validators,
  blocks?: BlockYamlParser,
): ParsedBlob {
  const fast = fastValue(bytes, kind, validators, blocks);
  let value: Record<string, unknown>;
  let findings: Finding[] = [];
  if (fast) {
    value = fast;
  } else {
    // The parser `validate` uses, for exact findings with line and column.
    const parsed = parseYaml(bytes, file);
    if (!parsed.ok) return { ok: false, findings: parsed.findings, id: null };
    findings = checkSchema(parsed.parsed, file, validators[kind]);
    const id = idOf(parsed.parsed.value);
    if (id === null || !USABLE_ID.test(id)) {
      return { ok: false, findings: findings.length > 0 ? findings : [noIdFinding(file)], id: null };
    }
    value = parsed.parsed.value as Record<string, unknown>;
  }
  if (kind === 'runbook' && Array.isArray(value.steps)) {
    const seen = new Set<unknown>();
    const dup = (value.steps as unknown[]).find((s) => {
      const id = s !== null && typeof s === 'object' ? (s as { id?: unknown }).id : undefined;
      return id !== undefined && (seen.has(id) || !seen.add(id));
    }) as { id: unknown } | undefined;
    if (dup) {
      findings = [
        ...findings,
        {
          code: 'duplicate-step-id',
          file,
          line: 1,
          col: 1,
          message: `step id "${String(dup.id)}" appears more than once`,
          hint: 'Give each step of a runbook its own id.',
          pointer: '/steps',
          severity: 'error',
        },
      ];
    }
  }
  return { ok: true, value, findings };
}

function noIdFinding(file: string): Finding {
  return {
    code: 'schema',
    file,
    line: 1,
    col: 1,
    message: 'the file names no usable id',
    hint: 'Give the definition an `id` of lowercase letters, digits and dashes.',
    pointer: '/id',
    severity: 'error',
  };
}

/**
 * The value of a plain, schema-valid document via js-yaml, or null to take the full path. With a block parser, only
 * the top-level blocks it has not seen in an earlier version are parsed (the value is then deep-frozen).
 */
export function fastValue(
  bytes: Buffer,
  kind: DefinitionKind,
  validators: Validators,
  blocks?: BlockYamlParser,
): Record<string, unknown> | null {
  if (bytes.length > MAX_DEFINITION_BYTES) return null;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  // The block parser refuses blocks that need the full parser itself; a whole document is checked here.
  let value: unknown = blocks?.parse(text) ?? null;
  if (value === null) {
    if (needsFullParser(text)) return null;
    try {
      value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return validators[kind](value) ? (value as Record<string, unknown>) : null;
}

function idOf(value: unknown): string | null {
  const id =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}
