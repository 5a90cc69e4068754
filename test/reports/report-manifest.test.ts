import { cpSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { MANIFEST_FILE, readManifest } from '../../src/reports/report-manifest.js';
import { ROOT, runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { SCENARIO_NOW, createScenarioRepo, scenarioRuns } from './report-scenario.js';

let repo: TestRepo;
let dataDir: string;
beforeAll(async () => {
  const scenario = await createScenarioRepo();
  repo = scenario.repo;
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-report-manifest-'));
  const journal = await openJournal({ dataDir });
  for (const run of scenarioRuns(scenario.commits)) await journal.append(run);
  await journal.close();
});
afterAll(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

/** Every file below a folder, posix paths. */
async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, p)));
    else out.push(p);
  }
  return out.sort();
}

describe('the report manifest', () => {
  it('#13.3 `opsledger report` writes manifest.json listing exactly the files it wrote', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-out-'));
    try {
      await writeFile(path.join(out, 'notes.md'), 'mine, not the generator’s');
      const r = runCli([
        '--repo',
        repo.dir,
        '--data-dir',
        dataDir,
        'report',
        '--now',
        SCENARIO_NOW,
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const listed = await readManifest(out);
      expect(listed).not.toBeNull();
      const written = (await filesUnder(out)).filter((f) => f !== MANIFEST_FILE && f !== 'notes.md');
      expect([...(listed ?? [])].sort()).toEqual(written);
      expect(written).toContain('index.html');
      const again = runCli([
        '--repo',
        repo.dir,
        '--data-dir',
        dataDir,
        'report',
        '--now',
        SCENARIO_NOW,
        '--out',
        out,
        '--check',
      ]);
      expect(again.code, again.stdout).toBe(0);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('#13.3 report and serve refuse a data dir inside the reports folder or the --out folder', async () => {
    const inside = path.join(repo.dir, 'reports', 'demo-data');
    await mkdir(inside, { recursive: true });
    cpSync(dataDir, inside, { recursive: true });
    const byReport = runCli(['--repo', repo.dir, '--data-dir', inside, 'report', '--now', SCENARIO_NOW]);
    expect(byReport.code).toBe(2);
    expect(byReport.stderr).toMatch(
      /^error\[DATA_DIR_EXPOSED\]: the data dir reports\/demo-data is inside the reports folder reports/m,
    );
    expect(byReport.stderr).toMatch(/^hint: Keep the data dir out of the reports folder/m);
    expect(existsSync(path.join(repo.dir, 'reports', 'index.html'))).toBe(false);

    const out = await mkdtemp(path.join(tmpdir(), 'opsledger-report-out-'));
    try {
      const byOut = runCli([
        '--repo',
        repo.dir,
        '--data-dir',
        path.join(out, 'data'),
        'report',
        '--out',
        out,
      ]);
      expect(byOut.code).toBe(2);
      expect(byOut.stderr).toMatch(/^error\[DATA_DIR_EXPOSED\]: .* inside the --out folder/m);
      expect(await filesUnder(out)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }

    const byServe = runCli(['--repo', repo.dir, '--data-dir', inside, 'serve', '--port', '0']);
    expect(byServe.code).toBe(2);
    expect(byServe.stderr).toMatch(
      /^error\[DATA_DIR_EXPOSED\]: .*inside the reports folder that serve publishes/m,
    );
    expect(byServe.stdout).toBe(''); // no admin key was made: nothing started
    await rm(path.join(repo.dir, 'reports'), { recursive: true, force: true });
  });

  it('#13.3 this repo keeps its demo data dir outside reports/, and reports/ has a manifest', () => {
    const script = readFileSync(path.join(ROOT, 'reports/demo-reports.sh'), 'utf8');
    const data = /^DATA=(\S+)$/m.exec(script)?.[1] ?? '';
    expect(data).not.toBe('');
    expect(path.resolve(ROOT, data).startsWith(path.join(ROOT, 'reports') + path.sep)).toBe(false);
    expect(existsSync(path.join(ROOT, 'reports/demo-data'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'reports', MANIFEST_FILE), 'utf8')) as {
      files: string[];
    };
    expect(manifest.files).toContain('index.html');
    expect(manifest.files.some((f) => f.includes('demo-data') || f.endsWith('.json'))).toBe(false);
  });
});
