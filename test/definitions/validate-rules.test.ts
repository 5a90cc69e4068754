import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  FIXTURES,
  createFixtureRepo,
  parseCliJson,
  type FixtureRepo,
  type ValidateJson,
} from './fixture-repo.js';

interface Expectation {
  code: string;
  file: string;
  line: number;
  col?: number;
  pointer?: string;
  hint?: string;
  severity: 'error' | 'warning';
  also?: { file: string; line: number };
  setup?: { symlinks?: Record<string, string> };
}

const RULES = path.join(FIXTURES, 'rules');
const cases = readdirSync(RULES).sort();

let repo: FixtureRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

function validate(dir: string, ...args: string[]): { code: number; json: ValidateJson; stderr: string } {
  const result = runCli(['validate', '--json', '--repo', dir, ...args]);
  return { code: result.code, json: parseCliJson<ValidateJson>(result), stderr: result.stderr };
}

describe('opsledger validate: one fixture per rule (real CLI)', () => {
  it('the base fixture is valid with no finding at all', async () => {
    repo = await createFixtureRepo(['base']);
    const { code, json } = validate(repo.dir, '--strict');
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
    expect(json.definitions).toEqual({
      actions: ['deploy-web', 'flush-cache'],
      runbooks: ['release'],
      roles: ['deployers'],
    });
  });

  it.each(cases)('%s', async (name) => {
    const expectation = JSON.parse(
      readFileSync(path.join(RULES, name, 'expect.json'), 'utf8'),
    ) as Expectation;
    repo = await createFixtureRepo(['base', `rules/${name}`], expectation.setup ?? {});
    const strict = expectation.severity === 'warning' ? ['--strict'] : [];
    const { code, json } = validate(repo.dir, ...strict);
    const match = json.findings.find((f) => f.code === expectation.code && f.file === expectation.file);
    expect(match, JSON.stringify(json.findings, null, 2)).toBeDefined();
    expect(match).toMatchObject({
      line: expectation.line,
      severity: expectation.severity,
      ...(expectation.col === undefined ? {} : { col: expectation.col }),
      ...(expectation.pointer === undefined ? {} : { pointer: expectation.pointer }),
      ...(expectation.hint === undefined ? {} : { hint: expectation.hint }),
    });
    expect(match!.message.length).toBeGreaterThan(0);
    expect(match!.hint.length).toBeGreaterThan(0);
    if (expectation.also) {
      expect(json.findings).toContainEqual(
        expect.objectContaining({ code: expectation.code, ...expectation.also }),
      );
    }
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    if (expectation.severity === 'warning') {
      // Without --strict a warning does not fail validation.
      const lenient = validate(repo.dir);
      expect(lenient.code).toBe(0);
      expect(lenient.json.findings).toContainEqual(expect.objectContaining({ code: expectation.code }));
    }
  });

  it('prints file:line:col: severity[code] with a hint in text output', async () => {
    repo = await createFixtureRepo(['base', 'rules/schema-unknown-key']);
    const result = runCli(['validate', '--repo', repo.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'definitions/actions/typo.yaml:8:1: error[schema] unknown key "timout" in document',
    );
    expect(result.stdout).toMatch(/\n {2}hint: Remove the key/);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^FAILED: 1 error, 0 warnings in \d+ files/);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    repo = await createFixtureRepo(['base']);
    await writeFile(
      path.join(repo.dir, 'definitions/actions/huge.yaml'),
      `id: huge\ndescription: "${'x'.repeat(300 * 1024)}"\n`,
    );
    const { code, json } = validate(repo.dir);
    expect(code).toBe(1);
    expect(json.findings).toContainEqual(
      expect.objectContaining({ code: 'file-too-large', file: 'definitions/actions/huge.yaml', line: 1 }),
    );
  });

  it('reports an unresolved merge conflict in the index (--staged)', async () => {
    repo = await createFixtureRepo(['base']);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    const file = path.join(repo.dir, 'definitions/actions/flush-cache.yaml');
    const original = readFileSync(file, 'utf8');
    repo.git('checkout', '-q', '-b', 'other');
    await writeFile(file, original.replace('echo flushed', 'echo other'));
    repo.git('commit', '-q', '-am', 'other');
    repo.git('checkout', '-q', 'main');
    await writeFile(file, original.replace('echo flushed', 'echo main'));
    repo.git('commit', '-q', '-am', 'main');
    expect(() => repo!.git('merge', '-q', 'other')).toThrow();
    const { code, json } = validate(repo.dir, '--staged');
    expect(code).toBe(1);
    expect(json.findings).toContainEqual(
      expect.objectContaining({ code: 'unmerged', file: 'definitions/actions/flush-cache.yaml', line: 1 }),
    );
  });
});
