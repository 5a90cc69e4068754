import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { createDemoClone, type DemoClone } from '../helpers/demo-clone.js';

/** The shell block that follows `<!-- operating-recipe: NAME -->` in docs/operating.md. */
async function readRecipe(name: string): Promise<string> {
  const doc = await readFile(path.join(ROOT, 'docs/operating.md'), 'utf8');
  const m = new RegExp(`<!-- operating-recipe: ${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!m?.[1]) throw new Error(`docs/operating.md has no recipe "${name}"`);
  return m[1];
}

let work: string;
let clone: DemoClone;

/** Run a recipe in bash, in the demo clone, with `opsledger` on PATH and the given variables. */
function run(script: string, vars: Record<string, string>): { code: number; out: string } {
  const r = spawnSync('bash', ['-c', script], {
    cwd: clone.dir,
    env: { ...clone.env, ...vars },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'opsledger-operating-'));
  clone = await createDemoClone();
});

afterAll(async () => {
  await clone?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('#20.8 the backup and restore recipe of docs/operating.md', () => {
  it('#20.8 a backup taken under the journal lock restores to a journal that verifies; a restore behind an anchor is named', async () => {
    const data = path.join(work, 'data');
    const backups = path.join(work, 'backups');
    await cp(path.join(ROOT, 'demo-data'), data, { recursive: true });
    await mkdir(backups);
    const backup = run(await readRecipe('backup'), { DATA: data, BACKUPS: backups });
    expect(backup.code, backup.out).toBe(0);
    const [archive] = await readdir(backups);
    expect(archive).toMatch(/^opsledger-\d{8}T\d{6}Z\.tgz$/);

    const restore = await readRecipe('restore');
    const restored = run(restore, {
      DATA: path.join(work, 'restored'),
      BACKUP: path.join(backups, archive!),
    });
    expect(restored.code, restored.out).toBe(0);
    expect(await readdir(path.join(work, 'restored/executions'))).toEqual(['segment-2026-11-1.jsonl']);

    // Runs recorded and anchored after the backup: restoring it loses them, and verify says so.
    const later = spawnSync(
      'opsledger',
      ['--data-dir', data, 'exec', '--action', 'nightly-backup', '--', 'true'],
      { cwd: clone.dir, env: clone.env, encoding: 'utf8' },
    );
    expect(later.status, later.stderr).toBe(0);
    const anchor = spawnSync('opsledger', ['--data-dir', data, 'anchor'], {
      cwd: clone.dir,
      env: clone.env,
      encoding: 'utf8',
    });
    expect(anchor.status, anchor.stderr).toBe(0);
    const behind = run(restore, { DATA: path.join(work, 'behind'), BACKUP: path.join(backups, archive!) });
    expect(behind.code).toBe(1);
    expect(behind.out).toContain('rolled_back');
  });
});
