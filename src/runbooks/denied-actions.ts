import { decideAccess } from '../access/decide-access.js';
import { resolvePrincipal } from '../access/resolve-principal.js';
import type { Action, Role, Runbook } from '../definitions/types.js';
import type { HistoryIndex } from '../history/types.js';
import type { StartRunbookRunOptions } from './runbook-run-types.js';

/** The actions of the runbook the initiator may not run, judged by the roles at the pinned commit. */
export function deniedActions(
  runbook: Runbook,
  history: HistoryIndex,
  commit: string,
  options: StartRunbookRunOptions,
): string[] {
  if (options.access === 'none') return [];
  const roles = history.definitionsAt('role', commit).map((v) => v.value as Role);
  if (options.access === 'when-roles' && roles.length === 0) return [];
  const principal = resolvePrincipal(options.initiator.user, roles);
  const actions = new Map(history.definitionsAt('action', commit).map((v) => [v.id, v.value as Action]));
  const ids = [...new Set(runbook.steps.map((s) => s.action))];
  return ids.filter(
    (id) => !decideAccess(principal, { kind: 'execute', action: { id, tags: actions.get(id)?.tags ?? [] } }),
  );
}
