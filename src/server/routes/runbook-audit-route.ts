import type { AuditEvent, AuditableType } from '../../history/types.js';
import { auditQuery, matchesQuery } from '../../history/match-query.js';
import { ref, RUNBOOK_AUDIT_TYPES } from '../openapi/components.js';
import { itemsFrom } from '../paginate.js';
import { ID_PARAM, type RouteSpec } from '../route-spec.js';
import { TIME_QUERY } from './audit-pages.js';

/** Our event in the incident tool's runbook audit shape (seeds/runbook-audit-logs.txt). */
export function toRunbookAudit(e: AuditEvent): Record<string, unknown> {
  return {
    id: e.id,
    auditable_id: e.auditable_id,
    auditable_type: e.auditable_type === 'Runbook::Step' ? 'Runbooks::Step' : 'Runbook',
    user_id: e.user.email,
    user_type: 'User',
    action: e.action,
    audited_changes: e.audited_changes,
    version: e.version,
    created_at: e.created_at,
    // Beyond the reference shape: where to look next.
    runbook_id: e.auditable_id.split('/')[0],
    user_name: e.user.name,
    commit: e.commit,
    pull_request: e.pull_request,
    revert_of: e.revert_of,
  };
}

/** `GET /runbook_audits`: runbook and step events in the incident tool's audit-log shape. */
export const RUNBOOK_AUDITS_ROUTE: RouteSpec = {
  method: 'get',
  path: '/runbook_audits',
  operationId: 'listRunbookAudits',
  permission: 'audit:read',
  tag: 'audit',
  summary: "Runbook and step changes in the incident tool's audit-log shape",
  description:
    'For tools written against a FireHydrant-style runbook audit endpoint: `{ data: [...], pagination: {...} }` with ' +
    '`page`/`per_page`, oldest first (appends never shift earlier pages). Unlike the reference, step rules and ' +
    'conditions (`when`, `automatic`, `with`) are included in `audited_changes`.',
  query: {
    auditable_type: {
      schema: { enum: [...RUNBOOK_AUDIT_TYPES] },
      description: 'Only runbooks or only steps.',
    },
    runbook_id: { schema: ID_PARAM.schema, description: 'Only this runbook and its steps.' },
    ...TIME_QUERY,
    page: {
      schema: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
      description: 'Page number.',
    },
    per_page: {
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
      description: 'Entries per page.',
    },
  },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: 'A page of runbook audit entries.',
      schema: {
        type: 'object',
        required: ['data', 'pagination'],
        properties: {
          data: { type: 'array', items: ref('RunbookAudit') },
          pagination: ref('Pagination'),
        },
      },
      ndjsonItem: ref('RunbookAudit'),
    },
  },
  handle(ctx) {
    const q = ctx.query as {
      auditable_type?: (typeof RUNBOOK_AUDIT_TYPES)[number];
      runbook_id?: string;
      since?: string;
      until?: string;
      page: number;
      per_page: number;
    };
    const query = auditQuery({ since: q.since, until: q.until });
    const wanted = new Set<AuditableType>(
      q.auditable_type === 'Runbook'
        ? ['Runbook']
        : q.auditable_type === 'Runbooks::Step'
          ? ['Runbook::Step']
          : ['Runbook', 'Runbook::Step'],
    );
    const items = (
      q.runbook_id ? ctx.deps.history.history(q.runbook_id, 'runbook') : ctx.deps.history.events(query)
    )
      .filter((e) => wanted.has(e.auditable_type))
      .filter((e) => !q.runbook_id || matchesQuery(e, query));
    if (ctx.ndjson) return { ndjson: itemsFrom(items, 0, toRunbookAudit) };
    const pages = Math.max(1, Math.ceil(items.length / q.per_page));
    const start = (q.page - 1) * q.per_page;
    const page = items.slice(start, start + q.per_page);
    return {
      body: {
        data: page.map(toRunbookAudit),
        pagination: {
          count: items.length,
          page: q.page,
          items: page.length,
          pages,
          last: pages,
          prev: q.page > 1 ? Math.min(q.page - 1, pages) : null,
          next: q.page < pages ? q.page + 1 : null,
        },
      },
      count: page.length,
    };
  },
};
