import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const FIXTURES = path.join(ROOT, 'test/fixtures/validate');

export interface FixtureRepo {
  dir: string;
  git(...args: string[]): string;
  cleanup(): Promise<void>;
}

/**
 * A throwaway git repo (branch main, fixed identity) holding the given fixture folders copied over each other in
 * order, e.g. the valid `base` then one rule's files. Nothing is committed unless the test does it.
 */
export async function createFixtureRepo(
  folders: string[],
  options: { symlinks?: Record<string, string> } = {},
): Promise<FixtureRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-validate-'));
  for (const folder of folders) {
    await cp(path.join(FIXTURES, folder), dir, {
      recursive: true,
      filter: (src) => path.basename(src) !== 'expect.json',
    });
  }
  for (const [link, target] of Object.entries(options.symlinks ?? {})) {
    await mkdir(path.dirname(path.join(dir, link)), { recursive: true });
    await symlink(target, path.join(dir, link));
  }
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        LC_ALL: 'C',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Alice Admin',
        GIT_AUTHOR_EMAIL: 'alice@example.com',
        GIT_COMMITTER_NAME: 'Alice Admin',
        GIT_COMMITTER_EMAIL: 'alice@example.com',
        GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return { dir, git, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** One finding of `opsledger validate --json`. */
export interface JsonFinding {
  code: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  message: string;
  hint: string;
  pointer?: string;
}

export interface ValidateJson {
  ok: boolean;
  strict: boolean;
  source: { kind: string; label: string; rev?: string };
  rules?: { label: string; rev?: string };
  findings: JsonFinding[];
  counts: { errors: number; warnings: number; files: number };
  definitions: { actions: string[]; runbooks: string[]; roles: string[] };
}

/** Parse the CLI's JSON stdout; when it is not JSON, fail with what the process printed on stderr. */
export function parseCliJson<T>(result: { code: number; stdout: string; stderr: string }): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `exit ${result.code}, stdout not JSON: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr.slice(0, 2000)}`,
    );
  }
}
