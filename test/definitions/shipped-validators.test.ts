import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderShippedValidators, SHIPPED_VALIDATORS_FILE } from '../../scripts/render-shipped-validators.js';
import { parseYaml } from '../../src/definitions/parse-yaml.js';
import { loadValidators } from '../../src/definitions/schemas.js';
import { DEFINITION_KINDS } from '../../src/definitions/types.js';
import { shippedValidators } from '../../src/definitions/shipped-validators.js';
import { FIXTURES } from './fixture-repo.js';

const SCHEMA_FIXTURES = path.join(FIXTURES, 'schema');

/** Every schema fixture of a kind, valid and invalid, and each of them broken a few more ways. */
function documents(kind: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const group of ['valid', 'invalid']) {
    for (const file of readdirSync(path.join(SCHEMA_FIXTURES, group, kind)).sort()) {
      const rel = path.join(group, kind, file);
      const parsed = parseYaml(readFileSync(path.join(SCHEMA_FIXTURES, rel), 'utf8'), rel);
      if (!parsed.ok) throw new Error(`${rel} does not parse`);
      const value = parsed.parsed.value as Record<string, unknown>;
      out.push([rel, value]);
      out.push([`${rel} + unknown key`, { ...value, unknown_key: 1 }]);
      for (const key of Object.keys(value)) {
        const { [key]: _dropped, ...rest } = value;
        out.push([`${rel} - ${key}`, rest]);
        out.push([`${rel}, ${key} a number`, { ...value, [key]: 7 }]);
        out.push([`${rel}, ${key} a bad string`, { ...value, [key]: 'Not Valid!\\ ' }]);
      }
    }
  }
  out.push(['null', null], ['a list', []], ['a string', 'x']);
  return out;
}

describe('precompiled validators of the shipped schemas', () => {
  it('are the code the build makes of the shipped schemas (run `npm run build` after changing one)', () => {
    expect(readFileSync(SHIPPED_VALIDATORS_FILE, 'utf8')).toBe(renderShippedValidators());
  });

  it.each(DEFINITION_KINDS)(
    'judge every %s document as Ajv compiling the schema does, errors included',
    (kind) => {
      const compiled = loadValidators()[kind];
      const loaded = shippedValidators()[kind];
      expect(loaded).not.toBe(compiled);
      const cases = documents(kind);
      expect(cases.filter(([, value]) => compiled(value)).length).toBeGreaterThan(0);
      for (const [name, value] of cases) {
        const ok = compiled(value);
        expect(loaded(value), name).toBe(ok);
        expect(loaded.errors ?? null, name).toEqual(compiled.errors ?? null);
      }
    },
  );
});
