import { matchActionScope } from '../access/match-action-scope.js';
import { normalizeEmail } from '../access/resolve-principal.js';
import type { DefinitionKind, Role } from '../definitions/types.js';
import { deepEqual } from '../history/semantic-diff.js';
import type { SideDefinition } from './fold-pr-changes.js';
import type { PrImpact } from './pr-check-report.js';

/** The sides of a pull request the impact is computed from (definitions that parse, as folded). */
export interface ImpactInput {
  /** Definitions the pull request changes, `kind:id`. */
  changed: ReadonlySet<string>;
  before: readonly SideDefinition[];
  after: readonly SideDefinition[];
}

/**
 * What a pull request changes beyond its own files (pure): runbooks at the head whose steps call a changed action;
 * actions (at both sides) whose allowed users (`actions:execute` or `admin`, by scope) differ between the roles and
 * tags of the merge base and of the head; changed actions and runbooks whose `schedule` differs.
 */
export function computeImpact(input: ImpactInput): PrImpact {
  const changedActions = new Set(
    [...input.changed].filter((k) => k.startsWith('action:')).map((k) => k.slice('action:'.length)),
  );
  const runbooks: PrImpact['runbooks'] = [];
  for (const def of input.after) {
    if (def.kind !== 'runbook') continue;
    const steps = stepsOf(def.value).filter((s) => changedActions.has(s.action));
    if (steps.length > 0) runbooks.push({ id: def.id, path: def.path, steps });
  }
  return { runbooks, access: accessChanges(input), schedules: scheduleChanges(input) };
}

function stepsOf(value: Record<string, unknown>): { id: string; action: string }[] {
  const steps = Array.isArray(value.steps) ? (value.steps as Record<string, unknown>[]) : [];
  return steps
    .filter((s) => s !== null && typeof s === 'object' && typeof s.action === 'string')
    .map((s) => ({ id: String(s.id), action: String(s.action) }));
}

function rolesOf(side: readonly SideDefinition[]): Role[] {
  return side.filter((d) => d.kind === 'role').map((d) => d.value as unknown as Role);
}

function tagsOf(value: Record<string, unknown>): string[] {
  return Array.isArray(value.tags) ? value.tags.map(String) : [];
}

/** Who may run an action under some role files: members of admin roles and of execute roles whose scope covers it. */
function allowedUsers(roles: readonly Role[], id: string, tags: string[]): Set<string> {
  const out = new Set<string>();
  for (const role of roles) {
    const perms = Array.isArray(role.permissions) ? role.permissions : [];
    const grants =
      perms.includes('admin') ||
      (perms.includes('actions:execute') && matchActionScope(role.scope?.actions, { id, tags }));
    if (!grants || !Array.isArray(role.members)) continue;
    for (const member of role.members) out.add(normalizeEmail(String(member)));
  }
  return out;
}

function accessChanges(input: ImpactInput): PrImpact['access'] {
  const rolesChanged = [...input.changed].some((k) => k.startsWith('role:'));
  const rolesBefore = rolesOf(input.before);
  const rolesAfter = rolesOf(input.after);
  const beforeActions = new Map(input.before.filter((d) => d.kind === 'action').map((d) => [d.id, d]));
  const out: PrImpact['access'] = [];
  for (const def of input.after) {
    const old = def.kind === 'action' ? beforeActions.get(def.id) : undefined;
    if (!old) continue;
    const tagsBefore = tagsOf(old.value);
    const tagsAfter = tagsOf(def.value);
    if (!rolesChanged && deepEqual(tagsBefore, tagsAfter)) continue;
    const was = allowedUsers(rolesBefore, def.id, tagsBefore);
    const is = allowedUsers(rolesAfter, def.id, tagsAfter);
    const gained = [...is].filter((e) => !was.has(e)).sort();
    const lost = [...was].filter((e) => !is.has(e)).sort();
    if (gained.length + lost.length > 0) out.push({ action: def.id, gained, lost });
  }
  return out;
}

function scheduleChanges(input: ImpactInput): PrImpact['schedules'] {
  const byKey = (side: readonly SideDefinition[]) => new Map(side.map((d) => [`${d.kind}:${d.id}`, d]));
  const before = byKey(input.before);
  const after = byKey(input.after);
  const out: PrImpact['schedules'] = [];
  for (const key of input.changed) {
    const kind = key.slice(0, key.indexOf(':')) as DefinitionKind;
    if (kind === 'role') continue;
    const b = before.get(key)?.value.schedule ?? null;
    const a = after.get(key)?.value.schedule ?? null;
    if (!deepEqual(b, a)) out.push({ kind, id: key.slice(key.indexOf(':') + 1), before: b, after: a });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
