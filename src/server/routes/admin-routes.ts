import { summarizeKey } from '../../access/key-store.js';
import { parseExpiry } from '../../access/parse-expiry.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { listOf, ref } from '../openapi/components.js';
import { LIST_QUERY, type RouteSpec } from '../route-spec.js';

const KEY_ID = {
  schema: { type: 'string', pattern: '^[0-9a-f]{16}$' },
  description: 'Key id (the part after `olk_`).',
  required: true,
};

export const ADMIN_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/refresh',
    operationId: 'refreshIndex',
    permission: 'admin',
    tag: 'admin',
    summary: 'Bring the history index and the roles up to the branch tip now',
    description:
      'The server also refreshes every `server.refresh_seconds`. Access changes in role files apply at once.',
    responses: {
      200: {
        description: 'What the refresh did.',
        schema: {
          type: 'object',
          required: ['tip', 'new_commits', 'rebuilt', 'ms'],
          properties: {
            tip: { type: ['string', 'null'] },
            new_commits: { type: 'integer' },
            rebuilt: { type: 'boolean' },
            ms: { type: 'number' },
          },
        },
      },
    },
    async handle(ctx) {
      const stats = await ctx.deps.refreshHistory();
      return {
        body: { tip: stats.tip, new_commits: stats.newCommits, rebuilt: stats.rebuilt, ms: stats.ms },
      };
    },
  },
  {
    method: 'get',
    path: '/keys',
    operationId: 'listKeys',
    permission: 'admin',
    tag: 'admin',
    summary: 'API keys (never the keys themselves)',
    responses: {
      200: { description: 'Every key, revoked and expired ones too.', schema: listOf(ref('ApiKey')) },
    },
    async handle(ctx) {
      const keys = await ctx.deps.keys.list();
      return { body: { data: keys.map(summarizeKey), next_cursor: null }, count: keys.length };
    },
  },
  {
    method: 'post',
    path: '/keys',
    operationId: 'createKey',
    permission: 'admin',
    tag: 'admin',
    summary: 'Create an API key for a user; the key is in this answer only',
    body: { schema: ref('NewApiKey'), description: 'Who the key acts as, a name for the activity, expiry.' },
    responses: {
      201: {
        description: 'The key (shown once) and its record.',
        schema: {
          type: 'object',
          required: ['key', 'record'],
          properties: { key: { type: 'string', pattern: '^olk_' }, record: ref('ApiKey') },
        },
      },
    },
    async handle(ctx) {
      const body = ctx.body as { user: string; name: string; expires?: string; rate_limit?: number | 'off' };
      const now = ctx.deps.now();
      const { record, key } = await ctx.deps.keys.create(
        {
          user: body.user,
          name: body.name,
          created_by: ctx.principal?.email ?? '',
          expires_at: parseExpiry(body.expires ?? '90d', now),
          rate_limit: body.rate_limit ?? null,
        },
        now,
      );
      return { status: 201, body: { key, record: summarizeKey(record) } };
    },
  },
  {
    method: 'delete',
    path: '/keys/{id}',
    operationId: 'revokeKey',
    permission: 'admin',
    tag: 'admin',
    summary: 'Revoke a key (it is kept, marked revoked, for the record)',
    params: { id: KEY_ID },
    responses: { 200: { description: 'The revoked key.', schema: ref('ApiKey') } },
    async handle(ctx) {
      return { body: summarizeKey(await ctx.deps.keys.revoke(ctx.params.id as string, ctx.deps.now())) };
    },
  },
  {
    method: 'get',
    path: '/access_log',
    operationId: 'listAccessLog',
    permission: 'audit:read',
    tag: 'admin',
    summary: 'Who read audit and execution data, when, and how much (newest first)',
    query: {
      user: { schema: { type: 'string', maxLength: 254 }, description: 'Only reads by this email.' },
      since: { schema: { type: 'string', format: 'date-time' }, description: 'Only reads at or after.' },
      until: { schema: { type: 'string', format: 'date-time' }, description: 'Only reads at or before.' },
      ...LIST_QUERY,
    },
    accessLog: true,
    responses: {
      200: { description: 'A page of access-log entries.', schema: listOf(ref('AccessLogEntry')) },
    },
    handle(ctx) {
      const q = ctx.query as {
        user?: string;
        since?: string;
        until?: string;
        limit: number;
        cursor?: string;
      };
      const beforeSeq = q.cursor ? decodeCursor<[number]>(q.cursor, ['number'])[0] : undefined;
      const { entries, more } = ctx.deps.accessLog.read({
        limit: q.limit,
        ...(q.user ? { user: q.user } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
      });
      const last = entries[entries.length - 1];
      return {
        body: { data: entries, next_cursor: more && last ? encodeCursor([last.seq]) : null },
        count: entries.length,
      };
    },
  },
];
