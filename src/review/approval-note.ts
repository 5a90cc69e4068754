import { OpsledgerError } from '../errors/opsledger-error.js';
import path from 'node:path';
import { runGit, runGitRaw } from '../git/run-git.js';
import { acquireFlock } from '../state/flock.js';

/** The git notes ref that keeps the approval evidence of merged pull requests (docs/github.md "The approval note"). */
export const APPROVALS_NOTES_REF = 'refs/notes/opsledger/approvals';

/** A review's state as GitHub reports it. */
export const REVIEW_STATES = ['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED', 'COMMENTED'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** One review of the pull request, as recorded. */
export interface ApprovalRecord {
  reviewer_login: string;
  /** The email the login maps to (config `github.github_logins`, or a role member's GitHub noreply address), else null. */
  email: string | null;
  state: ReviewState;
  /** The head commit the review was given on (an approval of an older head is stale). */
  commit_id: string;
  submitted_at: string;
}

/**
 * The approval evidence of one merged pull request, kept as a note on its merge commit under
 * `refs/notes/opsledger/approvals` (docs/github.md). Written as one line of JSON, so notes appended to the same
 * commit stay one document per line.
 */
export interface ApprovalNote {
  version: 1;
  pull_request: { number: number; url: string; head_sha: string; base_ref: string; authors: string[] };
  approvals: ApprovalRecord[];
  recorded_at: string;
}

/** The notes of every commit that has one, and the notes that could not be read (never fatal: reported). */
export interface ApprovalNotes {
  byCommit: Map<string, ApprovalNote[]>;
  invalid: { commit: string; message: string }[];
}

const SHA = /^[0-9a-f]{40}$/;

/** Parse one approval note document (one JSON object); INPUT_INVALID names what is wrong. */
export function parseApprovalNote(text: string): ApprovalNote {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`not JSON: ${(err as Error).message}`);
  }
  const note = value as Partial<ApprovalNote> | null;
  if (note === null || typeof note !== 'object' || Array.isArray(note)) throw invalid('not a JSON object');
  if (note.version !== 1) throw invalid(`unknown version ${JSON.stringify(note.version)}`);
  const pr = note.pull_request;
  if (
    !pr ||
    !Number.isInteger(pr.number) ||
    typeof pr.url !== 'string' ||
    typeof pr.head_sha !== 'string' ||
    typeof pr.base_ref !== 'string' ||
    !Array.isArray(pr.authors) ||
    !pr.authors.every((a) => typeof a === 'string')
  ) {
    throw invalid('pull_request needs number, url, head_sha, base_ref and authors[]');
  }
  if (!Array.isArray(note.approvals)) throw invalid('approvals must be an array');
  note.approvals.forEach((a, i) => checkRecord(a, i));
  if (typeof note.recorded_at !== 'string') throw invalid('recorded_at must be an ISO 8601 string');
  return {
    version: 1,
    pull_request: {
      number: pr.number!,
      url: pr.url,
      head_sha: pr.head_sha,
      base_ref: pr.base_ref,
      authors: [...pr.authors],
    },
    approvals: note.approvals.map((a) => ({ ...a })),
    recorded_at: note.recorded_at,
  };
}

function checkRecord(record: unknown, i: number): asserts record is ApprovalRecord {
  const r = record as Partial<ApprovalRecord> | null;
  const ok =
    r !== null &&
    typeof r === 'object' &&
    typeof r.reviewer_login === 'string' &&
    (r.email === null || typeof r.email === 'string') &&
    REVIEW_STATES.includes(r.state as ReviewState) &&
    typeof r.commit_id === 'string' &&
    typeof r.submitted_at === 'string';
  if (!ok)
    throw invalid(`approvals[${i}] needs reviewer_login, email (or null), state, commit_id, submitted_at`);
}

function invalid(message: string): OpsledgerError {
  return new OpsledgerError('INPUT_INVALID', `approval note: ${message}`, {
    hint: 'An approval note is one JSON document per line (docs/github.md "The approval note").',
  });
}

/** Every document of a note's text: one per non-empty line (`git notes append` joins them with blank lines). */
export function parseApprovalNoteText(text: string): ApprovalNote[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parseApprovalNote);
}

/**
 * Record a note on `commit`. Append-safe: a commit that already has evidence keeps it and gains one more line
 * (`git notes append`), so a second recording never erases the first. `git notes append` reads the note, writes a
 * new notes commit and moves the ref without comparing it: two appends at once lose one, so writers take a flock in
 * the git dir (`opsledger-approvals.lock`) first. `identity` is who the notes commit is by (a service without a git
 * identity of its own).
 */
export async function writeApprovalNote(
  repo: string,
  commit: string,
  note: ApprovalNote,
  identity?: { name: string; email: string },
): Promise<void> {
  const line = JSON.stringify(parseApprovalNote(JSON.stringify(note)));
  const env = identity
    ? {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
      }
    : undefined;
  const gitDir = path.resolve(repo, (await runGit(repo, ['rev-parse', '--git-common-dir'])).trim());
  const release = await acquireFlock(path.join(gitDir, 'opsledger-approvals.lock'), {
    timeoutMs: 60_000,
    what: 'the approval notes',
  });
  try {
    await runGit(repo, ['notes', '--ref', APPROVALS_NOTES_REF, 'append', '--file', '-', commit], {
      input: `${line}\n`,
      ...(env ? { env } : {}),
    });
  } finally {
    release();
  }
}

/**
 * Every approval note of the repo in one `git grep` over the notes tree (each line of each note file, prefixed by
 * its path, the annotated commit's sha with fanout slashes). No notes ref: an empty map.
 */
export async function readApprovalNotes(repo: string): Promise<ApprovalNotes> {
  const result = await runGitRaw(repo, ['grep', '--no-color', '-I', '-e', '.', APPROVALS_NOTES_REF, '--']);
  const notes: ApprovalNotes = { byCommit: new Map(), invalid: [] };
  if (
    result.code === 1 ||
    (result.code !== 0 && /unable to resolve|bad revision|not a tree/i.test(result.stderr))
  )
    return notes;
  if (result.code !== 0) {
    throw new OpsledgerError('GIT_FAILED', `git grep ${APPROVALS_NOTES_REF} failed: ${result.stderr.trim()}`);
  }
  const prefix = `${APPROVALS_NOTES_REF}:`;
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const colon = rest.indexOf(':');
    const commit = rest.slice(0, colon).replace(/\//g, '');
    if (!SHA.test(commit)) continue;
    try {
      const note = parseApprovalNote(rest.slice(colon + 1));
      const list = notes.byCommit.get(commit);
      if (list) list.push(note);
      else notes.byCommit.set(commit, [note]);
    } catch (err) {
      notes.invalid.push({ commit, message: (err as Error).message });
    }
  }
  return notes;
}
