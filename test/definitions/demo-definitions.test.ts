import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Action, Role, Runbook } from '../../src/definitions/types.js';
import { ROOT, runCli } from '../helpers/cli.js';
import type { ValidateJson } from './fixture-repo.js';

const DEFINITIONS = path.join(ROOT, 'definitions');

function readAll<T>(folder: string): { file: string; text: string; value: T }[] {
  return readdirSync(path.join(DEFINITIONS, folder))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = path.join(DEFINITIONS, folder, f);
      const text = readFileSync(file, 'utf8');
      return { file, text, value: parse(text) as T };
    });
}

const actions = readAll<Action>('actions');
const runbooks = readAll<Runbook>('runbooks');
const roles = readAll<Role>('roles');

describe("this repo's demo definitions", () => {
  it('validate with no finding, even --strict, in the work tree and at HEAD', () => {
    for (const args of [[], ['--rev', 'HEAD']]) {
      const result = runCli(['validate', '--json', '--strict', '--repo', ROOT, ...args]);
      const json = JSON.parse(result.stdout) as ValidateJson;
      expect(json.findings).toEqual([]);
      expect(result.code).toBe(0);
      expect(json.definitions.actions.length).toBeGreaterThanOrEqual(6);
      expect(json.definitions.runbooks).toHaveLength(2);
    }
  });

  it('every file starts with a yaml-language-server modeline naming its schema by a relative path', () => {
    for (const [kind, list] of [
      ['action', actions],
      ['runbook', runbooks],
      ['role', roles],
    ] as const) {
      for (const { file, text } of list) {
        const first = text.split('\n')[0]!;
        expect(first, file).toBe(`# yaml-language-server: $schema=../schema/${kind}.schema.json`);
        expect(existsSync(path.resolve(path.dirname(file), `../schema/${kind}.schema.json`))).toBe(true);
      }
    }
    const config = readFileSync(path.join(ROOT, 'opsledger.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=definitions/schema/config.schema.json',
    );
  });

  it('actions: mostly released, one draft, one approved; secrets without defaults; inline and file scripts', () => {
    const statuses = actions.map((a) => a.value.status);
    expect(statuses.filter((s) => s === 'draft')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'approved')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'released').length).toBeGreaterThan(actions.length / 2);
    const secrets = actions.flatMap((a) => (a.value.parameters ?? []).filter((p) => p.secret));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const secret of secrets) expect(secret.default).toBeUndefined();
    expect(actions.filter((a) => a.value.script.inline !== undefined).length).toBeGreaterThanOrEqual(2);
    const files = actions.flatMap((a) => (a.value.script.file ? [a.value.script.file] : []));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(file.startsWith('definitions/scripts/')).toBe(true);
    expect(actions.every((a) => (a.value.targets ?? []).length > 0 && a.value.timeout !== undefined)).toBe(
      true,
    );
    expect(actions.filter((a) => a.value.credential !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it('runbooks have conditions and manual steps', () => {
    for (const { value } of runbooks) {
      expect(value.steps.some((s) => s.when === 'on_failure' || s.when === 'always')).toBe(true);
      expect(value.steps.some((s) => s.automatic === false)).toBe(true);
    }
  });

  it('roles give each demo user the permissions of their job', () => {
    const byMember = new Map<string, Set<string>>();
    for (const { value } of roles) {
      for (const member of value.members) {
        byMember.set(member, new Set([...(byMember.get(member) ?? []), ...value.permissions]));
      }
    }
    const of = (email: string): string[] => [...(byMember.get(email) ?? [])].sort();
    expect(of('alice@example.com')).toContain('admin');
    expect(of('bob@example.com')).toEqual(['definitions:modify']);
    expect(of('carol@example.com')).toEqual(['definitions:approve', 'definitions:modify']);
    expect(of('dave@example.com')).toEqual(['actions:execute', 'executions:read:own']);
    expect(of('erin@example.com')).toEqual(['actions:execute', 'executions:read:own']);
    expect(of('frank@example.com')).toEqual(['audit:read', 'executions:read:all', 'reports:read']);
    const operators = roles.find((r) => r.value.id === 'operators')!.value;
    expect(operators.scope?.actions?.length).toBeGreaterThan(0);
  });
});
