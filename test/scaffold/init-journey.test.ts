import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('a new user: from an empty directory to an audited run and a report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-journey-'));
  const env = {
    GIT_AUTHOR_NAME: 'Dana Ops',
    GIT_AUTHOR_EMAIL: 'dana@example.com',
    GIT_COMMITTER_NAME: 'Dana Ops',
    GIT_COMMITTER_EMAIL: 'dana@example.com',
    OPSLEDGER_DATA_DIR: '',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  const cli = (...args: string[]) => runCli(args, { cwd: dir, env });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('#20.1 git init → opsledger init → new action → commit through the hooks → run → report; init again changes nothing', () => {
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dana@example.com');
    git('config', 'user.name', 'Dana Ops');

    const init = cli('init');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('created definitions/roles/admins.yaml');
    expect(init.stdout).toContain('installed git hooks: pre-commit, commit-msg');
    expect(init.stdout).toMatch(/Next:\n {2}opsledger validate/);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.opsledger/');
    expect(readFileSync(path.join(dir, 'definitions/roles/admins.yaml'), 'utf8')).toContain(
      '- dana@example.com',
    );

    const created = cli('new', 'action', 'restart-web');
    expect(created.code, created.stderr).toBe(0);
    const file = path.join(dir, 'definitions/actions/restart-web.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: draft.*$/m, 'status: released'));

    // The pre-commit hook refuses a broken definition with file:line, then accepts the fixed one.
    writeFileSync(
      path.join(dir, 'definitions/actions/broken.yaml'),
      'id: broken\nname: Broken\ntimeout: soon\n',
    );
    git('add', '-A');
    expect(() => git('commit', '-q', '-m', 'Broken')).toThrow(/definitions\/actions\/broken\.yaml:\d+:\d+/);
    rmSync(path.join(dir, 'definitions/actions/broken.yaml'));
    git('add', '-A');
    git('commit', '-q', '-m', 'Set up opsledger');

    const run = cli('run', 'restart-web', '--param', 'message=deploy-42', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('not git-ignored');
    const record = JSON.parse(run.stdout) as { id: string; status: string; initiator: { user: string } };
    expect(record).toMatchObject({ status: 'succeeded', initiator: { user: 'dana@example.com' } });

    const report = cli('report', '--out', 'reports');
    expect(report.code, report.stderr).toBe(0);
    const page = readFileSync(path.join(dir, 'reports/actions/restart-web.md'), 'utf8');
    expect(page).toContain(record.id);
    expect(page).toContain('message=deploy-42');
    expect(page).toContain('dana@example.com');

    git('add', '-A');
    git('commit', '-q', '-m', 'Reports');
    const again = cli('init');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('already set up');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('#20.1 new refuses an id that exists and an invalid id, with a hint', () => {
    const dup = cli('new', 'action', 'restart-web');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/an action "restart-web" already exists[\s\S]*hint:/);
    const bad = cli('new', 'role', 'Bad_Id');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('hint:');
  });

  it('#20.1 schemas update shows the diff of a stale schema, refreshes it, then has nothing to change', () => {
    const file = path.join(dir, 'definitions/schema/action.schema.json');
    const shipped = readFileSync(file, 'utf8');
    writeFileSync(file, shipped.replace('"title": "opsledger action"', '"title": "an older action schema"'));
    const dry = cli('schemas', 'update', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('-  "title": "an older action schema",\n+  "title": "opsledger action",');
    expect(readFileSync(file, 'utf8')).not.toBe(shipped);
    expect(cli('schemas', 'update').stdout).toContain('updated definitions/schema/action.schema.json');
    expect(readFileSync(file, 'utf8')).toBe(shipped);
    expect(cli('schemas', 'update').stdout).toContain('nothing to change');
  });

  it('#20.1 init --github writes the workflow templates of docs/workflows/, pinned to the installed version', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    const init = cli('init', '--github');
    expect(init.code, init.stderr).toBe(0);
    for (const name of [
      'opsledger-pull-request.yml',
      'opsledger-reports.yml',
      'opsledger-nightly-verify.yml',
    ]) {
      expect(init.stdout).toContain(`created .github/workflows/${name}`);
      const text = readFileSync(path.join(dir, '.github/workflows', name), 'utf8');
      expect(text).toContain(`opsledger@${version}`);
      expect(text.match(/opsledger@(\d+\.\d+\.\d+)/g)?.every((m) => m === `opsledger@${version}`)).toBe(true);
    }
    expect(cli('init', '--github').stdout).toContain('nothing to change');
  });
});
