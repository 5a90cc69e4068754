import type { ScopedAction } from '../access/match-action-scope.js';
import type { ValidationReport } from '../definitions/validate-source.js';
import type { DefinitionKind, Role } from '../definitions/types.js';
import { KIND_OF_TYPE } from '../definitions/types.js';
import type { AuditEvent, AuditUser } from '../history/types.js';
import { assessRisk } from './assess-risk.js';
import { computeImpact } from './compute-impact.js';
import { describeApprovers, findApprovers } from './find-approvers.js';
import type { PrFold, SideDefinition } from './fold-pr-changes.js';
import { locateChanges } from './locate-changes.js';
import {
  RISK_ORDER,
  type ChangedDefinition,
  type CheckedRevision,
  type PrCheckReport,
  type RiskLevel,
} from './pr-check-report.js';

export interface ReportParts {
  base: CheckedRevision;
  head: CheckedRevision;
  mergeBase: string;
  fold: PrFold;
  validation: ValidationReport;
  changedPaths: string[];
  /** The text of a head blob (to locate changed keys). */
  textOf(blob: string): string;
  baseRoles: Role[];
  authors: AuditUser[];
  required: Record<RiskLevel, number>;
  githubLogins: Record<string, string>;
}

/** Put a pr-check report together from what the edge read (pure). */
export function assembleReport(parts: ReportParts): PrCheckReport {
  const { fold } = parts;
  const groups = groupEvents(fold.events);
  const side = (list: readonly SideDefinition[]) => new Map(list.map((d) => [`${d.kind}:${d.id}`, d]));
  const before = side(fold.before);
  const after = side(fold.after);
  const impact = computeImpact({ changed: new Set(groups.keys()), before: fold.before, after: fold.after });
  const reported = new Set([...parts.changedPaths, ...impact.runbooks.map((r) => r.path)]);
  const findings = parts.validation.findings.filter((f) => reported.has(f.file));
  // Four eyes: the pull request's authors are never among those who may approve it.
  const authors = new Set(parts.authors.map((a) => a.email.toLowerCase()));
  const definitions: ChangedDefinition[] = [];
  for (const [key, { own, steps }] of groups) {
    const kind = key.slice(0, key.indexOf(':')) as DefinitionKind;
    const id = key.slice(key.indexOf(':') + 1);
    const b = before.get(key)?.value ?? null;
    const a = after.get(key)?.value ?? null;
    const first = own ?? steps[0]!;
    const action = own?.action ?? 'update';
    const path = first.path;
    const pointers = [
      ...(action === 'update' && own ? Object.keys(own.audited_changes) : []),
      ...steps.flatMap((s) => {
        const prefix = `/steps/${s.auditable_id.slice(s.auditable_id.indexOf('/') + 1)}`;
        return s.action === 'update' ? Object.keys(s.audited_changes).map((p) => prefix + p) : [prefix];
      }),
    ];
    const { risk, reasons } = assessRisk({ kind, action, pointers, before: b, after: a });
    const blob = own?.blob ?? steps.find((s) => s.blob)?.blob ?? null;
    definitions.push({
      kind,
      auditable_type: own?.auditable_type ?? 'Runbook',
      id,
      action,
      path,
      status: { before: statusOf(b), after: statusOf(a) },
      audited_changes: own?.audited_changes ?? {},
      steps: steps.map((s) => ({
        auditable_id: s.auditable_id,
        action: s.action,
        audited_changes: s.audited_changes,
      })),
      locations:
        action === 'delete' || blob === null
          ? []
          : locateChanges(parts.textOf(blob), path, action === 'create' ? ['/id'] : pointers),
      findings: findings.filter((f) => f.file === path),
      risk,
      risk_reasons: reasons,
      approvals_required: parts.required[risk],
      approvers: findApprovers(parts.baseRoles, subjectOf(kind, id, b, a, before, after)).filter(
        (email) => !authors.has(email),
      ),
    });
  }
  definitions.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.id < y.id ? -1 : 1));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const risk = definitions.reduce<RiskLevel>((max, d) => (rank(d.risk) > rank(max) ? d.risk : max), 'low');
  return {
    version: 1,
    base: parts.base,
    head: parts.head,
    merge_base: parts.mergeBase,
    ok: errors === 0,
    counts: { definitions: definitions.length, errors, warnings: findings.length - errors },
    findings,
    definitions,
    impact,
    risk,
    approvals: {
      required: definitions.reduce((n, d) => Math.max(n, d.approvals_required), 0),
      authors: parts.authors,
      approvers: describeApprovers(
        parts.baseRoles,
        definitions.flatMap((d) => d.approvers),
        parts.githubLogins,
      ),
    },
  };
}

function rank(risk: RiskLevel): number {
  return RISK_ORDER.indexOf(risk);
}

function statusOf(value: Record<string, unknown> | null): string | null {
  return typeof value?.status === 'string' ? value.status : null;
}

/** Events by definition (`kind:id`): its own event and its steps' events (in fold order). */
function groupEvents(
  events: readonly AuditEvent[],
): Map<string, { own: AuditEvent | null; steps: AuditEvent[] }> {
  const groups = new Map<string, { own: AuditEvent | null; steps: AuditEvent[] }>();
  for (const e of events) {
    const step = e.auditable_type === 'Runbook::Step';
    const id = step ? e.auditable_id.slice(0, e.auditable_id.indexOf('/')) : e.auditable_id;
    const key = `${KIND_OF_TYPE[e.auditable_type]}:${id}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { own: null, steps: [] }));
    if (step) group.steps.push(e);
    else group.own = e;
  }
  return groups;
}

/** Approval coverage looks at the base's tags (a pull request cannot widen who approves it), else the head's. */
function subjectOf(
  kind: DefinitionKind,
  id: string,
  b: Record<string, unknown> | null,
  a: Record<string, unknown> | null,
  before: Map<string, SideDefinition>,
  after: Map<string, SideDefinition>,
) {
  const tags = (v: Record<string, unknown> | null | undefined): string[] =>
    Array.isArray(v?.tags) ? (v.tags as unknown[]).map(String) : [];
  const calls: ScopedAction[] = [];
  if (kind === 'runbook') {
    const stepActions = [b, a].flatMap((v) =>
      Array.isArray(v?.steps) ? (v.steps as { action?: unknown }[]).map((s) => String(s?.action)) : [],
    );
    for (const action of new Set(stepActions)) {
      const known = before.get(`action:${action}`) ?? after.get(`action:${action}`);
      calls.push({ id: action, tags: tags(known?.value) });
    }
  }
  return { kind, id, tags: tags(b ?? a), calls };
}
