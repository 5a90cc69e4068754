import { OpsledgerError } from '../../errors/opsledger-error.js';
import { decodeCursor } from '../cursor.js';
import { listOf, ref } from '../openapi/components.js';
import { pageReply } from '../paginate.js';
import { ID_PARAM, LIST_QUERY, type RouteSpec } from '../route-spec.js';
import { startAfterEntry } from './audit-pages.js';

/** `GET /actions/{id}/history` or `GET /runbooks/{id}/history`: one definition's events, oldest first. */
export function historyRoute(kind: 'action' | 'runbook'): RouteSpec {
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

/** `GET /history/rewrites`: what `opsledger audit --rewrites` lists. */
export const REWRITES_ROUTE: RouteSpec = {
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
