import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { AuditEvent, AuditableType, InvalidEntry } from '../../history/types.js';
import { auditQuery, matchesInvalid, matchesQuery } from '../../history/match-query.js';
import { decodeCursor } from '../cursor.js';
import { listOf, ref } from '../openapi/components.js';
import { itemsFrom, pageReply } from '../paginate.js';
import { ID_PARAM, LIST_QUERY, type ParamSpec, type RouteSpec } from '../route-spec.js';
import { AUDITABLE_TYPES } from '../../definitions/types.js';

type Entry = AuditEvent | InvalidEntry;

/**
 * Where a page of a commit-ordered list starts after a cursor `[id, created_at]`: right after that entry, or, when the
 * entry is gone (the branch was force-pushed and the index rebuilt), after the last entry not newer than it.
 */
export function startAfterEntry(items: readonly Entry[], cursor: string | undefined): number {
  if (!cursor) return 0;
  const [id, at] = decodeCursor<[string, string]>(cursor, ['string', 'string']);
  const i = items.findIndex((e) => e.id === id);
  if (i >= 0) return i + 1;
  const t = Date.parse(at);
  const next = items.findIndex((e) => Date.parse(e.created_at) > t);
  return next < 0 ? items.length : next;
}

const TIME_QUERY: Record<string, ParamSpec> = {
  since: {
    schema: { type: 'string', format: 'date-time' },
    description: 'Only changes at or after (ISO 8601).',
  },
  until: {
    schema: { type: 'string', format: 'date-time' },
    description: 'Only changes at or before (ISO 8601).',
  },
};

/** Events plus invalid entries in first-parent commit order (events of a commit before its invalid entries). */
function withInvalid(events: AuditEvent[], invalid: InvalidEntry[], commits: { sha: string }[]): Entry[] {
  const order = new Map(commits.map((c, i) => [c.sha, i]));
  const tagged = [
    ...events.map((e, i) => ({ e: e as Entry, k: order.get(e.commit) ?? -1, s: 0, i })),
    ...invalid.map((e, i) => ({ e: e as Entry, k: order.get(e.commit) ?? -1, s: 1, i })),
  ];
  tagged.sort((a, b) => a.k - b.k || a.s - b.s || a.i - b.i);
  return tagged.map((t) => t.e);
}

function historyRoute(kind: 'action' | 'runbook'): RouteSpec {
  const plural = `${kind}s`;
  return {
    method: 'get',
    path: `/${plural}/{id}/history`,
    operationId: `get${kind === 'action' ? 'Action' : 'Runbook'}History`,
    permission: 'history:read',
    tag: 'audit',
    summary: `Change history of one ${kind}, oldest first`,
    description:
      kind === 'runbook'
        ? "The runbook's events and its steps' `Runbook::Step` events (docs/history.md)."
        : 'Every event of the action (docs/history.md), including after a delete.',
    params: { id: ID_PARAM },
    query: { ...LIST_QUERY },
    ndjson: true,
    accessLog: true,
    responses: {
      200: {
        description: 'A page of audit events.',
        schema: listOf(ref('AuditEvent')),
        ndjsonItem: ref('AuditEvent'),
      },
    },
    handle(ctx) {
      const q = ctx.query as { limit: number; cursor?: string };
      const events = ctx.deps.history.history(ctx.params.id as string, kind);
      if (events.length === 0) {
        throw new OpsledgerError('DEFINITION_NOT_FOUND', `no ${kind} "${ctx.params.id}" in the history`, {
          hint: `List them with GET /api/v1/${plural}.`,
        });
      }
      return pageReply(events, {
        start: startAfterEntry(events, q.cursor),
        limit: q.limit,
        ndjson: ctx.ndjson,
        keyOf: (e) => [e.id, e.created_at],
        map: (e) => e,
      });
    },
  };
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
    let items: Entry[] = events;
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

const RUNBOOK_AUDITS_ROUTE: RouteSpec = {
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
      schema: { enum: ['Runbook', 'Runbooks::Step'] },
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
      auditable_type?: 'Runbook' | 'Runbooks::Step';
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

const REWRITES_ROUTE: RouteSpec = {
  method: 'get',
  path: '/history/rewrites',
  operationId: 'listHistoryRewrites',
  permission: 'audit:read',
  tag: 'audit',
  summary: 'Rewrites of the tracked branch (force-pushes) and the audit events they took, oldest first',
  description:
    'Kept in the data dir when the history index finds its head gone from the branch; `GET /audit` lists the ' +
    'events of the branch as it is now, this route what left it (`opsledger audit --rewrites`).',
  query: { ...LIST_QUERY },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: 'A page of rewrite records.',
      schema: listOf(ref('HistoryRewrite')),
      ndjsonItem: ref('HistoryRewrite'),
    },
  },
  handle(ctx) {
    const q = ctx.query as { limit: number; cursor?: string };
    // Records are only appended: a position is a stable cursor.
    const items = ctx.deps.history.rewrites().map((record, at) => ({ record, at }));
    const after = q.cursor ? decodeCursor<[number]>(q.cursor, ['number'])[0] : -1;
    if (!Number.isInteger(after) || after < -1) throw new OpsledgerError('INPUT_INVALID', 'invalid cursor');
    const start = after + 1;
    return pageReply(items, {
      start,
      limit: q.limit,
      ndjson: ctx.ndjson,
      keyOf: (i) => [i.at],
      map: (i) => i.record,
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
