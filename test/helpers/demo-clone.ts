import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from './cli.js';

export interface DemoClone {
  /** The clone: this repo's committed tree and history on branch main, with demo-data/ (the demo's journal). */
  dir: string;
  /** An environment where `opsledger` on PATH is the built CLI, HOME is a temp dir and git has an identity. */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/**
 * A throwaway clone of this repo (the demo: definitions/, scripts, reports/, demo-data/ and the real git history),
 * checked out as `main` (the tracked branch), with `opsledger` on PATH as a shell command would find it.
 */
export async function createDemoClone(): Promise<DemoClone> {
  const base = await mkdtemp(path.join(tmpdir(), 'opsledger-demo-clone-'));
  const dir = path.join(base, 'repo');
  execFileSync('git', ['clone', '-q', '--single-branch', ROOT, dir]);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('checkout', '-q', '-B', 'main');
  // As a clone of the demo's own main would have it, whichever branch this checkout is on.
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('config', 'user.name', 'Alice Admin');
  git('config', 'user.email', 'alice@example.com');
  const bin = path.join(base, 'bin');
  const home = path.join(base, 'home');
  await mkdir(bin);
  await mkdir(home);
  await writeFile(path.join(bin, 'opsledger'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(path.join(bin, 'opsledger'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
  };
  delete env.OPSLEDGER_DATA_DIR;
  delete env.PAGER;
  return { dir, env, cleanup: () => rm(base, { recursive: true, force: true }) };
}
