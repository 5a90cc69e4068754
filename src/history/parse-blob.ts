import jsyaml from 'js-yaml';
import { checkSchema } from '../definitions/parse-definition.js';
import { MAX_DEFINITION_BYTES, parseYaml } from '../definitions/parse-yaml.js';
import type { Validators } from '../definitions/schemas.js';
import type { DefinitionKind } from '../definitions/types.js';
import { needsFullParser, type BlockYamlParser } from './block-yaml.js';
import type { ParsedBlob } from './fold-history.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parse a definition blob for history (pure): the schema-valid value, or findings plus the id when the YAML at least
 * names one. History parses thousands of blobs, so plain documents go through js-yaml (6x faster) and the schema;
 * anything unusual, and every file that fails, is parsed again by `parseYaml` + `checkSchema` (what `validate` and
 * `parseDefinition` use), whose answer is authoritative. A runbook whose step ids repeat is invalid here: its steps' history is keyed by them.
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
  if (fast) {
    value = fast;
  } else {
    // The parser `validate` uses, for exact findings with line and column.
    const parsed = parseYaml(bytes, file);
    if (!parsed.ok) return { ok: false, findings: parsed.findings, id: null };
    const findings = checkSchema(parsed.parsed, file, validators[kind]);
    if (findings.length > 0) return { ok: false, findings, id: idOf(parsed.parsed.value) };
    value = parsed.parsed.value as Record<string, unknown>;
  }
  if (kind === 'runbook') {
    const steps = (value.steps as { id: string }[] | undefined) ?? [];
    const seen = new Set<string>();
    const dup = steps.find((s) => seen.has(s.id) || !seen.add(s.id));
    if (dup) {
      return {
        ok: false,
        id: String(value.id),
        findings: [
          {
            code: 'duplicate-step-id',
            file,
            line: 1,
            col: 1,
            message: `step id "${dup.id}" appears more than once`,
            hint: 'Give each step of a runbook its own id.',
            pointer: '/steps',
            severity: 'error',
          },
        ],
      };
    }
  }
  return { ok: true, value };
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
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}
