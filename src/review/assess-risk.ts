import type { DefinitionKind } from '../definitions/types.js';
import type { AuditAction } from '../history/types.js';
import type { RiskLevel } from './pr-check-report.js';

/** What the risk rules look at for one changed definition. */
export interface RiskInput {
  kind: DefinitionKind;
  action: AuditAction;
  /** Changed pointers of the definition and of its steps (`/steps/<id>/…`); empty for create and delete. */
  pointers: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const SENSITIVE = ['script', 'targets', 'credential', 'parameters'] as const;
const POWERFUL = ['admin', 'definitions:approve'] as const;

/**
 * The risk of one changed definition by the documented rules (docs/github.md "Risk"), with the reasons (pure).
 * High: the `script`, `targets`, `credential` or `parameters` of a released action change; a status becomes
 * `released`; a role gains `admin` or `definitions:approve`, or gains members while holding one. Medium: any other
 * change of a definition released at the base or the head, and any other role change (roles are always in force).
 * Low: everything else (drafts, approved or deprecated definitions), and changes only to descriptions.
 */
export function assessRisk(input: RiskInput): { risk: RiskLevel; reasons: string[] } {
  const high: string[] = [];
  const statusBefore = statusOf(input.before);
  const statusAfter = statusOf(input.after);
  if (input.kind === 'action' && statusBefore === 'released' && input.action === 'update') {
    for (const field of SENSITIVE) {
      if (input.pointers.some((p) => p === `/${field}` || p.startsWith(`/${field}/`))) {
        high.push(`${field} of a released action`);
      }
    }
  }
  if (statusAfter === 'released' && statusBefore !== 'released') high.push('status → released');
  if (input.kind === 'role') high.push(...roleGains(input.before, input.after));
  if (high.length > 0) return { risk: 'high', reasons: high };
  const descriptionsOnly =
    input.action === 'update' &&
    input.pointers.length > 0 &&
    input.pointers.every((p) => p === '/description' || p.endsWith('/description'));
  if (descriptionsOnly) return { risk: 'low', reasons: ['descriptions only'] };
  if (input.kind === 'role') return { risk: 'medium', reasons: ['access change'] };
  if (statusBefore === 'released' || statusAfter === 'released') {
    return { risk: 'medium', reasons: [`change to a released ${input.kind}`] };
  }
  const status = statusAfter ?? statusBefore;
  return { risk: 'low', reasons: status ? [`${status} ${input.kind}`] : [] };
}

function statusOf(value: Record<string, unknown> | null): string | null {
  return typeof value?.status === 'string' ? value.status : null;
}

function listOf(value: Record<string, unknown> | null, key: string): string[] {
  const list = value?.[key];
  return Array.isArray(list) ? list.map(String) : [];
}

/** Why a role change is high: a powerful permission added, or members added to a role that has one. */
function roleGains(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (after === null) return [];
  const had = listOf(before, 'permissions');
  const has = listOf(after, 'permissions');
  const reasons: string[] = [];
  for (const permission of POWERFUL) {
    if (has.includes(permission) && !had.includes(permission)) reasons.push(`role gains ${permission}`);
  }
  const oldMembers = new Set(listOf(before, 'members').map((m) => m.toLowerCase()));
  const added = listOf(after, 'members').filter((m) => !oldMembers.has(m.toLowerCase()));
  const powerful = POWERFUL.filter((p) => has.includes(p) && had.includes(p));
  if (added.length > 0 && powerful.length > 0) {
    reasons.push(`${added.join(', ')} gain${added.length === 1 ? 's' : ''} ${powerful.join(' and ')}`);
  }
  return reasons;
}
