import type { AuditEvent, AuditableType, InvalidEntry } from '../../history/types.js';
import { auditQuery, matchesInvalid } from '../../history/match-query.js';
import { AUDITABLE_TYPES } from '../../definitions/types.js';
import { listOf, ref } from '../openapi/components.js';
import { pageReply } from '../paginate.js';
import { LIST_QUERY, type RouteSpec } from '../route-spec.js';
import { startAfterEntry, TIME_QUERY, type AuditEntry } from './audit-pages.js';
import { historyRoute, REWRITES_ROUTE } from './history-routes.js';
import { RUNBOOK_AUDITS_ROUTE } from './runbook-audit-route.js';

export { startAfterEntry } from './audit-pages.js';
export { toRunbookAudit } from './runbook-audit-route.js';

/** Events plus invalid entries in first-parent commit order (events of a commit before its invalid entries). */
function withInvalid(
  events: AuditEvent[],
  invalid: InvalidEntry[],
  commits: { sha: string }[],
): AuditEntry[] {
  const order = new Map(commits.map((c, i) => [c.sha, i]));
  const tagged = [
    ...events.map((e, i) => ({ e: e as AuditEntry, k: order.get(e.commit) ?? -1, s: 0, i })),
    ...invalid.map((e, i) => ({ e: e as AuditEntry, k: order.get(e.commit) ?? -1, s: 1, i })),
  ];
  tagged.sort((a, b) => a.k - b.k || a.s - b.s || a.i - b.i);
  return tagged.map((t) => t.e);
}

const AUDIT_ROUTE: RouteSpec = {
  method: 'get',
  path: '/audit',
  operationId: 'listAuditEvents',
  permission: 'audit:read',
  tag: 'audit',
  summary: 'Every change of every definition, oldest first',
  description:
    'The filters of `opsledger audit`. With `include_invalid=true`, definition files that did not parse or validate in a ' +
    'commit appear as `{ "action": "invalid", ... }` entries in commit order.',
  query: {
    type: {
      schema: { enum: [...AUDITABLE_TYPES] },
      description: 'Only this auditable type.',
    },
    id: {
      schema: { type: 'string', maxLength: 130 },
      description: 'Only this auditable id (a step: `<runbook>/<step>`).',
    },
    user: { schema: { type: 'string', maxLength: 254 }, description: 'Only changes by this email.' },
    ...TIME_QUERY,
    include_invalid: {
      schema: { type: 'boolean', default: false },
      description: 'Include invalid-file entries.',
    },
    ...LIST_QUERY,
  },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: 'A page of audit events.',
      schema: listOf({ oneOf: [ref('AuditEvent'), ref('InvalidEntry')] }),
      ndjsonItem: { oneOf: [ref('AuditEvent'), ref('InvalidEntry')] },
    },
  },
  handle(ctx) {
    const q = ctx.query as {
      type?: AuditableType;
      id?: string;
      user?: string;
      since?: string;
      until?: string;
      include_invalid: boolean;
      limit: number;
      cursor?: string;
    };
    const query = auditQuery(q);
    const events = ctx.deps.history.events(query);
    let items: AuditEntry[] = events;
    if (q.include_invalid) {
      const invalid = ctx.deps.history.invalid().filter((e) => matchesInvalid(e, query));
      items = withInvalid(events, invalid, ctx.deps.history.commits());
    }
    return pageReply(items, {
      start: startAfterEntry(items, q.cursor),
      limit: q.limit,
      ndjson: ctx.ndjson,
      keyOf: (e) => [e.id, e.created_at],
      map: (e) => e,
    });
  },
};

export const AUDIT_ROUTES: RouteSpec[] = [
  historyRoute('action'),
  historyRoute('runbook'),
  AUDIT_ROUTE,
  RUNBOOK_AUDITS_ROUTE,
  REWRITES_ROUTE,
];
