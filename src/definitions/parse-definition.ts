import { locatePointer, parseYaml, type ParsedYaml } from './parse-yaml.js';
import { describeSchemaError, usefulErrors, type Validators } from './schemas.js';
import type { Definition, DefinitionKind, Finding } from './types.js';

export type DefinitionResult =
  { ok: true; definition: Definition; parsed: ParsedYaml } | { ok: false; findings: Finding[] };

const SCHEMA_HINTS: Record<string, string> = {
  additionalProperties: 'Remove the key or fix its spelling; the schema lists the allowed keys.',
  required: 'Add the missing key.',
  enum: 'Use one of the listed values.',
  pattern: 'Change the value to match the expected form.',
  format: 'Change the value to the expected format.',
  type: 'Change the value to the expected type.',
};

/**
 * Parse and schema-check one definition file of a known kind. Pure: bytes in, a definition or located findings out.
 * Used for the work tree (`validate`) and for git blobs (history).
 */
export function parseDefinition(
  bytes: Buffer | string,
  file: string,
  kind: DefinitionKind,
  validators: Validators,
): DefinitionResult {
  const result = parseYaml(bytes, file);
  if (!result.ok) return result;
  const findings = checkSchema(result.parsed, file, validators[kind]);
  if (findings.length > 0) return { ok: false, findings };
  const definition = { kind, path: file, value: result.parsed.value } as Definition;
  return { ok: true, definition, parsed: result.parsed };
}

/** Schema findings for a parsed document, each at the line of the offending key. */
export function checkSchema(
  parsed: ParsedYaml,
  file: string,
  validate: Validators[keyof Validators],
): Finding[] {
  if (validate(parsed.value)) return [];
  return usefulErrors(validate.errors ?? []).map((e) => {
    const key =
      e.keyword === 'additionalProperties'
        ? String((e.params as { additionalProperty: string }).additionalProperty)
        : undefined;
    const pos = locatePointer(parsed, e.instancePath, key);
    return {
      code: 'schema',
      file,
      line: pos.line,
      col: pos.col,
      message: describeSchemaError(e),
      hint: SCHEMA_HINTS[e.keyword] ?? 'Fix the value so it matches the schema.',
      pointer: key === undefined ? e.instancePath : `${e.instancePath}/${key}`,
      severity: 'error' as const,
    };
  });
}
