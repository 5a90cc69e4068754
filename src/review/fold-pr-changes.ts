import type { DefinitionKind } from '../definitions/types.js';
import { kindOfPath } from '../definitions/types.js';
import { foldCommit } from '../history/fold-history.js';
import {
  createFoldState,
  type FoldCommit,
  type FoldContext,
  type FoldState,
  type ParsedBlob,
} from '../history/fold-types.js';
import { parseCommitMessage } from '../history/parse-commit-message.js';
import type { AuditEvent } from '../history/types.js';

/** A file change between the merge base and the head (`git diff --raw`), blobs null on the absent side. */
export interface FileChange {
  path: string;
  oldBlob: string | null;
  newBlob: string | null;
}

/** A definition as one side of the pull request has it (only definitions that parse). */
export interface SideDefinition {
  kind: DefinitionKind;
  id: string;
  path: string;
  value: Record<string, unknown>;
}

export interface PrFoldInput {
  definitionsDir: string;
  /** Every definition file at the merge base, with its blob. */
  baseFiles: { path: string; blob: string }[];
  /** The changes from the merge base to the head (definition files, script files; others are ignored). */
  changes: FileChange[];
  /** Script files actions name on either side, with their blob at the merge base (null: absent). */
  scripts: Record<string, string | null>;
  parse(kind: DefinitionKind, blob: string, file: string): ParsedBlob;
}

export interface PrFold {
  /** The history engine's events for the change, as if the pull request were one commit on the base. */
  events: AuditEvent[];
  before: SideDefinition[];
  after: SideDefinition[];
}

const NOBODY = { name: '', email: '' };

/**
 * The semantic diff of a pull request, computed by the history engine itself (pure): the merge base's definitions
 * are folded as a first commit, then the whole change as a second, and the second commit's events are the diff —
 * the same `audited_changes` (keyed parameters and steps, `/script/file_blob`, `/__path`, step events) that
 * `opsledger history` shows once the pull request is merged.
 */
export function foldPrChanges(input: PrFoldInput): PrFold {
  const state = createFoldState();
  Object.assign(state.scripts, input.scripts);
  const ctx: FoldContext = {
    definitionsDir: input.definitionsDir,
    parse: (kind, blob, file) => input.parse(kind, blob, file),
    versionCommit: () => null,
  };
  const creates = input.baseFiles.map((f) => ({ path: f.path, oldBlob: null, newBlob: f.blob }));
  foldCommit(state, fakeCommit(1, creates), ctx);
  const before = liveDefinitions(state);
  const relevant = input.changes.filter(
    (c) => kindOfPath(c.path, input.definitionsDir) !== null || Object.hasOwn(input.scripts, c.path),
  );
  const { events } = foldCommit(state, fakeCommit(2, relevant), ctx);
  return { events, before, after: liveDefinitions(state) };
}

function fakeCommit(seq: number, changes: FileChange[]): FoldCommit {
  return {
    seq,
    sha: String(seq).padStart(40, '0'),
    createdAt: new Date(0).toISOString(),
    author: NOBODY,
    committer: NOBODY,
    facts: parseCommitMessage(''),
    revertsCommit: null,
    side: null,
    schema: 'pr',
    changes,
  };
}

/** The definitions live in the fold state (a copy: folding on changes the state in place). */
function liveDefinitions(state: FoldState): SideDefinition[] {
  const out: SideDefinition[] = [];
  for (const [key, obj] of Object.entries(state.objects)) {
    if (!obj.live) continue;
    const kind = key.slice(0, key.indexOf(':')) as DefinitionKind;
    out.push({ kind, id: obj.id, path: obj.path, value: obj.value });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
