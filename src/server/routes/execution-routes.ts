import { decideAccess, executionVisibility } from '../../access/decide-access.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { executionFilters } from '../../executions/execution-filters.js';
import {
  EXECUTION_STATUSES,
  TRIGGERS,
  type ExecutionQuery,
  type ExecutionRecord,
} from '../../executions/types.js';
import { presentExecution, type PresentedExecution } from '../../executions/present-execution.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { listOf, ref } from '../openapi/components.js';
import { journalStamp, pageCacheOf, usersOf } from '../page-cache.js';
import { closeLapsedRecording, isRemoteRecording } from '../close-lapsed-recordings.js';
import { presentExecutionJson } from '../present-execution-json.js';
import {
  defineRoute,
  ID_PARAM,
  LIST_QUERY,
  type AnyParams,
  type ParamSpec,
  type RouteContext,
  type RouteSpec,
} from '../route-spec.js';

const EXECUTION_ID: ParamSpec = {
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  description: 'Execution id.',
  required: true,
};

/**
 * A record as the API shows it: exactly as `opsledger executions --json` does (the initiator's stored pseudonym mapped
 * back to the email while the vault has it, the pseudonym beside it).
 */
export function present(ctx: Pick<RouteContext, 'deps'>, record: ExecutionRecord): PresentedExecution {
  return presentExecution(record, (stored) => ctx.deps.journal.resolveUser(stored));
}

/** The visible record with that id, or NOT_FOUND (also when it exists but the caller may not see it). */
async function visibleExecution(ctx: RouteContext, id: string): Promise<ExecutionRecord> {
  const record = await ctx.deps.journal.get(id);
  const initiator = record ? ctx.deps.journal.resolveUser(record.initiator.user) : '';
  if (!record || !decideAccess(ctx.principal, { kind: 'read-execution', initiator })) {
    throw new OpsledgerError('NOT_FOUND', `no execution "${id}"`, {
      hint: 'List the runs you can see with GET /api/v1/executions.',
    });
  }
  return record;
}

const PAGE_START = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

/** The query of GET /executions once validated against the route's OpenAPI entry (limit has its default). */
type ListExecutionsQuery = Omit<ExecutionQuery, 'limit' | 'before'> & { limit: number; cursor?: string };

const LIST_EXECUTIONS = defineRoute<AnyParams, ListExecutionsQuery>({
  method: 'get',
  path: '/executions',
  operationId: 'listExecutions',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'Runs, newest first',
  description:
    'The filters of `opsledger executions`. With only `executions:read:own`, only runs you initiated are listed. ' +
    'Pages are stable while runs are being recorded (the cursor is the last run’s start time and id). ' +
    'Send `Accept: application/x-ndjson` to stream every match, e.g. to keep logs longer elsewhere.',
  query: {
    action: { schema: ID_PARAM.schema, description: 'Only runs of this action.' },
    user: { schema: { type: 'string', maxLength: 254 }, description: 'Only runs initiated by this email.' },
    status: {
      schema: { enum: [...EXECUTION_STATUSES] },
      description: 'Only runs in this state.',
    },
    target: { schema: { type: 'string', maxLength: 253 }, description: 'Only runs against this target.' },
    trigger: {
      schema: { enum: [...TRIGGERS] },
      description: 'Only runs started this way.',
    },
    since: { schema: { type: 'string', format: 'date-time' }, description: 'Only runs started at or after.' },
    until: {
      schema: { type: 'string', format: 'date-time' },
      description: 'Only runs started at or before.',
    },
    ...LIST_QUERY,
  },
  ndjson: true,
  accessLog: true,
  fastLane: true,
  responses: {
    200: {
      description: 'A page of runs.',
      schema: listOf(ref('ExecutionRecord')),
      ndjsonItem: ref('ExecutionRecord'),
    },
  },
  async handle(ctx) {
    const q = ctx.query;
    const filters: ExecutionQuery = executionFilters(q);
    // Runs recorded by other processes (the CLI, another server) since the last request.
    await ctx.deps.journal.refresh();
    const own = executionVisibility(ctx.principal) === 'own';
    const me = ctx.principal?.email ?? '';
    const nothing = own && q.user !== undefined && q.user.toLowerCase() !== me;
    if (own) filters.user = me;
    let before = q.cursor ? decodeCursor<[string, string]>(q.cursor, ['string', 'string']) : undefined;
    const page = async (limit: number): Promise<ExecutionRecord[]> =>
      nothing
        ? []
        : await ctx.deps.journal.query({
            ...filters,
            limit,
            ...(before ? { before: { started_at: before[0], id: before[1] } } : {}),
          });
    if (ctx.ndjson) {
      return {
        ndjson: (async function* () {
          for (;;) {
            const batch = await page(500);
            for (const r of batch) yield present(ctx, r);
            const last = batch[batch.length - 1];
            if (batch.length < 500 || !last) return;
            before = [last.started_at, last.id];
          }
        })(),
      };
    }
    // A page rendered for this query from this journal state is served again (docs/api.md, "Performance").
    const resolve = (stored: string): string => ctx.deps.journal.resolveUser(stored);
    const cache = pageCacheOf(ctx.deps.journal);
    const stamp = journalStamp(ctx.deps.journal);
    const key = JSON.stringify([filters, q.limit, q.cursor ?? null, nothing]);
    const cached = cache.get(key, stamp, resolve);
    if (cached) return { json: cached.json, count: cached.count };
    const rows = await page(q.limit + 1);
    const data = rows.slice(0, q.limit);
    const last = data[data.length - 1];
    const nextCursor = rows.length > q.limit && last ? encodeCursor([last.started_at, last.id]) : null;
    // The same bytes as JSON.stringify({ data, next_cursor }), from each record's cached text (docs/api.md).
    const parts: Buffer[] = [PAGE_START];
    data.forEach((r, i) => parts.push(...(i > 0 ? [COMMA] : []), presentExecutionJson(r, resolve)));
    parts.push(Buffer.from(`],"next_cursor":${JSON.stringify(nextCursor)}}`));
    const json = Buffer.concat(parts);
    cache.set(key, stamp, { json, count: data.length, users: usersOf(data, resolve) });
    return { json, count: data.length };
  },
});

const GET_EXECUTION: RouteSpec = {
  method: 'get',
  path: '/executions/{id}',
  operationId: 'getExecution',
  permission: 'executions:read',
  tag: 'executions',
  summary: 'One run (its latest state)',
  description: 'A run you may not see is a 404, exactly like one that does not exist.',
  params: { id: EXECUTION_ID },
  accessLog: true,
  responses: { 200: { description: 'The run.', schema: ref('ExecutionRecord') } },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const id = ctx.params.id as string;
    const record = await visibleExecution(ctx, id);
    return { body: present(ctx, (await closeIfLapsed(ctx, record)) ?? record), count: 1 };
  },
};

/**
 * A remote run read after its lease lapsed is closed `abandoned` first (the watchdog's work, done on the read so the
 * answer never shows a run `running` that nobody carries out any more; docs/executions.md, Remote recording).
 */
async function closeIfLapsed(ctx: RouteContext, record: ExecutionRecord): Promise<ExecutionRecord | null> {
  const leases = ctx.deps.recordingLeases;
  if (!leases || record.status !== 'running' || !isRemoteRecording(record)) return null;
  if (!(await leases.lapsed(record.id, ctx.deps.now()))) return null;
  await closeLapsedRecording(record.id, {
    journal: ctx.deps.journal,
    leases,
    now: ctx.deps.now,
    leaseMs: ctx.deps.config.server.recording_lease_seconds * 1000,
    onWarning: (message) => ctx.deps.logger.warn(message),
  });
  return ctx.deps.journal.get(record.id);
}

export const EXECUTION_ROUTES: RouteSpec[] = [LIST_EXECUTIONS, GET_EXECUTION];
