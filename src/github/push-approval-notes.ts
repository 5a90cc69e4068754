import { APPROVALS_NOTES_REF } from '../review/approval-note.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import { FETCH_REF_PREFIX } from './fetch-pull-request.js';

const REMOTE_NOTES = `${FETCH_REF_PREFIX}/notes/approvals`;

/**
 * Bring the remote's approval notes into the local notes ref (a fast-forward, or a `cat_sort_uniq` notes merge when
 * both sides recorded notes), so evidence recorded elsewhere is never lost and the next push is a fast-forward.
 */
export async function syncApprovalNotes(repo: string, remote: string): Promise<void> {
  const fetched = await runGitRaw(repo, [
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    remote,
    `+${APPROVALS_NOTES_REF}:${REMOTE_NOTES}`,
  ]);
  if (fetched.code !== 0) {
    // No notes on the remote yet is normal; anything else is a real failure.
    if (/couldn't find remote ref/i.test(fetched.stderr)) return;
    await runGit(repo, ['fetch', '--quiet', remote, `+${APPROVALS_NOTES_REF}:${REMOTE_NOTES}`]);
  }
  const local = await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', APPROVALS_NOTES_REF]);
  if (local.code !== 0) {
    await runGit(repo, ['update-ref', APPROVALS_NOTES_REF, REMOTE_NOTES]);
    return;
  }
  await runGit(
    repo,
    ['notes', `--ref=${APPROVALS_NOTES_REF}`, 'merge', '--quiet', '-s', 'cat_sort_uniq', REMOTE_NOTES],
    {
      env: NOTES_IDENTITY,
    },
  );
}

/** The service's own identity for the notes commits it makes when its clone has none configured. */
export const SERVICE_IDENTITY = { name: 'opsledger', email: 'opsledger@localhost' };

const NOTES_IDENTITY: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: SERVICE_IDENTITY.name,
  GIT_AUTHOR_EMAIL: SERVICE_IDENTITY.email,
  GIT_COMMITTER_NAME: SERVICE_IDENTITY.name,
  GIT_COMMITTER_EMAIL: SERVICE_IDENTITY.email,
};

/** Notes are commits: the clone's git identity when it has one, else the service's (docs/github.md). */
export async function notesIdentity(repo: string): Promise<typeof SERVICE_IDENTITY | undefined> {
  const ident = await runGitRaw(repo, ['var', 'GIT_COMMITTER_IDENT']);
  return ident.code === 0 ? undefined : SERVICE_IDENTITY;
}

/** Push the notes ref; a rejection (someone pushed notes meanwhile) is merged in and pushed again, a few times. */
export async function pushApprovalNotes(repo: string, remote: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const pushed = await runGitRaw(repo, [
      'push',
      '--quiet',
      remote,
      `${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`,
    ]);
    if (pushed.code === 0) return;
    if (attempt >= 3 || !/rejected|fetch first|non-fast-forward/i.test(pushed.stderr)) {
      await runGit(repo, ['push', '--quiet', remote, `${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`]);
      return;
    }
    await syncApprovalNotes(repo, remote);
  }
}
