import { existsSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

const action = (id: string, file: string): string =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\nstatus: released\nscript:\n  shell: bash\n  file: ${file}\n`;

let repo: TestRepo;
let outside: string;
let evil: string;
let marker: string;

beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'opsledger-outside-'));
  evil = path.join(outside, 'evil.sh');
  marker = path.join(outside, 'pwned');
  await writeFile(evil, `#!/bin/bash\ntouch ${marker}\necho pwned\n`, { mode: 0o755 });
  repo = await createTestRepo([
    {
      message: 'Add actions',
      files: {
        '.gitignore': '.opsledger/\n',
        'definitions/actions/from-file.yaml': action('from-file', 'definitions/scripts/from-file.sh'),
        'definitions/scripts/from-file.sh': 'echo "committed version"\n',
        'definitions/actions/linked-in.yaml': action('linked-in', 'definitions/scripts/linked-in.sh'),
        'definitions/actions/linked-out.yaml': action('linked-out', 'definitions/scripts/linked-out.sh'),
      },
    },
  ]);
  // Committed symbolic links: git stores each as a blob holding its target.
  symlinkSync('from-file.sh', path.join(repo.dir, 'definitions/scripts/linked-in.sh'));
  symlinkSync(evil, path.join(repo.dir, 'definitions/scripts/linked-out.sh'));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'Add links');
});
afterAll(async () => {
  await repo.cleanup();
  await rm(outside, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: repo.dir });

describe('script files outside the repo', () => {
  it('#13.11 run --allow-dirty refuses a script.file that is a symlink to a file outside the repo', async () => {
    const script = path.join(repo.dir, 'definitions/scripts/from-file.sh');
    await rm(script);
    symlinkSync(evil, script);
    try {
      const r = cli(['run', 'from-file', '--allow-dirty']);
      expect(r.stderr).toMatch(/^error\[SCRIPT_OUTSIDE_REPO\]: action "from-file": .*outside the repo/m);
      expect(r.code).toBe(2);
      expect(existsSync(marker)).toBe(false);
      // Nothing was recorded: the refusal comes before the start record.
      expect(cli(['executions', '--action', 'from-file', '--json']).stdout.trim()).toBe('[]');
    } finally {
      await rm(script);
      repo.git('checkout', '--', 'definitions/scripts/from-file.sh');
    }
  });

  it('#13.11 a script.file reached through a symlinked directory outside the repo is refused too', async () => {
    const dir = path.join(repo.dir, 'definitions/scripts');
    await writeFile(path.join(outside, 'from-file.sh'), `touch ${marker}\n`);
    const moved = path.join(repo.dir, 'scripts-moved');
    repo.git('mv', 'definitions/scripts', 'scripts-moved');
    symlinkSync(outside, dir);
    try {
      const r = cli(['run', 'from-file', '--allow-dirty']);
      expect(r.stderr).toMatch(/^error\[SCRIPT_OUTSIDE_REPO\]/m);
      expect(r.code).toBe(2);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await rm(dir);
      repo.git('mv', moved, 'definitions/scripts');
      await rm(path.join(outside, 'from-file.sh'));
    }
  });

  it('#13.11 a committed symlink pointing out of the repo is refused, one pointing inside runs its target', async () => {
    const out = cli(['run', 'linked-out']);
    expect(out.stderr).toMatch(/^error\[SCRIPT_OUTSIDE_REPO\]: action "linked-out": .*outside the repo/m);
    expect(out.code).toBe(2);
    expect(existsSync(marker)).toBe(false);

    // Gone from the work tree: the committed link is what would run, and it is followed within the commit only.
    const link = path.join(repo.dir, 'definitions/scripts/linked-out.sh');
    await rm(link);
    try {
      const committed = cli(['run', 'linked-out', '--allow-dirty']);
      expect(committed.stderr).toMatch(/^error\[SCRIPT_OUTSIDE_REPO\]/m);
      expect(committed.code).toBe(2);
      expect(existsSync(marker)).toBe(false);
    } finally {
      repo.git('checkout', '--', 'definitions/scripts/linked-out.sh');
    }

    const inside = cli(['run', 'linked-in', '--json']);
    expect(inside.code).toBe(0);
    const rec = JSON.parse(inside.stdout) as {
      definition: { dirty: boolean };
      results: { stdout_tail: string }[];
    };
    expect(rec.definition.dirty).toBe(false);
    expect(rec.results[0]?.stdout_tail).toBe('committed version\n');
  });
});
