import type { DefinitionKind } from '../../definitions/types.js';
import { creditPointers } from '../credit-pointers.js';
import {
  stableId,
  type FoldCommit,
  type FoldContext,
  type FoldOutput,
  type FoldState,
} from '../fold-types.js';
import { diffValues } from '../semantic-diff.js';
import type { AuditableType, AuditEvent, AuditUser, Credit, Problem } from '../types.js';
import type { RevertFacts } from './revert-facts.js';

/** Whether a version validates, and why not. */
export interface Validity {
  valid: boolean;
  problems: Problem[];
}

export const VALID: Validity = { valid: true, problems: [] };

/** What every event of one definition in one commit shares: who made it, the commit, the revert it is part of. */
export interface Shared {
  kind: DefinitionKind;
  revert: RevertFacts;
  who: { user: AuditUser; authors: AuditUser[] };
  commit: FoldCommit;
  ctx: FoldContext;
  out: FoldOutput;
  state: FoldState;
  /** The definition's paths before and after, and its script file (whose side commits count for a merge). */
  paths: string[];
}

/** Add one audit event (docs/history.md "Audit events"), with its revert facts and, for a merge, its credit. */
export function pushEvent(
  shared: Shared,
  type: AuditableType,
  auditableId: string,
  action: AuditEvent['action'],
  version: number,
  changes: Record<string, unknown>,
  filePath: string,
  blob: string | null,
  validity: Validity,
): void {
  const { commit, ctx, revert } = shared;
  const partial = ctx.partial === true;
  // In a partial history the first version seen of an object is where the window starts, not its creation.
  if (partial && action === 'create' && version === 1) {
    action = 'update';
    changes = diffValues({}, changes);
  }
  const restores =
    revert.restores && revert.restores.type === type && revert.restores.id === auditableId
      ? { version: revert.restores.version, commit: revert.restores.commit }
      : null;
  shared.out.events.push({
    id: stableId(commit.sha, type, auditableId),
    auditable_type: type,
    auditable_id: auditableId,
    action,
    version,
    audited_changes: changes,
    user: shared.who.user,
    commit: commit.sha,
    created_at: commit.createdAt,
    path: filePath,
    message: commit.facts.subject,
    pull_request: commit.facts.pullRequest,
    revert_of: revert.of,
    blob,
    authors: shared.who.authors,
    committer: commit.committer,
    valid: validity.valid,
    problems: validity.problems,
    changed_by: commit.side ? creditOf(shared, type, auditableId, action, changes) : null,
    merged_by: commit.side ? commit.committer : null,
    restores,
    partial,
    forge: commit.facts.forge,
    approvals: null,
  });
}

/** A merge's credit per changed pointer, in the definition's own pointers (a step's are under `/steps/<id>`). */
function creditOf(
  shared: Shared,
  type: AuditableType,
  auditableId: string,
  action: AuditEvent['action'],
  changes: Record<string, unknown>,
): Record<string, Credit> {
  const stepPrefix =
    type === 'Runbook::Step' ? `/steps/${auditableId.slice(auditableId.indexOf('/') + 1)}` : '';
  const pointers = action === 'update' ? Object.keys(changes) : [''];
  const credits = creditPointers(
    shared.commit,
    shared.kind,
    shared.paths,
    pointers.map((p) => stepPrefix + p),
    shared.ctx,
  );
  const out: Record<string, Credit> = {};
  pointers.forEach((p, i) => (out[p] = credits[i]!));
  return out;
}
