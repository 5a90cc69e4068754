import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import { parseCommitMessage, uniqueUsers } from '../history/parse-commit-message.js';
import type { AuditUser } from '../history/types.js';
import type { FileChange } from './fold-pr-changes.js';

/** The commit a name resolves to; INPUT_INVALID when there is none. */
export async function resolveRevision(repo: string, name: string): Promise<string> {
  if (name.startsWith('-')) throw new OpsledgerError('INPUT_INVALID', `not a revision: ${name}`);
  const result = await runGitRaw(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${name}^{commit}`,
  ]);
  if (result.code !== 0) {
    throw new OpsledgerError('INPUT_INVALID', `no commit named ${name}`, {
      hint: 'Name a branch, tag or sha that exists here; in CI fetch the base first (`git fetch origin main`, or `fetch-depth: 0`).',
    });
  }
  return result.stdout.trim();
}

/** The merge base of two commits; INPUT_INVALID when they share no history (a shallow clone, unrelated branches). */
export async function mergeBase(repo: string, base: string, head: string): Promise<string> {
  const result = await runGitRaw(repo, ['merge-base', base, head]);
  if (result.code !== 0) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      `${base.slice(0, 7)} and ${head.slice(0, 7)} have no merge base`,
      {
        hint: 'Fetch enough history for both sides (actions/checkout with `fetch-depth: 0`).',
      },
    );
  }
  return result.stdout.trim();
}

/** The files (with their blobs) under a folder of a commit, in one `git ls-tree`. */
export async function listFiles(
  repo: string,
  rev: string,
  dir: string,
): Promise<{ path: string; blob: string }[]> {
  const output = await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', rev, '--', `${dir}/`]);
  const out: { path: string; blob: string }[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, oid] = record.slice(0, tab).split(' ');
    if (type === 'blob' && oid) out.push({ path: record.slice(tab + 1), blob: oid });
  }
  return out;
}

/** Every file change from `from` to `to` (`git diff --raw --no-renames`), blobs null on the absent side. */
export async function diffFiles(repo: string, from: string, to: string): Promise<FileChange[]> {
  const output = await runGit(repo, ['diff', '--raw', '-z', '--no-renames', '--no-abbrev', from, to]);
  const fields = output.split('\0');
  const out: FileChange[] = [];
  const zero = /^0+$/;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i]!.split(' ');
    const path = fields[i + 1]!;
    const oldBlob = meta[2] ?? '';
    const newBlob = meta[3] ?? '';
    out.push({
      path,
      oldBlob: zero.test(oldBlob) ? null : oldBlob,
      newBlob: zero.test(newBlob) ? null : newBlob,
    });
  }
  return out;
}

/** The authors of the commits from `from` to `to` (names as .mailmap maps them, and Co-authored-by trailers). */
export async function readAuthors(repo: string, from: string, to: string): Promise<AuditUser[]> {
  const output = await runGit(repo, ['log', '--format=%x01%aN%x00%aE%x00%B', `${from}..${to}`]);
  const users: AuditUser[] = [];
  for (const record of output.split('\x01')) {
    if (record === '') continue;
    const [name = '', email = '', message = ''] = record.split('\0');
    users.push({ name, email: email.toLowerCase() }, ...parseCommitMessage(message).coAuthors);
  }
  return uniqueUsers(users.map((u) => ({ name: u.name, email: u.email.toLowerCase() })));
}
