import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/history/types.js';
import { runCli } from '../helpers/cli.js';
import { BOB, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, runbookYaml } from './fixtures.js';

let repo: TestRepo;
const cli = (...args: string[]) => runCli(['--repo', repo.dir, ...args]);
const AMBIGUOUS_TEXT =
  'error[AMBIGUOUS]: "ops" is the id of an action and a runbook\n' +
  'hint: Name the kind: --kind action|runbook, or write action:ops or runbook:ops.\n';

beforeAll(async () => {
  repo = await createTestRepo();
  await repo.commit({
    message: 'Add the ops action',
    files: { 'definitions/actions/ops.yaml': actionYaml({ id: 'ops' }) },
  });
  await repo.commit({
    message: 'Add the ops runbook',
    author: BOB,
    files: { 'definitions/runbooks/ops.yaml': runbookYaml([{ id: 'drain', action: 'ops' }], 'ops') },
  });
  await repo.commit({
    message: 'Raise the timeout of the ops action',
    files: { 'definitions/actions/ops.yaml': actionYaml({ id: 'ops', timeout: 600 }) },
  });
});

afterAll(async () => {
  await repo.cleanup();
});

describe('#14.4 an id shared by an action and a runbook', () => {
  it('#14.4 history, show, blame, diff and revert refuse the bare id with AMBIGUOUS (exit 2) and a hint', () => {
    for (const args of [
      ['history', 'ops'],
      ['show', 'ops'],
      ['show', 'ops@1'],
      ['blame', 'ops'],
      ['diff', 'ops', '1', '2'],
      ['revert', 'ops', '--to', '1'],
    ]) {
      const r = cli(...args);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        args,
        code: 2,
        stdout: '',
        stderr: AMBIGUOUS_TEXT,
      });
    }
    const json = cli('--json', 'history', 'ops');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'AMBIGUOUS',
        message: '"ops" is the id of an action and a runbook',
        hint: 'Name the kind: --kind action|runbook, or write action:ops or runbook:ops.',
      },
    });
  });

  it('#14.4 KIND:ID and --kind (or --type) pick one, never a merge of both', () => {
    const histories = [
      ['history', 'action:ops'],
      ['history', 'ops', '--kind', 'action'],
      ['history', 'ops', '--type', 'action'],
      ['history', 'runbook:ops'],
      ['history', 'ops', '--kind', 'runbook'],
    ].map((args) => {
      const r = cli('--json', ...args);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as AuditEvent[]).map(
        (e) => `${e.auditable_type} ${e.auditable_id} v${e.version} ${e.action}`,
      );
    });
    const action = ['Action ops v1 create', 'Action ops v2 update'];
    const runbook = ['Runbook ops v1 create', 'Runbook::Step ops/drain v1 create'];
    expect(histories).toEqual([action, action, action, runbook, runbook]);

    const show = cli('--json', 'show', 'runbook:ops@1');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ kind: 'runbook', id: 'ops', version: 1 });
    const diff = cli('--json', 'diff', 'action:ops', '1', '2');
    expect(JSON.parse(diff.stdout)).toMatchObject({
      kind: 'action',
      audited_changes: { '/timeout': [300, 600] },
    });
    const blame = cli('--json', 'blame', 'ops', '--kind', 'runbook');
    expect(blame.code).toBe(0);
  });

  it('#14.4 a prefix that contradicts --kind, or an unknown prefix, is USAGE', () => {
    const r = cli('history', 'action:ops', '--kind', 'runbook');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error[USAGE]: "action:ops" names an action but --kind says runbook\n' +
        'hint: Give the kind once: as a prefix or with --kind.\n',
    });
    const bad = cli('history', 'job:ops');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error[USAGE]: "job:ops" is not an id or KIND:ID\n' +
        'hint: Write the id alone, or prefix it with its kind: action:ID, runbook:ID, role:ID.\n',
    );
  });
});
