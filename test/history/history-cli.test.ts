import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, InvalidEntry } from '../../src/history/types.js';
import { runCli } from '../helpers/cli.js';
import { BOB, CAROL, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_PATH, actionYaml, RUNBOOK_PATH, runbookYaml } from './fixtures.js';

let repo: TestRepo;
const shas: string[] = [];
const cli = (...args: string[]) => runCli(['--repo', repo.dir, ...args]);
const json = <T>(...args: string[]): T => {
  const r = cli('--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

beforeAll(async () => {
  repo = await createTestRepo();
  shas.push(
    await repo.commit({
      message: 'Add restart-web',
      files: {
        [ACTION_PATH]: actionYaml({ comment: 'keep me' }),
        [RUNBOOK_PATH]: runbookYaml([{ id: 'drain' }]),
      },
    }),
  );
  shas.push(
    await repo.commit({
      message: 'Raise timeout (#12)',
      author: BOB,
      files: { [ACTION_PATH]: actionYaml({ comment: 'keep me', timeout: 600 }) },
    }),
  );
  shas.push(
    await repo.commit({
      message: 'Approve',
      author: CAROL,
      files: { [ACTION_PATH]: actionYaml({ comment: 'keep me', timeout: 600, status: 'approved' }) },
    }),
  );
  shas.push(
    await repo.commit({
      message: 'broken',
      files: { [RUNBOOK_PATH]: 'id: failover\nname: [\n' },
    }),
  );
});

afterAll(async () => {
  await repo.cleanup();
});

describe('opsledger history', () => {
  it('prints a table: version, when, who, PR, commit, one line per change', () => {
    const r = cli('history', 'restart-web');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^VERSION\s+WHEN\s+WHO\s+PR\s+COMMIT\s+CHANGE$/);
    expect(lines[1]).toMatch(
      /^v1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+alice@example.com\s+-\s+[0-9a-f]{7}\s+created$/,
    );
    expect(lines[2]).toMatch(/^v2\s.*bob@example.com\s+#12\s+[0-9a-f]{7}\s+\/timeout: 300 → 600$/);
    expect(lines[3]).toContain('/status: "draft" → "approved"');
  });

  it('prints the contract events with --json and nothing else on stdout', () => {
    const events = json<AuditEvent[]>('history', 'restart-web');
    expect(events.map((e) => [e.action, e.version, e.pull_request])).toEqual([
      ['create', 1, null],
      ['update', 2, 12],
      ['update', 3, null],
    ]);
    expect(events[1]!.commit).toBe(shas[1]);
  });

  it('answers an unknown id with DEFINITION_NOT_FOUND and close ids', () => {
    const r = cli('history', 'restart-wbe');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[DEFINITION_NOT_FOUND]');
    expect(r.stderr).toContain('hint: Did you mean "restart-web"?');
    const j = cli('--json', 'history', 'nope');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { code: 'DEFINITION_NOT_FOUND' } });
  });
});

describe('opsledger audit', () => {
  it('#14.1 lists every event oldest first (a broken file is a version too), with invalid entries by default', () => {
    const entries = json<(AuditEvent | InvalidEntry)[]>('audit');
    expect(entries.map((e) => `${e.auditable_id}:${e.action}`)).toEqual([
      'restart-web:create',
      'failover:create',
      'failover/drain:create',
      'restart-web:update',
      'restart-web:update',
      'failover:update',
      'failover:invalid',
    ]);
    expect(entries.at(-2)).toMatchObject({ version: 2, valid: false, audited_changes: {}, commit: shas[3] });
    const invalid = entries.at(-1) as InvalidEntry;
    expect(invalid).toMatchObject({ path: RUNBOOK_PATH, commit: shas[3], message: 'broken' });
    expect(invalid.findings[0]).toMatchObject({ code: 'yaml-syntax', file: RUNBOOK_PATH });
  });

  it('filters by type, user and time, and can leave invalid entries out', () => {
    expect(json<AuditEvent[]>('audit', '--type', 'Runbook::Step').map((e) => e.auditable_id)).toEqual([
      'failover/drain',
    ]);
    expect(json<AuditEvent[]>('audit', '--user', 'BOB@example.com').map((e) => e.version)).toEqual([2]);
    expect(
      json<AuditEvent[]>('audit', '--no-include-invalid').every((e) => e.action !== ('invalid' as string)),
    ).toBe(true);
    expect(json<AuditEvent[]>('audit', '--since', '2100-01-01')).toEqual([]);
    expect(json<AuditEvent[]>('audit', '--id', 'failover', '--no-include-invalid')).toHaveLength(3);
  });

  it('rejects a bad date as a usage error', () => {
    const r = cli('audit', '--since', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[USAGE]');
  });

  it('prints a table by default', () => {
    const r = cli('audit');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WHEN\s+WHO\s+TYPE\s+ID\s+ACTION/);
    expect(r.stdout).toContain('invalid');
  });
});

describe('opsledger show, blame, diff', () => {
  it('shows the current file as committed, comments included', () => {
    const r = cli('show', 'restart-web');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(actionYaml({ comment: 'keep me', timeout: 600, status: 'approved' }));
    expect(r.stderr).toContain('v3');
  });

  it('shows a version as JSON', () => {
    const v1 = json<{ version: number; commit: string; value: { timeout: number } }>('show', 'restart-web@1');
    expect(v1).toMatchObject({ version: 1, commit: shas[0], value: { timeout: 300 } });
  });

  it('answers an unknown version with VERSION_NOT_FOUND', () => {
    const r = cli('show', 'restart-web@9');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[VERSION_NOT_FOUND]');
  });

  it('blames every leaf on the version that set it', () => {
    const lines = json<
      { pointer: string; version: number; user: { email: string }; pull_request: number | null }[]
    >('blame', 'restart-web');
    const byPointer = new Map(lines.map((l) => [l.pointer, l]));
    expect(byPointer.get('/timeout')).toMatchObject({
      version: 2,
      user: { email: BOB.email },
      pull_request: 12,
    });
    expect(byPointer.get('/status')).toMatchObject({ version: 3, user: { email: CAROL.email } });
    expect(byPointer.get('/parameters/service/default')).toMatchObject({ version: 1 });
    expect(lines.every((l) => l.version >= 1)).toBe(true);
  });

  it('prints the semantic diff between two versions', () => {
    const d = json<{ audited_changes: Record<string, unknown> }>('diff', 'restart-web', '1', 'v3');
    expect(d.audited_changes).toEqual({ '/status': ['draft', 'approved'], '/timeout': [300, 600] });
    const text = cli('diff', 'restart-web', '2', '3');
    expect(text.stdout).toContain('/status: "draft" → "approved"');
  });
});

describe('opsledger revert', () => {
  it('refuses a dirty work tree', async () => {
    await repo.write(ACTION_PATH, 'id: restart-web\n');
    const r = cli('revert', 'restart-web', '--to', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[DIRTY_WORKTREE]');
    repo.git('checkout', '--', ACTION_PATH);
  });

  it('#14.7 writes a version back with a Reverts-Audit trailer; history shows what it restores and undoes', () => {
    const r = cli('revert', 'restart-web', '--to', '1');
    expect(r.stderr).toContain('Revert action restart-web to version 1');
    expect(r.code).toBe(0);
    const commit = r.stdout.trim();
    expect(repo.git('log', '-1', '--format=%B', commit)).toContain('Reverts-Audit: restart-web@v1');
    expect(readFileSync(path.join(repo.dir, ACTION_PATH), 'utf8')).toBe(actionYaml({ comment: 'keep me' }));
    const last = json<AuditEvent[]>('history', 'restart-web').at(-1)!;
    expect(last).toMatchObject({
      action: 'update',
      version: 4,
      commit,
      revert_of: shas[2],
      restores: { version: 1, commit: shas[0] },
      audited_changes: { '/status': ['approved', 'draft'], '/timeout': [600, 300] },
    });
  });

  it('runs git revert for --commit and links the result', async () => {
    const change = await repo.commit({
      message: 'new credential',
      files: { [ACTION_PATH]: actionYaml({ comment: 'keep me', credential: 'ops/other' }) },
    });
    const r = cli('revert', '--commit', change.slice(0, 10));
    expect(r.stderr).toContain('Revert "new credential"');
    expect(r.code).toBe(0);
    const last = json<AuditEvent[]>('history', 'restart-web').at(-1)!;
    expect(last).toMatchObject({
      revert_of: change,
      commit: r.stdout.trim(),
      audited_changes: { '/credential': ['ops/other', 'ops/ssh'] },
    });
  });

  it('refuses a revert that changes nothing and leaves no revert in progress', () => {
    const r = cli('revert', '--commit', shas[2]!);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[INPUT_INVALID]');
    expect(existsSync(path.join(repo.dir, '.git/REVERT_HEAD'))).toBe(false);
  });

  it('leaves a conflict as git leaves it and exits 2 with GIT_CONFLICT', async () => {
    const x = await repo.commit({ message: 'x', files: { [ACTION_PATH]: actionYaml({ timeout: 700 }) } });
    await repo.commit({ message: 'y', files: { [ACTION_PATH]: actionYaml({ timeout: 800 }) } });
    const r = cli('revert', '--commit', x);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[GIT_CONFLICT]');
    expect(r.stderr).toContain('git revert --continue');
    expect(existsSync(path.join(repo.dir, '.git/REVERT_HEAD'))).toBe(true);
    expect(readFileSync(path.join(repo.dir, ACTION_PATH), 'utf8')).toContain('<<<<<<<');
    repo.git('revert', '--abort');
  });

  it('needs either ID --to VERSION or --commit', () => {
    expect(cli('revert', 'restart-web').code).toBe(2);
    expect(cli('revert', 'restart-web', '--to', '1', '--commit', 'abc').code).toBe(2);
  });
});
