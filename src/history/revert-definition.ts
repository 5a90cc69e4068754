import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openCatFileBatch } from '../git/cat-file-batch.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { DefinitionKind } from '../definitions/types.js';

/** Refuse to touch a work tree with uncommitted changes to tracked files (untracked files are left alone). */
export async function assertCleanWorkTree(repo: string): Promise<void> {
  const status = await runGit(repo, ['status', '--porcelain', '--untracked-files=no']);
  if (status.trim() !== '') {
    const files = status
      .trim()
      .split('\n')
      .slice(0, 5)
      .map((l) => l.slice(3))
      .join(', ');
    throw new OpsledgerError('DIRTY_WORKTREE', `the work tree has uncommitted changes (${files})`);
  }
}

export interface RevertToVersion {
  kind: DefinitionKind;
  id: string;
  version: number;
  /** The commit that made the version, and its definition blob. */
  commit: string;
  blob: string;
  /** Where the definition lives now (written there even if the version lived elsewhere). */
  currentPath: string;
  /** The script file the version named and its blob then, to restore it as well. */
  script?: { path: string; blob: string | null };
}

export interface RevertResult {
  commit: string;
  paths: string[];
  message: string;
}

/**
 * Write a definition version's original bytes (comments and all) back to its current path, restore its script file
 * if it changed since, and commit with a message that names what it restores and a `Reverts-Audit: ID@vN` trailer.
 */
export async function revertToVersion(repo: string, target: RevertToVersion): Promise<RevertResult> {
  await assertCleanWorkTree(repo);
  const batch = openCatFileBatch(repo);
  const writes: { path: string; content: Buffer }[] = [];
  try {
    const def = await batch.read(target.blob);
    if (!def) throw new OpsledgerError('GIT_FAILED', `blob ${target.blob} of ${target.id} is missing`);
    writes.push({ path: target.currentPath, content: def.content });
    if (target.script?.blob) {
      const script = await batch.read(target.script.blob);
      if (script) writes.push({ path: target.script.path, content: script.content });
    }
  } finally {
    await batch.close();
  }
  for (const w of writes) {
    const full = path.join(repo, w.path);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, w.content);
  }
  const paths = writes.map((w) => w.path);
  await runGit(repo, ['add', '--', ...paths]);
  const staged = await runGitRaw(repo, ['diff', '--cached', '--quiet', '--', ...paths]);
  if (staged.code === 0) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      `${target.id} already has the content of version ${target.version}; nothing to revert`,
      { hint: 'See the versions with `opsledger history ID`.' },
    );
  }
  const message = [
    `Revert ${target.kind} ${target.id} to version ${target.version}`,
    '',
    `Restores ${target.currentPath} to its content at version ${target.version} (commit ${target.commit.slice(0, 12)})` +
      (writes.length > 1 ? `, with ${target.script!.path} as it was then.` : '.'),
    '',
    `Reverts-Audit: ${target.id}@v${target.version}`,
  ].join('\n');
  await runGit(repo, ['commit', '-q', '-m', message, '--', ...paths]);
  const commit = (await runGit(repo, ['rev-parse', 'HEAD'])).trim();
  return { commit, paths, message };
}

/**
 * `git revert --no-edit SHA` (mainline 1 for a merge, so a merged pull request is undone as a whole). Conflicts leave
 * the repo as git leaves it and become GIT_CONFLICT with what to do next.
 */
export async function revertCommit(repo: string, sha: string): Promise<RevertResult> {
  await assertCleanWorkTree(repo);
  const resolved = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
  if (resolved.code !== 0) {
    throw new OpsledgerError('INPUT_INVALID', `${sha} is not a commit`, {
      hint: 'Pass a commit sha from `opsledger history ID` (COMMIT column).',
    });
  }
  const full = resolved.stdout.trim();
  const parents =
    (await runGit(repo, ['rev-list', '--parents', '-n', '1', full])).trim().split(' ').length - 1;
  const args = ['revert', '--no-edit', ...(parents > 1 ? ['-m', '1'] : []), full];
  const result = await runGitRaw(repo, args);
  if (result.code !== 0) {
    const conflicts = (await runGitRaw(repo, ['diff', '--name-only', '--diff-filter=U'])).stdout.trim();
    if (conflicts !== '') {
      throw new OpsledgerError(
        'GIT_CONFLICT',
        `reverting ${full.slice(0, 12)} conflicts in ${conflicts.split('\n').join(', ')}`,
        {
          hint:
            'Fix the conflicted files, `git add` them and run `git revert --continue`; ' +
            'or `git revert --abort` to give up.',
        },
      );
    }
    const nothing = (await runGitRaw(repo, ['diff', '--cached', '--quiet'])).code === 0;
    if (nothing) {
      // git stops with an empty revert in progress; nothing changed, so put the repo back as it was.
      await runGitRaw(repo, ['revert', '--abort']);
      throw new OpsledgerError(
        'INPUT_INVALID',
        `reverting ${full.slice(0, 12)} changes nothing: it is already undone`,
        {
          hint: 'See the current state with `opsledger history ID`.',
        },
      );
    }
    throw new OpsledgerError(
      'GIT_FAILED',
      `git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`,
    );
  }
  const commit = (await runGit(repo, ['rev-parse', 'HEAD'])).trim();
  const message = await runGit(repo, ['log', '-1', '--format=%B', commit]);
  const paths = (await runGit(repo, ['diff-tree', '--no-commit-id', '--name-only', '-r', commit]))
    .trim()
    .split('\n');
  return { commit, paths, message: message.trim() };
}
