import path from 'node:path';
import { readRefTip } from '../git/read-branch-tip.js';
import {
  APPROVALS_NOTES_REF,
  parseApprovalNote,
  readApprovalNotes,
  type ApprovalNote,
} from '../review/approval-note.js';
import { ensureDir, readJson, writeAtomic } from './history-store.js';
import type { EventApproval } from './types.js';

/**
 * The approval evidence the history index lays over its events (docs/history.md "Approvals"). It is not part of
 * the folded index — the index stays append-only and is never rewritten for a note — but a cache beside it, keyed
 * by the notes ref's commit: a note added later shows at the next refresh, and a warm refresh whose notes ref has
 * not moved reads one small file and starts no process.
 */
export interface ApprovalEvidence {
  /** The commit of `refs/notes/opsledger/approvals` this evidence was read at (null: no notes). */
  notesTip: string | null;
  notes: ReadonlyMap<string, ApprovalNote[]>;
  /** The approvals of a first-parent commit's events, or null when none were recorded. */
  approvalsOf(commit: string): EventApproval[] | null;
}

interface CacheFile {
  notes_tip: string;
  notes: Record<string, ApprovalNote[]>;
}

export const NO_EVIDENCE: ApprovalEvidence = evidenceOf(null, new Map());

/** Load the evidence for the notes ref's current commit: `previous` when unchanged, else the cache, else git. */
export async function loadApprovalEvidence(
  repo: string,
  historyDir: string,
  previous?: ApprovalEvidence,
): Promise<ApprovalEvidence> {
  const tip = await readRefTip(repo, APPROVALS_NOTES_REF);
  if (tip === null) return NO_EVIDENCE;
  if (previous?.notesTip === tip) return previous;
  const file = path.join(historyDir, 'approvals.json');
  const cached = readJson<CacheFile>(file);
  if (cached?.notes_tip === tip) {
    try {
      const notes = new Map(Object.entries(cached.notes).map(([sha, list]) => [sha, list.map(reparse)]));
      return evidenceOf(tip, notes);
    } catch {
      // A damaged cache is only a cache: read the notes again.
    }
  }
  const read = await readApprovalNotes(repo);
  ensureDir(historyDir);
  writeAtomic(file, JSON.stringify({ notes_tip: tip, notes: Object.fromEntries(read.byCommit) }));
  return evidenceOf(tip, read.byCommit);
}

function reparse(note: ApprovalNote): ApprovalNote {
  return parseApprovalNote(JSON.stringify(note));
}

function evidenceOf(notesTip: string | null, notes: ReadonlyMap<string, ApprovalNote[]>): ApprovalEvidence {
  const flat = new Map<string, EventApproval[]>();
  for (const [commit, list] of notes) flat.set(commit, list.flatMap(toEventApprovals));
  return { notesTip, notes, approvalsOf: (commit) => flat.get(commit) ?? null };
}

/** A note's reviews as events carry them: with the pull request, and whether each is stale or the author's own. */
export function toEventApprovals(note: ApprovalNote): EventApproval[] {
  const authors = new Set(note.pull_request.authors.map((a) => a.toLowerCase()));
  return note.approvals.map((a) => ({
    reviewer_login: a.reviewer_login,
    email: a.email,
    state: a.state,
    commit_id: a.commit_id,
    submitted_at: a.submitted_at,
    pull_request: note.pull_request.number,
    stale: a.commit_id !== note.pull_request.head_sha,
    by_author:
      authors.has(a.reviewer_login.toLowerCase()) || (a.email !== null && authors.has(a.email.toLowerCase())),
  }));
}
