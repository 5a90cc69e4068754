import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type FileJournal } from '../../src/executions/open-journal.js';
import { presentExecution } from '../../src/executions/present-execution.js';
import type { ExecutionQuery } from '../../src/executions/types.js';
import { encodeCursor } from '../../src/server/cursor.js';
import { makeInput } from '../executions/make-input.js';
import { createTestServer, type TestServer } from './test-server.js';

const ACTIONS = ['ping', 'restart-web', 'disk-usage'];
const STATUSES = ['succeeded', 'failed', 'running'] as const;
const USERS = ['alice@example.com', 'erin@example.com', 'dave@example.com'];

/**
 * The page the route must answer, computed the slow way: the records from a journal opened afresh, presented and
 * serialised with JSON.stringify (what the API answered before pages were cached).
 */
async function expectedPage(dataDir: string, query: ExecutionQuery & { limit: number }): Promise<string> {
  const fresh = await openJournal({ dataDir });
  try {
    const rows = await fresh.query({ ...query, limit: query.limit + 1 });
    const data = rows.slice(0, query.limit);
    const last = data[data.length - 1];
    const next = rows.length > query.limit && last ? encodeCursor([last.started_at, last.id]) : null;
    return JSON.stringify({
      data: data.map((r) => presentExecution(r, (u) => fresh.resolveUser(u))),
      next_cursor: next,
    });
  } finally {
    await fresh.close();
  }
}

describe('#15.8 GET /executions pages served from the page cache', () => {
  let server: TestServer;
  /** The journal as another process (the CLI) appends to it. */
  let cli: FileJournal;
  beforeAll(async () => {
    server = await createTestServer();
    cli = await openJournal({ dataDir: server.dataDir });
  });
  afterAll(async () => {
    await cli.close();
    await server.cleanup();
  });

  const get = async (qs: string): Promise<string> => {
    const res = await server.call('get', `/api/v1/executions?${qs}`, { as: 'alice@example.com' });
    expect(res.status).toBe(200);
    return res.text;
  };

  it('#15.8 a run recorded by another process shows in the next request (the head moved, the page is rendered anew)', async () => {
    await cli.append(makeInput({ action_id: 'ping' }));
    const before = await get('limit=5');
    expect(await get('limit=5')).toBe(before);
    const added = await cli.append(makeInput({ action_id: 'ping' }));
    const after = await get('limit=5');
    expect(after).not.toBe(before);
    expect(JSON.parse(after).data[0].id).toBe(added.id);
    expect(after).toBe(await expectedPage(server.dataDir, { limit: 5 }));
  });

  it('#15.8 property: any mix of appends (other process, this server) and filtered, paged queries answers the bytes of an uncached render', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        action: fc.constantFrom(...ACTIONS),
        status: fc.constantFrom(...STATUSES),
        user: fc.constantFrom(...USERS),
        here: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('query' as const),
        action: fc.option(fc.constantFrom(...ACTIONS), { nil: undefined }),
        status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
        user: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 4 }),
        page: fc.integer({ min: 0, max: 2 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'append') {
            const input = makeInput({
              action_id: o.action,
              status: o.status,
              initiator: { user: o.user, via: 'cli' },
              ...(o.status === 'running' ? {} : { finished_at: '2026-01-05T10:00:00.000Z', exit_code: 0 }),
            });
            await (o.here ? server.deps.journal : cli).append(input);
            continue;
          }
          const filters: ExecutionQuery = {};
          if (o.action) filters.action = o.action;
          if (o.status) filters.status = o.status;
          if (o.user) filters.user = o.user;
          const params = new URLSearchParams({
            ...(filters as Record<string, string>),
            limit: String(o.limit),
          });
          // Walk to the requested page by following the cursors, checking each page on the way.
          for (let p = 0; p <= o.page; p++) {
            const text = await get(params.toString());
            const cursor = params.get('cursor');
            const before = cursor
              ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string])
              : null;
            expect(text).toBe(
              await expectedPage(server.dataDir, {
                ...filters,
                limit: o.limit,
                ...(before ? { before: { started_at: before[0], id: before[1] } } : {}),
              }),
            );
            const next = (JSON.parse(text) as { next_cursor: string | null }).next_cursor;
            if (next === null) break;
            params.set('cursor', next);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
