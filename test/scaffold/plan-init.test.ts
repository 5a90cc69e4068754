import { describe, expect, it } from 'vitest';
import { judgeFile, planInit, type InitInput } from '../../src/scaffold/plan-init.js';

const INPUT: InitInput = {
  email: 'dana@example.com',
  version: '1.2.3',
  repoUrl: 'https://example.com/opsledger.git',
  schemas: { 'action.schema.json': '{}\n' },
  hooks: 'git',
  github: false,
  hasActions: false,
  hasRoles: false,
  dataDir: '.opsledger',
};

describe('planInit / judgeFile', () => {
  it('plans the schemas, an example action, an admin role, the config, .gitignore and editor wiring', () => {
    const paths = planInit(INPUT).map((f) => f.path);
    expect(paths).toEqual([
      'definitions/schema/action.schema.json',
      'definitions/actions/hello-world.yaml',
      'definitions/runbooks/.gitkeep',
      'definitions/roles/admins.yaml',
      'opsledger.yaml',
      '.gitignore',
      '.vscode/settings.json',
    ]);
    const role = planInit(INPUT).find((f) => f.path === 'definitions/roles/admins.yaml')!;
    expect(role.content).toContain('  - dana@example.com\n');
    expect(role.content).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/role\.schema\.json/);
  });

  it('adds no example action or admin role to a repo that has its own, and the pre-commit config on request', () => {
    const paths = planInit({
      ...INPUT,
      hasActions: true,
      hasRoles: true,
      hooks: 'pre-commit-framework',
      github: true,
      workflows: {
        'opsledger-pull-request.yml':
          'run: npx --yes opsledger@0.1.0 pr-check\nuses: opsledger/opsledger@v0.1.0\n',
      },
    }).map((f) => f.path);
    expect(paths).not.toContain('definitions/actions/hello-world.yaml');
    expect(paths).not.toContain('definitions/roles/admins.yaml');
    expect(paths).toContain('.pre-commit-config.yaml');
    expect(paths).toContain('.github/workflows/opsledger-pull-request.yml');
    const workflow = planInit({
      ...INPUT,
      github: true,
      workflows: {
        'a.yml':
          'run: npx --yes opsledger@0.1.0 pr-check\n  uses: opsledger/opsledger@v0.1.0\n  version: 0.1.0\n',
      },
    }).find((f) => f.path === '.github/workflows/a.yml')!;
    expect(workflow.content).toBe(
      'run: npx --yes opsledger@1.2.3 pr-check\n  uses: opsledger/opsledger@v1.2.3\n  version: 1.2.3\n',
    );
    const config = planInit({ ...INPUT, hooks: 'pre-commit-framework' }).find(
      (f) => f.path === '.pre-commit-config.yaml',
    )!;
    expect(config.content).toContain('rev: v1.2.3');
  });

  it("never overwrites a user's own file without --force, and says how to replace it", () => {
    const file = { path: 'opsledger.yaml', content: 'branch: main\n', rule: 'own' as const };
    expect(judgeFile(file, null, false)).toMatchObject({ status: 'create' });
    expect(judgeFile(file, 'branch: main\n', false)).toMatchObject({ status: 'unchanged' });
    const kept = judgeFile(file, 'branch: trunk\n', false);
    expect(kept).toMatchObject({ status: 'kept', previous: 'branch: trunk\n' });
    expect(kept.note).toContain('--force opsledger.yaml');
    expect(judgeFile(file, 'branch: trunk\n', true)).toMatchObject({
      status: 'replace',
      content: 'branch: main\n',
    });
  });

  it('appends a missing .gitignore line and keeps every line of the user', () => {
    const file = { path: '.gitignore', content: '.opsledger/\n', rule: 'append-lines' as const };
    expect(judgeFile(file, 'node_modules/', false)).toMatchObject({
      status: 'update',
      content: 'node_modules/\n.opsledger/\n',
    });
    expect(judgeFile(file, 'node_modules/\n.opsledger/\n', false)).toMatchObject({ status: 'unchanged' });
  });

  it("merges the schema mapping into the user's VS Code settings, and keeps a key the user set", () => {
    const planned = planInit(INPUT).find((f) => f.path === '.vscode/settings.json')!;
    const merged = judgeFile(planned, '{ "editor.tabSize": 2 }', false);
    expect(merged.status).toBe('update');
    expect(JSON.parse(merged.content!)).toMatchObject({
      'editor.tabSize': 2,
      'yaml.schemas': expect.any(Object),
    });
    expect(judgeFile(planned, merged.content!, false).status).toBe('unchanged');
    const clash = judgeFile(planned, '{ "yaml.schemas": { "x.json": "*.yaml" } }', false);
    expect(clash.status).toBe('kept');
    expect(clash.note).toContain('"yaml.schemas" already set');
    expect(judgeFile(planned, '// comment\n{}', false).status).toBe('kept');
  });
});
