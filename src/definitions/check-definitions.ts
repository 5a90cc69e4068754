import type { LoadedDefinitions } from './load-definitions.js';
import { checkAction } from './rules/check-action.js';
import { checkDuplicateIds } from './rules/check-duplicate-ids.js';
import { checkRole } from './rules/check-role.js';
import { checkRunbook } from './rules/check-runbook.js';
import { createRuleContext } from './rules/rule-context.js';
import type { Finding } from './types.js';

/**
 * The rules that look across files (and the ones a schema cannot express), over loaded definitions. Pure: the
 * same definitions always give the same findings. Script files are checked apart, against the source.
 */
export function checkDefinitions(loaded: LoadedDefinitions): Finding[] {
  const ctx = createRuleContext(loaded);
  return [
    ...checkDuplicateIds(loaded.definitions),
    ...ctx.actions.flatMap((action) => checkAction(action)),
    ...ctx.runbooks.flatMap((runbook) => checkRunbook(runbook, ctx)),
    ...ctx.roles.flatMap((role) => checkRole(role, ctx)),
  ];
}
