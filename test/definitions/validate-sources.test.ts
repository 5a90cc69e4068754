import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createFixtureRepo, parseCliJson, type FixtureRepo, type ValidateJson } from './fixture-repo.js';

let repo: FixtureRepo | undefined;
const extraDirs: string[] = [];
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
  for (const dir of extraDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function validate(args: string[], cwd?: string): { code: number; json: ValidateJson; stderr: string } {
  const result = runCli(['validate', '--json', ...args], cwd ? { cwd } : {});
  return { code: result.code, json: parseCliJson<ValidateJson>(result), stderr: result.stderr };
}

const codes = (json: ValidateJson): string[] => json.findings.map((f) => `${f.code} ${f.file}:${f.line}`);

async function committedBase(): Promise<FixtureRepo> {
  const r = await createFixtureRepo(['base']);
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'base');
  return r;
}

describe('validate reads the work tree, the index (--staged) or a commit (--rev)', () => {
  it('each source sees its own version of a file', async () => {
    repo = await committedBase();
    const file = path.join(repo.dir, 'definitions/actions/flush-cache.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}timout: 5\n`);
    // Unstaged: only the work tree is broken.
    expect(validate(['--repo', repo.dir]).code).toBe(1);
    expect(validate(['--repo', repo.dir, '--staged']).code).toBe(0);
    expect(validate(['--repo', repo.dir, '--rev', 'HEAD']).code).toBe(0);
    // Staged: the index is broken too, the commit is not.
    repo.git('add', '-A');
    const staged = validate(['--repo', repo.dir, '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.json.source.kind).toBe('index');
    expect(codes(staged.json)).toEqual(['schema definitions/actions/flush-cache.yaml:9']);
    const rev = validate(['--repo', repo.dir, '--rev', 'HEAD']);
    expect(rev.code).toBe(0);
    expect(rev.json.source).toMatchObject({ kind: 'tree', rev: repo.git('rev-parse', 'HEAD').trim() });
  });

  it('a script.file must exist in the same source: staged action, untracked script', async () => {
    repo = await committedBase();
    await writeFile(
      path.join(repo.dir, 'definitions/actions/cleanup.yaml'),
      'id: cleanup\nname: Cleanup\nowner: bob@example.com\nstatus: draft\nscript:\n  shell: sh\n  file: definitions/scripts/cleanup.sh\n',
    );
    await writeFile(path.join(repo.dir, 'definitions/scripts/cleanup.sh'), 'echo clean\n');
    repo.git('add', 'definitions/actions/cleanup.yaml');
    expect(validate(['--repo', repo.dir]).code).toBe(0);
    const staged = validate(['--repo', repo.dir, '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.json.findings[0]).toMatchObject({
      code: 'script-missing',
      file: 'definitions/actions/cleanup.yaml',
      line: 7,
    });
    expect(staged.json.findings[0]!.message).toContain('in the index');
  });

  it('--rev works in a bare repository; the work tree modes refuse it with exit 2', async () => {
    repo = await committedBase();
    const bare = await mkdtemp(path.join(tmpdir(), 'opsledger-bare-'));
    extraDirs.push(bare);
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
    const ok = validate(['--repo', bare, '--rev', 'main']);
    expect(ok.code).toBe(0);
    expect(ok.json.definitions.actions).toEqual(['deploy-web', 'flush-cache']);
    const inside = validate(['--rev', 'main'], bare);
    expect(inside.code).toBe(0);
    const refused = runCli(['validate', '--json', '--repo', bare]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    const unknownRev = runCli(['validate', '--repo', bare, '--rev', 'no-such-branch']);
    expect(unknownRev.code).toBe(2);
    expect(unknownRev.stderr).toContain('error[INPUT_INVALID]');
  });

  it('follows symbolic links stored in git: inside the repo is fine, out of it is refused', async () => {
    repo = await createFixtureRepo(['base'], {
      symlinks: {
        'definitions/scripts/current.sh': 'deploy-web.sh',
        'definitions/scripts/escape.sh': '../../../outside.sh',
      },
    });
    const action = (id: string, file: string): string =>
      `id: ${id}\nname: ${id}\nowner: bob@example.com\nstatus: draft\nscript:\n  shell: sh\n  file: ${file}\n`;
    await writeFile(
      path.join(repo.dir, 'definitions/actions/linked-in.yaml'),
      action('linked-in', 'definitions/scripts/current.sh'),
    );
    await writeFile(
      path.join(repo.dir, 'definitions/actions/linked-out.yaml'),
      action('linked-out', 'definitions/scripts/escape.sh'),
    );
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'links');
    for (const args of [[], ['--staged'], ['--rev', 'HEAD']]) {
      const { code, json } = validate(['--repo', repo.dir, ...args]);
      expect(code).toBe(1);
      expect(codes(json)).toEqual(['script-symlink-out definitions/actions/linked-out.yaml:7']);
    }
  });

  it('reports only the given paths, while rules still see every definition', async () => {
    repo = await committedBase();
    await writeFile(path.join(repo.dir, 'definitions/actions/broken.yaml'), 'id: broken\n');
    const all = validate(['--repo', repo.dir]);
    expect(all.code).toBe(1);
    // The runbook calls deploy-web, which lives under actions/: it passes on its own.
    const runbooks = validate(['--repo', repo.dir, 'definitions/runbooks']);
    expect(runbooks.code).toBe(0);
    expect(runbooks.json.counts.files).toBe(1);
    expect(runbooks.json.definitions.runbooks).toEqual(['release']);
    // Relative to the current directory too.
    const fromSubdir = validate(['runbooks/release.yaml'], path.join(repo.dir, 'definitions'));
    expect(fromSubdir.code).toBe(0);
    expect(fromSubdir.json.counts.files).toBe(1);
    const one = validate(['--repo', repo.dir, 'definitions/actions/broken.yaml']);
    expect(one.code).toBe(1);
    expect(new Set(one.json.findings.map((f) => f.file))).toEqual(
      new Set(['definitions/actions/broken.yaml']),
    );
  });

  it('a path that does not exist is a usage error (exit 2)', async () => {
    repo = await committedBase();
    const result = runCli(['validate', '--repo', repo.dir, 'definitions/nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error\[PATH_NOT_FOUND\]: definitions\/nope\.yaml does not exist/m);
    expect(result.stderr).toMatch(/^hint: /m);
    const json = runCli(['validate', '--json', '--repo', repo.dir, '--staged', 'definitions/nope.yaml']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'PATH_NOT_FOUND' } });
    expect(runCli(['validate', '--repo', repo.dir, '--format', 'xml']).code).toBe(2);
    expect(runCli(['validate', '--repo', repo.dir, '--staged', '--rev', 'HEAD']).code).toBe(2);
  });

  it('--format github prints workflow commands GitHub turns into annotations', async () => {
    repo = await createFixtureRepo(['base', 'rules/schema-unknown-key', 'rules/unknown-tag']);
    const result = runCli(['validate', '--repo', repo.dir, '--format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(
      '::error file=definitions/actions/typo.yaml,line=8,col=1,title=opsledger schema::unknown key "timout" in document. Remove the key or fix its spelling; the schema lists the allowed keys.',
    );
    expect(lines.some((l) => l.startsWith('::warning file=definitions/roles/no-tag.yaml,line=6,'))).toBe(
      true,
    );
    expect(lines.at(-1)).toMatch(/^FAILED: 1 error, 1 warning/);
  });

  it('honours paths.definitions from opsledger.yaml', async () => {
    repo = await createFixtureRepo([]);
    const dir = repo.dir;
    await writeFile(path.join(dir, 'opsledger.yaml'), 'paths:\n  definitions: ops/defs\n');
    execFileSync('mkdir', ['-p', path.join(dir, 'ops/defs/actions')]);
    await writeFile(
      path.join(dir, 'ops/defs/actions/a.yaml'),
      'id: a\nname: A\nowner: bob@example.com\nstatus: draft\nscript: { shell: sh, inline: echo }\ntimout: 1\n',
    );
    const { code, json } = validate(['--repo', dir]);
    expect(code).toBe(1);
    expect(codes(json)).toEqual(['schema ops/defs/actions/a.yaml:6']);
    expect(json.counts.files).toBe(2);
  });

  it('a definition that is a symbolic link is refused in every source', async () => {
    repo = await createFixtureRepo(['base']);
    await symlink('flush-cache.yaml', path.join(repo.dir, 'definitions/actions/alias.yaml'));
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'link');
    for (const args of [[], ['--staged'], ['--rev', 'HEAD']]) {
      const { json } = validate(['--repo', repo.dir, ...args]);
      expect(codes(json)).toEqual(['definition-symlink definitions/actions/alias.yaml:1']);
    }
  });
});

describe('#13.1 validate --rules-from judges a source by the rules of another commit', () => {
  it('#13.1 a permissive schema or a moved definitions folder in the checked commit does not judge it', async () => {
    repo = await committedBase();
    const base = repo.git('rev-parse', 'HEAD').trim();
    const file = path.join(repo.dir, 'definitions/actions/flush-cache.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}timout: 5\n`);
    await mkdir(path.join(repo.dir, 'definitions/schema'), { recursive: true });
    await writeFile(path.join(repo.dir, 'definitions/schema/action.schema.json'), '{}\n');
    await writeFile(path.join(repo.dir, 'opsledger.yaml'), 'branch: decoy\npaths:\n  definitions: nowhere\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'forged rules');
    // By its own rules the commit looks fine; by its base's rules it is not.
    expect(validate(['--repo', repo.dir, '--rev', 'HEAD']).code).toBe(0);
    const judged = validate(['--repo', repo.dir, '--rev', 'HEAD', '--rules-from', base]);
    expect(judged.code).toBe(1);
    expect(judged.json.rules).toEqual({ label: `commit ${base.slice(0, 12)}`, rev: base });
    expect(codes(judged.json)).toContain('schema definitions/actions/flush-cache.yaml:9');
    // The work tree and the index take the option too; an unknown rules revision is a usage error.
    expect(validate(['--repo', repo.dir, '--rules-from', base]).code).toBe(1);
    expect(validate(['--repo', repo.dir, '--staged', '--rules-from', base]).code).toBe(1);
    const unknown = runCli(['validate', '--repo', repo.dir, '--rules-from', 'no-such-rev']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error[INPUT_INVALID]: no commit or tree named no-such-rev');
  });
});
