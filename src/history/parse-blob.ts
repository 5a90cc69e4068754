import { parseDefinition } from '../definitions/parse-definition.js';
import { parseYaml } from '../definitions/parse-yaml.js';
import type { Validators } from '../definitions/schemas.js';
import type { DefinitionKind } from '../definitions/types.js';
import type { ParsedBlob } from './fold-history.js';

/**
 * Parse a definition blob for history (pure): the schema-valid value, or findings plus the id when the YAML at least
 * names one. A runbook whose step ids repeat is invalid here: its steps' history is keyed by those ids.
 */
export function parseBlob(
  bytes: Buffer,
  file: string,
  kind: DefinitionKind,
  validators: Validators,
): ParsedBlob {
  const result = parseDefinition(bytes, file, kind, validators);
  if (!result.ok) return { ok: false, findings: result.findings, id: readId(bytes, file) };
  const value = result.definition.value as unknown as Record<string, unknown>;
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

function readId(bytes: Buffer, file: string): string | null {
  const parsed = parseYaml(bytes, file);
  if (!parsed.ok) return null;
  const value = parsed.parsed.value as { id?: unknown } | null;
  return value && typeof value === 'object' && typeof value.id === 'string' ? value.id : null;
}
