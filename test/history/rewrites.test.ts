import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, HistoryRewrite } from '../../src/history/types.js';
import { runCli } from '../helpers/cli.js';
import { BOB, CAROL, createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { createTestServer, type TestServer } from '../server/test-server.js';
import { ACTION_PATH, actionYaml } from './fixtures.js';

let repo: TestRepo;
let first: string;
let lostHead: string;
let newHead: string;
let before: AuditEvent[];
const cli = (...args: string[]) => runCli(['--repo', repo.dir, ...args]);
const rewritesFile = () => path.join(repo.dir, '.opsledger/history/rewrites.jsonl');

beforeAll(async () => {
  repo = await createTestRepo();
  first = await repo.commit({ message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } });
  await repo.commit({
    message: 'Raise timeout',
    author: BOB,
    files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) },
  });
  lostHead = await repo.commit({
    message: 'Approve',
    author: CAROL,
    files: { [ACTION_PATH]: actionYaml({ timeout: 600, status: 'approved' }) },
  });
  const indexed = cli('--json', 'audit');
  expect(indexed.code).toBe(0);
  before = JSON.parse(indexed.stdout) as AuditEvent[];
  // A force-push: the branch goes back to the first commit and takes another way.
  repo.git('reset', '-q', '--hard', first);
  newHead = await repo.commit({
    message: 'Other targets',
    files: { [ACTION_PATH]: actionYaml({ targets: ['web-09'] }) },
  });
});

afterAll(async () => {
  await repo.cleanup();
});

describe('#14.6 rewrites of the tracked branch are recorded, not hidden', () => {
  it('#14.6 audit prints a notice line and keeps its --json array events only; --rewrites gives the lost events whole', () => {
    const text = cli('audit');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const records = readFileSync(rewritesFile(), 'utf8').trim().split('\n');
    expect(records).toHaveLength(1);
    const record = JSON.parse(records[0]!) as HistoryRewrite;
    expect(lines[0]).toBe(
      `notice: the history of main was rewritten (detected ${record.detected_at}): head ${lostHead.slice(0, 12)} was ` +
        `replaced by ${newHead.slice(0, 12)} and 2 events left the branch; see \`opsledger audit --rewrites\``,
    );
    expect(lines[1]).toMatch(/^WHEN +WHO +TYPE/);

    const json = cli('--json', 'audit');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(`${lines[0]}\n`);
    const after = JSON.parse(json.stdout) as AuditEvent[];
    expect(after.map((e) => [e.version, e.action, e.message])).toEqual([
      [1, 'create', 'Add restart-web'],
      [2, 'update', 'Other targets'],
    ]);

    const rewrites = cli('--json', 'audit', '--rewrites');
    expect(rewrites.code).toBe(0);
    expect(JSON.parse(rewrites.stdout)).toEqual([
      {
        format: 1,
        record: 'history_rewritten',
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        branch: 'main',
        old_head: lostHead,
        new_head: newHead,
        detected_at: record.detected_at,
        events_lost: 2,
        events: before.slice(1),
        complete: true,
      },
    ]);
    expect(before.slice(1).map((e) => e.message)).toEqual(['Raise timeout', 'Approve']);
    // Filters apply to the lost events; a rewrite with none that match is not shown.
    expect(JSON.parse(cli('--json', 'audit', '--rewrites', '--user', BOB.email).stdout)[0].events_lost).toBe(
      1,
    );
    expect(cli('--json', 'audit', '--user', 'nobody@example.com').stderr).toBe('');
  });

  it('#14.6 the record survives index rebuilds and is written once', () => {
    rmSync(path.join(repo.dir, '.opsledger/history/meta.json'));
    expect(cli('audit').code).toBe(0);
    expect(readFileSync(rewritesFile(), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('#14.6 verify lists the rewrite and stays exit 0; a damaged record line makes it exit 1', () => {
    const r = cli('verify');
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(rewritesFile(), 'utf8')) as HistoryRewrite;
    expect(r.stdout.split('\n').slice(1)).toEqual([
      'history: 1 rewrite(s) of the tracked branch recorded (not a journal problem; opsledger audit --rewrites):',
      `  ${record.detected_at}  main  ${lostHead.slice(0, 12)} -> ${newHead.slice(0, 12)}  2 event(s) lost`,
      '',
    ]);
    const json = JSON.parse(cli('--json', 'verify').stdout);
    expect(json.history_rewrites).toEqual([
      {
        format: 1,
        record: 'history_rewritten',
        id: record.id,
        branch: 'main',
        old_head: lostHead,
        new_head: newHead,
        detected_at: record.detected_at,
        events_lost: 2,
        complete: true,
      },
    ]);
    expect(json.history_rewrites_damaged).toEqual([]);

    const copy = mkdtempSync(path.join(tmpdir(), 'opsledger-rewrites-'));
    try {
      const history = path.join(copy, 'history');
      const damaged = `${readFileSync(rewritesFile(), 'utf8')}{"format":1,"record":"history_rewr\n`;
      mkdirSync(history);
      writeFileSync(path.join(history, 'rewrites.jsonl'), damaged);
      const bad = cli('--data-dir', copy, 'verify');
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        '  history/rewrites.jsonl:2  damaged  not a readable history_rewritten record',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('#14.6 the report raises a history-rewritten finding', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'opsledger-report-'));
    try {
      const r = cli('--json', 'report', '--out', out, '--format', 'md', '--no-verify');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).findings.high).toBeGreaterThanOrEqual(1);
      const findings = readFileSync(path.join(out, 'findings.md'), 'utf8');
      expect(findings).toContain('Rewrites of the tracked branch');
      expect(findings).toContain('main was rewritten: 2 audit event(s) left the branch');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('#14.6 a rewrite that cannot be recorded', () => {
  it('#14.6 keeps the old index (nothing is lost) and says so; the next read records it', async () => {
    const other = await createTestRepo();
    try {
      const base = await other.commit({ message: 'Add restart-web', files: { [ACTION_PATH]: actionYaml() } });
      const gone = await other.commit({
        message: 'Raise timeout',
        files: { [ACTION_PATH]: actionYaml({ timeout: 600 }) },
      });
      const run = (...args: string[]) => runCli(['--repo', other.dir, ...args]);
      expect(run('audit').code).toBe(0);
      other.git('reset', '-q', '--hard', base);
      await other.commit({
        message: 'Other targets',
        files: { [ACTION_PATH]: actionYaml({ targets: ['web-09'] }) },
      });
      const file = path.join(other.dir, '.opsledger/history/rewrites.jsonl');
      mkdirSync(file);
      const failed = run('audit');
      expect(failed.code).toBe(3);
      expect(failed.stderr).toMatch(/^error\[STATE_UNAVAILABLE\]: cannot record the rewrite of main: /);
      const meta = JSON.parse(readFileSync(path.join(other.dir, '.opsledger/history/meta.json'), 'utf8'));
      expect(meta.tip).toBe(gone);
      rmSync(file, { recursive: true });
      expect(run('audit').code).toBe(0);
      const records = JSON.parse(run('--json', 'audit', '--rewrites').stdout) as HistoryRewrite[];
      expect(records.map((r) => [r.old_head, r.events.map((e) => e.message)])).toEqual([
        [gone, ['Raise timeout']],
      ]);
    } finally {
      await other.cleanup();
    }
  });
});

describe('#14.6 the service exposes rewrites', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.cleanup());

  it('#14.6 GET /api/v1/history/rewrites (audit:read) lists the record with the events that left the branch', async () => {
    const empty = await server.call('get', '/api/v1/history/rewrites', { as: 'frank@example.com' });
    expect(empty.body).toEqual({ data: [], next_cursor: null });
    const base = server.repo.git('rev-parse', 'HEAD').trim();
    const gone = await server.repo.commit({
      message: 'Longer timeout',
      files: {
        'definitions/actions/restart-web.yaml': readFileSync(
          path.join(server.repo.dir, 'definitions/actions/restart-web.yaml'),
          'utf8',
        ).replace('timeout: 30', 'timeout: 90'),
      },
    });
    await server.call('post', '/api/v1/refresh', { as: 'alice@example.com' });
    server.repo.git('reset', '-q', '--hard', base);
    const now = await server.repo.commit({ message: 'Something else', files: { 'README.md': 'other\n' } });
    await server.call('post', '/api/v1/refresh', { as: 'alice@example.com' });
    const res = await server.call('get', '/api/v1/history/rewrites', { as: 'frank@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      record: 'history_rewritten',
      old_head: gone,
      new_head: now,
      events_lost: 1,
      events: [{ auditable_id: 'restart-web', commit: gone, audited_changes: { '/timeout': [30, 90] } }],
    });
    const denied = await server.call('get', '/api/v1/history/rewrites', { as: 'bob@example.com' });
    expect(denied.status).toBe(403);
  });
});
