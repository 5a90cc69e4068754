import { matchGlob } from '../../access/match-glob.js';
import { makeFinding } from '../finding-codes.js';
import type { Finding, Role } from '../types.js';
import { placeOf, type Loaded, type RuleContext } from './rule-context.js';

/**
 * Rules of one role against the actions: scope globs and tags that match something, a scope that has an effect
 * (it narrows `actions:execute`), and members that are not the same email twice.
 */
export function checkRole(role: Loaded<Role>, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const value = role.definition.value;
  const seen = new Map<string, number>();
  value.members.forEach((member, index) => {
    const key = member.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    findings.push(
      makeFinding(
        'duplicate-member',
        placeOf(role, `/members/${index}`),
        `member ${member} is listed twice (also as ${value.members[first]}); emails compare case-insensitively`,
      ),
    );
  });
  const scope = value.scope?.actions;
  if (!scope) return findings;
  if (!value.permissions.includes('actions:execute') && !value.permissions.includes('admin')) {
    findings.push(
      makeFinding(
        'scope-unused',
        placeOf(role, '/scope'),
        `role "${value.id}" has a scope but cannot execute actions; the scope narrows only actions:execute`,
      ),
    );
  }
  const ids = new Set([...ctx.actionById.keys(), ...ctx.brokenIds.action]);
  const tags = new Set(ctx.actions.flatMap((a) => a.definition.value.tags ?? []));
  scope.forEach((item, index) => {
    if (item.startsWith('tag:')) {
      const tag = item.slice('tag:'.length);
      if (!tags.has(tag)) {
        findings.push(
          makeFinding(
            'unknown-tag',
            placeOf(role, `/scope/actions/${index}`),
            `no action carries the tag "${tag}"`,
          ),
        );
      }
      return;
    }
    if (![...ids].some((id) => matchGlob(item, id))) {
      findings.push(
        makeFinding(
          'scope-matches-nothing',
          placeOf(role, `/scope/actions/${index}`),
          `scope "${item}" matches no action id`,
        ),
      );
    }
  });
  return findings;
}
