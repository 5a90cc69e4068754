import path from 'node:path';
import type { DefinitionKind, Finding } from '../definitions/types.js';
import type { CommitMessageFacts } from './parse-commit-message.js';
import type { AuditableType, AuditEvent, AuditUser, InvalidEntry, Problem } from './types.js';

/**
 * A definition blob after parsing: its value and what the schemas in force at the commit found wrong with it (empty:
 * valid), or, for a file that does not parse into a mapping with a usable id, the findings and no content.
 */
export type ParsedBlob =
  | { ok: true; value: Record<string, unknown>; findings: Finding[] }
  | { ok: false; findings: Finding[]; id: string | null };

/** A commit brought in by a merge, for attributing the merge's changes to the people who made them. */
export interface SideCommit {
  sha: string;
  author: AuditUser;
  committedAt: string;
  coAuthors: AuditUser[];
  paths: string[];
  /** Its changes of definition files against its first parent (for crediting each pointer of a merge). */
  changes: { path: string; oldBlob: string | null; newBlob: string | null }[];
}

/** One first-parent commit of the tracked branch, with its changes (definition files and tracked script files). */
export interface FoldCommit {
  seq: number;
  sha: string;
  createdAt: string;
  author: AuditUser;
  committer: AuditUser;
  facts: CommitMessageFacts;
  /** `This reverts commit X` resolved to a full sha (null when absent or unknown). */
  revertsCommit: string | null;
  /** Commits the merge brought in (empty for a direct commit), newest first. */
  side: SideCommit[] | null;
  /** The schemas in force in this commit's tree (a key of the driver's parse cache). */
  schema: string;
  changes: { path: string; oldBlob: string | null; newBlob: string | null }[];
}

export interface FoldContext {
  definitionsDir: string;
  /** The parse of a definition blob under the schemas `schema` names (the driver parses each once). */
  parse(kind: DefinitionKind, blob: string, file: string, schema: string): ParsedBlob;
  /** The value of a blob a merged-side commit wrote, or null when it does not parse (validity does not matter). */
  sideValue?(kind: DefinitionKind, blob: string): Record<string, unknown> | null;
  /** A shallow clone folded with `--allow-shallow`: events say `partial`, a first version is not a create. */
  partial?: boolean;
  /** The commit that made version `version` of an auditable id (any type), for `Reverts-Audit: ID@vN`. */
  versionCommit(auditableId: string, version: number): string | null;
}

/**
 * A definition path and the id it claims (null for a file that never parsed; a file that stops parsing keeps
 * claiming its last id). A claimant that does not hold its id (a duplicate) keeps its parse, to take the id over when
 * the holder goes away.
 */
export interface FileOccupant {
  kind: DefinitionKind;
  id: string | null;
  blob: string;
  /** Whether the blob parses (it may still be invalid). */
  parsed: boolean;
  valid: boolean;
  /** The seq of the commit since which it claims this id (who claimed first keeps it). */
  since: number;
  /** For a duplicate claimant: its value and problems. */
  copy?: { value: Record<string, unknown>; problems: Problem[] };
}

/** The last known state of one definition. */
export interface ObjectState {
  type: AuditableType;
  id: string;
  version: number;
  live: boolean;
  path: string;
  blob: string;
  /** The last parsed value (a version that does not parse keeps the one before, for the next diff). */
  value: Record<string, unknown>;
  /** Blob of the action's script.file at its last change (null: no script file, or the file is missing). */
  fileBlob: string | null;
  /** Whether the current version parses (when not, `value` is the one before). */
  parsed: boolean;
  /** Validity of the current version, as of its commit. */
  valid: boolean;
  problems: Problem[];
  /** The commit of the current version (what a `Reverts-Audit:` revert undoes). */
  commit: string;
}

/** Versions of one runbook step (its content lives in the runbook's value). */
export interface StepState {
  version: number;
  live: boolean;
  commit: string;
}

/** Everything the fold needs to continue after a commit: the incremental index's checkpoint. */
export interface FoldState {
  seq: number;
  files: Record<string, FileOccupant>;
  objects: Record<string, ObjectState>;
  /** Runbook steps by `<runbook>/<step>`. */
  steps: Record<string, StepState>;
  /** Tracked script files (repo-relative) and their current blob. */
  scripts: Record<string, string | null>;
}

/** One change of a definition's stored state (every blob, path or script change, even without an event). */
export interface StateRecord {
  key: string;
  seq: number;
  commit: string;
  created_at: string;
  version: number;
  /** null once deleted. */
  blob: string | null;
  path: string;
  file_blob: string | null;
  /** null once deleted, or when this version does not parse. */
  value: Record<string, unknown> | null;
  /** Whether this version validated at its commit (a delete counts as valid). */
  valid: boolean;
}

export interface FoldOutput {
  /** The seq of the commit folded. */
  seq: number;
  events: AuditEvent[];
  states: StateRecord[];
  invalid: InvalidEntry[];
  /** Script files referenced by an action but not tracked by the log that fed this fold: fold again with them. */
  missingScripts: string[];
}

/** The key of a definition in the fold state and the index (`action:restart-web`). */
export function definitionKey(kind: DefinitionKind, id: string): string {
  return `${kind}:${id}`;
}

export function createFoldState(): FoldState {
  return { seq: 0, files: {}, objects: {}, steps: {}, scripts: {} };
}

/** Shared by every valid version (never mutated). */
const NO_PROBLEMS: Problem[] = [];

/** The problems of a version as events carry them. */
export function problemsOf(findings: readonly Finding[]): Problem[] {
  if (findings.length === 0) return NO_PROBLEMS;
  return findings.map((f) => ({ code: f.code, pointer: f.pointer ?? '', message: f.message }));
}

/** A stable id for an event or invalid entry: the same commit and object give the same id on every rebuild. */
export function stableId(...parts: string[]): string {
  // node:crypto loads with the first id asked for: a warm `history` table whose index files a stamp vouches for asks
  // none and hashes nothing (README, CLI start-up).
  return process.getBuiltinModule('node:crypto').hash('sha256', parts.join(':')).slice(0, 32);
}

const scriptPaths = new WeakMap<object, string | null>();

/**
 * The repo-relative path an action's `script.file` names, or null. The fold asks this of the same values again and
 * again; a frozen `script` block (the block parser's) cannot change, so its answer is remembered.
 */
export function scriptPathOf(value: Record<string, unknown>): string | null {
  const script = value.script;
  if (script === null || typeof script !== 'object' || !Object.isFrozen(script)) return scriptPathIn(script);
  let known = scriptPaths.get(script);
  if (known === undefined) {
    known = scriptPathIn(script);
    scriptPaths.set(script, known);
  }
  return known;
}

function scriptPathIn(value: unknown): string | null {
  const script = value as { file?: unknown } | undefined | null;
  if (!script || typeof script.file !== 'string') return null;
  const normal = path.posix.normalize(script.file.replace(/\\/g, '/')).replace(/^(\.\/)+|^\/+/, '');
  return normal.startsWith('../') || normal === '' ? null : normal;
}
