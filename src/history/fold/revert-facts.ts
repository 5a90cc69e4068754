import { DEFINITION_KINDS, TYPE_OF_KIND } from '../../definitions/types.js';
import { definitionKey, type FoldCommit, type FoldContext, type FoldState } from '../fold-types.js';
import type { AuditableType } from '../types.js';

/** What a revert commit says: the commit its events undo, and for `Reverts-Audit:` the version it restores. */
export interface RevertFacts {
  of: string | null;
  restores: { type: AuditableType; id: string; version: number; commit: string } | null;
}

/**
 * `This reverts commit X` (git revert, `opsledger revert --commit`): the events undo X. `Reverts-Audit: ID@vN`
 * (`opsledger revert --to`): they undo the version of ID current before this commit, and restore version N.
 */
export function revertFacts(state: FoldState, commit: FoldCommit, ctx: FoldContext): RevertFacts {
  if (commit.revertsCommit) return { of: commit.revertsCommit, restores: null };
  const audit = commit.facts.revertsAudit;
  if (!audit) return { of: null, restores: null };
  const made = ctx.versionCommit(audit.id, audit.version);
  for (const kind of DEFINITION_KINDS) {
    const obj = state.objects[definitionKey(kind, audit.id)];
    if (obj) return restoring(TYPE_OF_KIND[kind], audit, obj.commit, made);
  }
  const step = state.steps[audit.id];
  if (step) return restoring('Runbook::Step', audit, step.commit, made);
  return { of: made, restores: null };
}

function restoring(
  type: AuditableType,
  audit: { id: string; version: number },
  current: string,
  made: string | null,
): RevertFacts {
  return {
    of: current,
    restores: made === null ? null : { type, id: audit.id, version: audit.version, commit: made },
  };
}
