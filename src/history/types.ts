import type { Definition, DefinitionKind, Finding } from '../definitions/types.js';

/** docs/history.md. */
export type { AuditableType } from '../definitions/types.js';
import type { AuditableType } from '../definitions/types.js';
/** What an audit event did to its object (docs/history.md): the one list the codec and the API's document use. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditUser {
  name: string;
  email: string;
}

/** One change of one definition (or runbook step) in one first-parent commit of the tracked branch. */
export interface AuditEvent {
  id: string;
  auditable_type: AuditableType;
  auditable_id: string;
  action: AuditAction;
  version: number;
  /** create/delete: the whole object; update: JSON Pointer → [old, new] (null for the absent side). */
  audited_changes: Record<string, unknown>;
  user: AuditUser;
  commit: string;
  created_at: string;
  path: string;
  message: string;
  pull_request: number | null;
  revert_of: string | null;
  // Documented extensions (README "Audit events"): everything a reviewer needs without another git call.
  /** Blob id of the definition file after the change (null for delete). */
  blob: string | null;
  /** Every author who contributed to the change (merged-side authors, Co-authored-by trailers), user first. */
  authors: AuditUser[];
  /** The committer of the first-parent commit (for a merge: the person who merged). */
  committer: AuditUser;
  /** Whether the version validated against the schemas in force in that commit's tree. */
  valid: boolean;
  /** Why it did not (empty when valid); a file that does not parse has one problem and no content. */
  problems: Problem[];
  /** For a merge: each changed pointer credited to the merged-side commit that last set it (null otherwise). */
  changed_by: Record<string, Credit> | null;
  /** For a merge: its committer (the person who merged); null for a direct commit. */
  merged_by: AuditUser | null;
  /** For `Reverts-Audit: ID@vN` (`opsledger revert --to`): the version restored and the commit that made it. */
  restores: { version: number; commit: string } | null;
  /** true when folded from a shallow clone with `--allow-shallow` (the first version seen is not a create). */
  partial: boolean;
  /** Which forge's merge or squash message named `pull_request` (null: none). */
  forge: Forge | null;
  /**
   * The reviews recorded for this commit under `refs/notes/opsledger/approvals` (docs/history.md "Approvals"), or
   * null when none were. Not stored in the index: read from the notes at each refresh, so a note added later shows.
   */
  approvals: EventApproval[] | null;
}

/** One recorded review of the pull request that made an event's commit (docs/github.md "The approval note"). */
export interface EventApproval {
  reviewer_login: string;
  email: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED' | 'COMMENTED';
  commit_id: string;
  submitted_at: string;
  pull_request: number;
  /** The review was given on another commit than the head that was merged. */
  stale: boolean;
  /** The reviewer is one of the pull request's authors. */
  by_author: boolean;
}

/** The forges whose merge and squash messages name a pull (merge) request (docs/history.md). */
export const FORGES = ['github', 'gitlab', 'bitbucket', 'azure'] as const;
export type Forge = (typeof FORGES)[number];

/** One schema or parse problem of a version, as it was at its commit. */
export interface Problem {
  code: string;
  pointer: string;
  message: string;
}

/** Who set a pointer inside a merge: the merged-side commit and its author. */
export interface Credit {
  name: string;
  email: string;
  commit: string;
}

/** A definition file in a commit that did not parse or validate: reported, never fatal (docs/history.md). */
export interface InvalidEntry {
  id: string;
  action: 'invalid';
  auditable_type: AuditableType;
  /** The id read from the file when one could be read, else null. */
  auditable_id: string | null;
  path: string;
  commit: string;
  created_at: string;
  user: AuditUser;
  message: string;
  findings: Finding[];
}

/**
 * A rewrite of the tracked branch seen by the index: the indexed head was no longer on the branch's first-parent
 * history, and these events went with it (docs/history.md "Rewritten branches").
 */
export interface HistoryRewrite {
  format: number;
  record: 'history_rewritten';
  /** Stable: sha256 of branch, old head and new head (32 hex). */
  id: string;
  branch: string;
  old_head: string;
  new_head: string;
  detected_at: string;
  /** How many events disappeared (the length of `events`). */
  events_lost: number;
  /** The events of the old history that the new one does not have, with their whole content, oldest first. */
  events: AuditEvent[];
  /** false when part of the old index was unreadable, so `events` may miss some. */
  complete: boolean;
}

export interface AuditQuery {
  type?: AuditableType;
  id?: string;
  user?: string;
  since?: string;
  until?: string;
}

/** The state of one definition as of one version: what `show ID@V` prints and what runs are pinned to. */
export interface DefinitionVersion {
  kind: DefinitionKind;
  id: string;
  version: number;
  commit: string;
  blob: string;
  path: string;
  value: Definition['value'];
  created_at: string;
  /** Whether this version validated against the schemas at its commit (absent: valid). */
  valid?: boolean;
}

export interface RefreshStats {
  tip: string | null;
  newCommits: number;
  rebuilt: boolean;
  ms: number;
}

/**
 * The port every reader of change history uses (CLI, server, reports, recorder). The native-git index implements it;
 * tests of pure consumers may use an in-memory fake built from a list of events.
 */
export interface HistoryIndex {
  /** Bring the index up to the tip of the tracked branch (incremental; rebuilds after a force-push). */
  refresh(): Promise<RefreshStats>;
  /** The tracked branch commit the index reflects, or null for an empty branch. */
  tip(): string | null;
  /** Events matching the query, oldest first (`opsledger audit`). Invalid entries are not included. */
  events(query?: AuditQuery): AuditEvent[];
  /** Events of one action, runbook (with its Runbook::Step events) or role, oldest first. Empty when unknown. */
  history(id: string, kind?: DefinitionKind): AuditEvent[];
  /** Definition files that did not parse or validate, per commit, oldest first. */
  invalid(): InvalidEntry[];
  /** One definition as of a version (default: the latest live one); null when unknown or deleted at the tip. */
  definitionAt(kind: DefinitionKind, id: string, version?: number): DefinitionVersion | null;
  /**
   * Every live definition of a kind as it was right after `commit` (a first-parent commit of the tracked branch).
   * `known`: the value of a version's blob when the caller already holds it (a report asks about hundreds of commits
   * that share most role files), given instead of decoding it again.
   */
  definitionsAt(
    kind: DefinitionKind,
    commit: string,
    known?: (id: string, blob: string) => DefinitionVersion['value'] | undefined,
  ): DefinitionVersion[];
  /** First-parent commits of the tracked branch, oldest first, with their committer dates (for point-in-time joins). */
  commits(): { sha: string; created_at: string }[];
  /** Rewrites of the tracked branch this data dir saw (force-pushes), oldest first, with the events they took. */
  rewrites(): HistoryRewrite[];
  /**
   * A digest that is the same only while `events()`, `invalid()` and `commits()` answer the same (the index's files by
   * their checksums, and the approval notes' commit), or null when the index cannot vouch for that: a report keeps
   * what it derived from them under it (docs/reports.md, *Model parts*). Optional: other indexes have none.
   */
  identity?(): string | null;
  /**
   * Per definition file (`kind:id`), a digest that is the same only while the events read from it are (its record's
   * checksum, with the approval notes' commit): a report keeps what it derived from one definition's events under it
   * (docs/reports.md, *Model parts*). Null when the index cannot vouch for it; optional: other indexes have none.
   */
  recordIdentities?(): ReadonlyMap<string, string> | null;
}
