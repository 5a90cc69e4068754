import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/definitions/finding-codes.js';
import { ROOT } from '../helpers/cli.js';
import { FIXTURES } from './fixture-repo.js';

/** Codes tested by a dedicated test instead of a rules/ fixture (they need a repo state a folder cannot hold). */
const TESTED_ELSEWHERE: Record<string, string> = {
  'file-too-large': 'validate-rules.test.ts (generated 300 KiB file)',
  unmerged: 'validate-rules.test.ts (a real merge conflict)',
};

describe('finding codes', () => {
  const codes = Object.keys(FINDING_CODES);

  it('every code is documented with its severity in docs/definitions.md', () => {
    const docs = readFileSync(path.join(ROOT, 'docs/definitions.md'), 'utf8');
    for (const [code, entry] of Object.entries(FINDING_CODES)) {
      expect(docs, code).toContain(`| \`${code}\` | ${entry.severity} |`);
    }
  });

  it('every code has a fixture under test/fixtures/validate/rules that produces it', () => {
    const rules = path.join(FIXTURES, 'rules');
    const covered = new Set(
      readdirSync(rules).map(
        (name) =>
          (JSON.parse(readFileSync(path.join(rules, name, 'expect.json'), 'utf8')) as { code: string }).code,
      ),
    );
    const missing = codes.filter((code) => !covered.has(code) && !(code in TESTED_ELSEWHERE));
    expect(missing).toEqual([]);
  });

  it('every code has a hint and a summary', () => {
    for (const entry of Object.values(FINDING_CODES)) {
      expect(entry.hint.length).toBeGreaterThan(10);
      expect(entry.summary.length).toBeGreaterThan(10);
    }
  });
});
