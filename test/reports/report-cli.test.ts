import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { BOB, type TestRepo } from '../helpers/git-repo.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from './report-scenario.js';

let repo: TestRepo;
let commits: Record<string, string>;
let dataDir: string;
const NOW = SCENARIO_NOW;

async function listFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else out[p] = await readFile(path.join(dir, p), 'utf8');
    }
  };
  await walk('');
  return out;
}

function report(...args: string[]) {
  return runCli(['--repo', repo.dir, '--data-dir', dataDir, 'report', ...args]);
}

/** The exit code, with the output in the failure message so a failing run explains itself. */
function codeOf(result: CliResult): number {
  if (result.code !== 0 && result.code !== 2)
    console.error(`exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.code;
}

beforeAll(async () => {
  ({ repo, commits } = await createScenarioRepo());
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-report-cli-'));
  const journal = await openJournal({ dataDir });
  for (const run of scenarioRuns(commits)) await journal.append(run);
  await journal.close();
});

afterAll(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

describe('opsledger report', () => {
  it('writes every page in Markdown and HTML into reports/, and byte-identical files on a second run', async () => {
    const first = report('--now', NOW);
    expect(first.stderr).toBe('');
    expect(codeOf(first)).toBe(0);
    expect(first.stdout).toMatch(
      /^wrote 23 file\(s\) to .*reports \(0 unchanged, 0 removed\), 11 pages as of 2026-03-06T12:00:00.000Z\n/,
    );
    const files = await listFiles(path.join(repo.dir, 'reports'));
    expect(Object.keys(files).sort()).toContain('actions/restart-web.html');
    expect(files['index.md']).toContain(
      '**Journal verification:** passed · 18 records, 0 problems, 0 retention gaps',
    );
    expect(files['index.md']).toContain('[restart-web](actions/restart-web.md)');

    const other = await mkdtemp(path.join(tmpdir(), 'opsledger-report-out-'));
    try {
      const second = report('--now', NOW, '--out', other);
      expect(codeOf(second)).toBe(0);
      expect(await listFiles(other)).toEqual(files);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    const again = report('--now', NOW);
    expect(again.stdout).toContain('wrote 0 file(s)');
    expect(again.stdout).toContain('(23 unchanged, 0 removed)');
  });

  it('--check exits 0 when reports/ is current and 1, naming the files, after the definitions change', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-check-'));
    try {
      expect(codeOf(report('--now', NOW, '--out', out))).toBe(0);
      await writeFile(path.join(out, 'keep-me.txt'), 'not a report page');
      const ok = report('--now', NOW, '--out', out, '--check');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/is up to date \(23 files\)/);

      await repo.commit({
        message: 'Remove health-check',
        author: BOB,
        date: '2026-02-20T09:00:00Z',
        files: { 'definitions/actions/health-check.yaml': null },
      });
      const stale = report('--now', NOW, '--out', out, '--check', '--json');
      expect(stale.code).toBe(1);
      const doc = JSON.parse(stale.stdout) as {
        check: { ok: boolean; differing: string[]; extra: string[] };
      };
      expect(doc.check.ok).toBe(false);
      expect(doc.check.differing).toContain('index.md');
      expect(doc.check.differing).toContain('actions/health-check.md');

      const rewrite = report('--now', NOW, '--out', out, '--json');
      expect(rewrite.code).toBe(0);
      expect(JSON.parse(rewrite.stdout)).toMatchObject({ pages: 11, formats: ['md', 'html'] });
      expect(codeOf(report('--now', NOW, '--out', out, '--check'))).toBe(0);
      expect(await readFile(path.join(out, 'keep-me.txt'), 'utf8')).toBe('not a report page');
    } finally {
      await rm(out, { recursive: true, force: true });
      repo.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('removes the pages of an action no report mentions any more, and only those', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-rm-'));
    try {
      await writeFile(path.join(out, 'notes.md'), 'mine');
      expect(codeOf(report('--now', NOW, '--out', out, '--format', 'md'))).toBe(0);
      await writeFile(path.join(out, 'actions', 'gone-action.md'), 'old page');
      await writeFile(path.join(out, 'actions', 'gone-action.html'), 'other format, not ours to remove');
      const result = report('--now', NOW, '--out', out, '--format', 'md', '--json');
      expect(JSON.parse(result.stdout)).toMatchObject({ removed: ['actions/gone-action.md'], written: [] });
      const files = await listFiles(out);
      expect(files['notes.md']).toBe('mine');
      expect(files['actions/gone-action.html']).toBe('other format, not ours to remove');
      expect(Object.keys(files).filter((f) => f.endsWith('.html'))).toEqual(['actions/gone-action.html']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('--pseudonymize shows no email anywhere and gives the same pseudonyms every time', async () => {
    const a = await mkdtemp(path.join(tmpdir(), 'opsledger-report-p1-'));
    const b = await mkdtemp(path.join(tmpdir(), 'opsledger-report-p2-'));
    try {
      expect(codeOf(report('--now', NOW, '--out', a, '--pseudonymize'))).toBe(0);
      expect(codeOf(report('--now', NOW, '--out', b, '--pseudonymize'))).toBe(0);
      const files = await listFiles(a);
      expect(await listFiles(b)).toEqual(files);
      for (const [name, text] of Object.entries(files)) {
        expect(text, name).not.toMatch(/@example\.com/);
        expect(text, name).not.toContain('Bob Builder');
      }
      expect(files['users.md']).toMatch(/\| person-[0-9a-f]{12} \| 14 \|/);
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });

  it('--now latest reports as of the newest change or run', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-latest-'));
    try {
      const result = report('--now', 'latest', '--out', out, '--json');
      expect(result.code).toBe(0);
      // The newest record is the denied attempt of 2026-02-12T02:00:00Z, finished 1.2 s later.
      expect(JSON.parse(result.stdout)).toMatchObject({ as_of: '2026-02-12T02:00:01.200Z' });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('names journal tampering on the index and the findings page', async () => {
    const tampered = await mkdtemp(path.join(tmpdir(), 'opsledger-report-tamper-'));
    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-tamper-out-'));
    try {
      const journal = await openJournal({ dataDir: tampered });
      for (const run of scenarioRuns(commits).slice(0, 3)) await journal.append(run);
      await journal.close();
      const dir = path.join(tampered, 'executions');
      const segment = (await readdir(dir)).find((f) => f.endsWith('.jsonl'))!;
      const text = await readFile(path.join(dir, segment), 'utf8');
      await writeFile(path.join(dir, segment), text.replace('"duration_ms":2700', '"duration_ms":2701'));
      const result = runCli([
        '--repo',
        repo.dir,
        '--data-dir',
        tampered,
        'report',
        '--now',
        NOW,
        '--out',
        out,
      ]);
      expect(result.code).toBe(0);
      const index = await readFile(path.join(out, 'index.md'), 'utf8');
      expect(index).toContain('**Journal verification:** **failed**');
      const findings = await readFile(path.join(out, 'findings.md'), 'utf8');
      expect(findings).toContain('## Journal integrity problems');
      expect(findings).toMatch(/\*\*Problem:\*\* modified/);
    } finally {
      await rm(tampered, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });

  it('refuses bad flags with exit 2 and the contract error format', () => {
    const format = report('--format', 'pdf');
    expect(codeOf(format)).toBe(2);
    expect(format.stderr).toMatch(/^error\[USAGE\]: --format must list md and\/or html, got "pdf"\nhint: /);
    const since = report('--since', 'last tuesday', '--json');
    expect(since.code).toBe(2);
    expect(JSON.parse(since.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    const order = report('--since', '2026-02-01', '--until', '2026-01-01');
    expect(order.code).toBe(2);
    expect(order.stderr).toContain('is after --until');
  });
});
