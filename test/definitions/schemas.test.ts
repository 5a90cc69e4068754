import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/definitions/parse-definition.js';
import { parseYaml } from '../../src/definitions/parse-yaml.js';
import { loadValidators, usefulErrors, type SchemaName } from '../../src/definitions/schemas.js';
import { FIXTURES } from './fixture-repo.js';

const SCHEMA_FIXTURES = path.join(FIXTURES, 'schema');
const KINDS: SchemaName[] = ['action', 'runbook', 'role', 'config'];
const validators = loadValidators();

function fixtures(group: 'valid' | 'invalid'): [SchemaName, string][] {
  return KINDS.flatMap((kind) =>
    readdirSync(path.join(SCHEMA_FIXTURES, group, kind))
      .sort()
      .map((file) => [kind, file] as [SchemaName, string]),
  );
}

function load(group: string, kind: SchemaName, file: string): { text: string; value: unknown; rel: string } {
  const rel = path.join(group, kind, file);
  const text = readFileSync(path.join(SCHEMA_FIXTURES, rel), 'utf8');
  const parsed = parseYaml(text, rel);
  if (!parsed.ok) throw new Error(`${rel} does not parse: ${JSON.stringify(parsed.findings)}`);
  return { text, value: parsed.parsed.value, rel };
}

describe('JSON Schemas (definitions/schema/*.schema.json)', () => {
  it.each(fixtures('valid'))('%s: valid/%s passes', (kind, file) => {
    const { value } = load('valid', kind, file);
    const validate = validators[kind];
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(fixtures('invalid'))('%s: invalid/%s fails at the expected path and keyword', (kind, file) => {
    const { text, rel } = load('invalid', kind, file);
    const header = /^# expect: pointer=(\S*) keyword=(\S+) line=(\d+)/.exec(text);
    expect(header, `${rel} needs an "# expect:" header`).not.toBeNull();
    const [, pointer, keyword, line] = header!;
    const validate = validators[kind];
    const parsed = parseYaml(text, rel);
    if (!parsed.ok) throw new Error('fixture does not parse');
    expect(validate(parsed.parsed.value)).toBe(false);
    const errors = usefulErrors(validate.errors ?? []).map((e) => ({
      keyword: e.keyword,
      pointer:
        e.keyword === 'additionalProperties'
          ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}`
          : e.instancePath,
    }));
    expect(errors).toContainEqual({ keyword, pointer });
    // The finding a person reads points at the line of the offending key.
    const findings = checkSchema(parsed.parsed, rel, validate);
    const finding = findings.find((f) => f.pointer === pointer);
    expect(finding, JSON.stringify(findings)).toBeDefined();
    expect(finding!.line).toBe(Number(line));
    expect(finding!.code).toBe('schema');
  });

  it('every schema is draft-07 with additionalProperties false at the top', () => {
    for (const kind of KINDS) {
      const schema = JSON.parse(
        readFileSync(
          path.join(SCHEMA_FIXTURES, '../../../../definitions/schema', `${kind}.schema.json`),
          'utf8',
        ),
      ) as { $schema: string; additionalProperties: boolean };
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.additionalProperties).toBe(false);
    }
  });
});
