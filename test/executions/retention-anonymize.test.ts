import { cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { GENESIS_HASH } from '../../src/executions/record-hash.js';
import type { ExecutionInput, ExecutionStatus, Rollup } from '../../src/executions/types.js';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { makeInput } from './make-input.js';

let repo: TestRepo;
let dataDir: string;
beforeEach(async () => {
  repo = await createTestRepo([
    {
      message: 'Retention policy',
      files: {
        'opsledger.yaml':
          'retention:\n  default_days: 30\n  failed_days: 90\n  actions:\n    health-check: 7\n',
      },
    },
  ]);
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-retention-'));
});
afterEach(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { cwd: repo.dir });
const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
const segmentBytes = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(path.join(dataDir, 'executions'))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => [f, readFileSync(path.join(dataDir, 'executions', f), 'latin1')]),
  );

/** Start and end records of one run. */
async function record(
  journal: Awaited<ReturnType<typeof openJournal>>,
  input: Partial<ExecutionInput>,
  status: ExecutionStatus,
  ms = 1000,
) {
  const start = makeInput({ ...input, status: 'running' });
  await journal.append(start);
  await journal.append({
    ...start,
    status,
    finished_at: new Date(Date.parse(start.started_at) + ms).toISOString(),
    duration_ms: ms,
    exit_code: status === 'succeeded' ? 0 : 1,
  });
}

describe('retention', () => {
  it('purges by policy (per action, longer for failures), keeps rollups and checkpoints, and verify still passes', async () => {
    const journal = await openJournal({ dataDir, maxSegmentBytes: 4000 });
    // Day 0-9: health checks (7 days), deploys ok (30 days), deploys failed (90 days).
    for (let d = 0; d < 10; d++) {
      await record(
        journal,
        {
          id: `hc-${d}`,
          action_id: 'health-check',
          started_at: day(d),
          initiator: { user: 'bob@example.com', via: 'cli' },
          targets: ['web-01'],
        },
        'succeeded',
        100 + d,
      );
      await record(
        journal,
        { id: `dep-${d}`, action_id: 'deploy', started_at: day(d), targets: [`app-0${d % 3}`] },
        d % 2 ? 'failed' : 'succeeded',
        5000,
      );
    }
    // A recent run, the chain head.
    await record(journal, { id: 'recent', action_id: 'deploy', started_at: day(60) }, 'succeeded');
    await journal.close();
    const before = segmentBytes();
    expect(Object.keys(before).length).toBeGreaterThan(3);

    // Judged on day 45: every health check is older than 7 days, ok deploys older than 30, failed ones are kept.
    const dry = cli('retention', 'apply', '--dry-run', '--now', day(45), '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dry_run: true,
      purged_executions: 15,
      purged_records: 30,
      by_action: { 'health-check': 10, deploy: 5 },
    });
    expect(segmentBytes()).toEqual(before);

    const applied = JSON.parse(cli('retention', 'apply', '--now', day(45), '--json').stdout);
    expect(applied.purged_records).toBe(30);
    expect(applied.segments_removed.length + applied.segments_rewritten.length).toBeGreaterThan(0);
    const verify = cli('verify', '--json');
    expect(verify.code, verify.stdout).toBe(0);
    const report = JSON.parse(verify.stdout);
    expect(report.records).toBe(12);
    expect(report.gaps.length).toBeGreaterThan(0);

    const kept = JSON.parse(cli('executions', '--json', '--limit', '100').stdout).map(
      (r: { id: string }) => r.id,
    );
    expect(kept.sort()).toEqual(['dep-1', 'dep-3', 'dep-5', 'dep-7', 'dep-9', 'recent'].sort());

    const shown = JSON.parse(cli('retention', 'show', '--json').stdout) as { rollups: Rollup[] };
    const hc = shown.rollups.find((r) => r.action_id === 'health-check')!;
    expect(hc).toMatchObject({ month: '2026-01', counts: { succeeded: 10 }, targets: ['web-01'] });
    expect(hc.users).toHaveLength(1);
    expect(hc.p50_ms).toBeGreaterThanOrEqual(102);
    expect(hc.p50_ms).toBeLessThanOrEqual(107);
    expect(shown.rollups.find((r) => r.action_id === 'deploy')).toMatchObject({
      counts: { succeeded: 5 },
      p50_ms: expect.any(Number),
    });

    // Appending after a purge chains on, and verify still passes; a second apply purges nothing more.
    const again = await openJournal({ dataDir });
    const next = await again.append(makeInput({ id: 'after-purge', started_at: day(61) }));
    await again.close();
    expect(next.seq).toBe(43);
    expect(cli('verify').code).toBe(0);
    expect(JSON.parse(cli('retention', 'apply', '--now', day(45), '--json').stdout).purged_records).toBe(0);
    expect(JSON.parse(cli('retention', 'show', '--json').stdout)).toEqual({
      ...shown,
      gaps: expect.any(Array),
    });
  });

  it('finishes a purge a crash interrupted (state written, files not yet) without counting it twice', async () => {
    const journal = await openJournal({ dataDir });
    for (let d = 0; d < 4; d++) await record(journal, { id: `old-${d}`, started_at: day(d) }, 'succeeded');
    await record(journal, { id: 'new', started_at: day(100) }, 'succeeded');
    await journal.close();
    const copy = `${dataDir}-copy`;
    cpSync(path.join(dataDir, 'executions'), copy, { recursive: true });
    expect(cli('retention', 'apply', '--now', day(50)).code).toBe(0);
    const rollups = JSON.parse(cli('retention', 'show', '--json').stdout).rollups;
    // Put the old files back: as if the process died after writing state.
    rmSync(path.join(dataDir, 'executions'), { recursive: true });
    cpSync(copy, path.join(dataDir, 'executions'), { recursive: true });
    rmSync(copy, { recursive: true });
    expect(cli('verify').code).toBe(0);
    expect(JSON.parse(cli('retention', 'apply', '--now', day(50), '--json').stdout).purged_records).toBe(8);
    expect(JSON.parse(cli('retention', 'show', '--json').stdout).rollups).toEqual(rollups);
    expect(cli('verify').code).toBe(0);
    expect(JSON.parse(cli('executions', '--json').stdout).map((r: { id: string }) => r.id)).toEqual(['new']);
  });
});

describe('anonymize', () => {
  it('unlinks one user: records keep the pseudonym, other records unchanged byte for byte, chain verifies', async () => {
    const journal = await openJournal({ dataDir });
    for (let i = 0; i < 3; i++) {
      await record(
        journal,
        {
          id: `carol-${i}`,
          initiator: { user: 'carol@example.com', via: 'cli', os_user: 'carol', host: 'ops-1' },
        },
        'succeeded',
      );
      await record(
        journal,
        {
          id: `dave-${i}`,
          initiator: { user: 'dave@example.com', via: 'cli', os_user: 'dave', host: 'ops-1' },
        },
        'failed',
      );
    }
    const first = (await journal.records('carol-0'))[0]!;
    expect(first.prev_hash).toBe(GENESIS_HASH);
    await journal.close();
    const before = segmentBytes();
    for (const text of Object.values(before)) {
      expect(text).not.toContain('carol@example.com');
      expect(text).not.toContain('"os_user":"carol"');
    }
    expect(cli('executions', '--json', '--user', 'carol@example.com').stdout).toContain(
      '"user": "carol@example.com"',
    );

    const erased = cli('anonymize', '--user', 'Carol@Example.com', '--json');
    expect(erased.code, erased.stderr).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({
      user: 'carol@example.com',
      executions: 3,
      erased: [first.initiator.user, expect.stringMatching(/^os-/)],
    });

    expect(segmentBytes()).toEqual(before);
    expect(cli('verify').code).toBe(0);
    const carol = JSON.parse(
      cli('executions', '--json', '--action', 'restart-web', '--limit', '100').stdout,
    ) as { id: string; initiator: { user: string; os_user?: string } }[];
    const c0 = carol.find((r) => r.id === 'carol-0')!;
    expect(c0.initiator.user).toBe(first.initiator.user);
    expect(c0.initiator.os_user).toMatch(/^os-/);
    expect(carol.find((r) => r.id === 'dave-0')!.initiator).toMatchObject({
      user: 'dave@example.com',
      os_user: 'dave',
    });
    expect(JSON.parse(cli('executions', '--json', '--user', 'carol@example.com').stdout)).toEqual([]);
    const vault = readFileSync(path.join(dataDir, 'state', 'vault.json'), 'utf8');
    expect(vault).not.toContain('carol');

    // A later run by the same person gets a fresh pseudonym: the erased one stays unlinked.
    const later = await openJournal({ dataDir });
    const rec = await later.append(
      makeInput({ id: 'carol-later', initiator: { user: 'carol@example.com', via: 'cli' } }),
    );
    await later.close();
    expect(rec.initiator.user).not.toBe(first.initiator.user);
  });
});
