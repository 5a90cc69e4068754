import type { PresentedExecution } from '../executions/present-execution.js';
import type { ExecutionQuery, VerifyReport } from '../executions/types.js';
import type { ServiceClient } from '../remote/service-client.js';
import type { CliContext } from './context.js';
import { pageOutput } from './page-output.js';
import { renderExecution } from './render-execution.js';
import { flushFromCli } from './remote-recording.js';

/** The records as `--pseudonymize` shows them: the stored pseudonym instead of the email the service resolved. */
function pseudonymized(r: PresentedExecution): PresentedExecution {
  const { pseudonym, ...initiator } = r.initiator;
  return { ...r, initiator: { ...initiator, user: pseudonym ?? initiator.user } };
}

/**
 * `opsledger executions --server URL`: the same listing, read from the service (`GET /executions`, paged until
 * `limit`; one run: `GET /executions/{id}`, its latest record). What the key's user may see is the service's call.
 */
export async function showRemoteExecutions(
  ctx: CliContext,
  client: ServiceClient,
  id: string | undefined,
  query: ExecutionQuery & { limit: number },
  pseudonymize: boolean,
  renderList: (records: PresentedExecution[], resolveUser: (s: string) => string) => string,
): Promise<number> {
  await flushFromCli(ctx, client);
  const shown = (r: PresentedExecution): PresentedExecution => (pseudonymize ? pseudonymized(r) : r);
  if (id !== undefined) {
    const one = await client.request<PresentedExecution>(
      'GET',
      `/api/v1/executions/${encodeURIComponent(id)}`,
    );
    if (ctx.json) ctx.out.json([shown(one.body)]);
    else await pageOutput(ctx, renderExecution([shown(one.body)]));
    return 0;
  }
  const found: PresentedExecution[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (k !== 'limit' && typeof v === 'string') params.set(k, v);
    params.set('limit', String(Math.min(500, query.limit - found.length)));
    if (cursor) params.set('cursor', cursor);
    const page = await client.request<{ data: PresentedExecution[]; next_cursor: string | null }>(
      'GET',
      `/api/v1/executions?${params.toString()}`,
    );
    found.push(...page.body.data.map(shown));
    cursor = page.body.next_cursor;
  } while (cursor !== null && found.length < query.limit);
  if (ctx.json) ctx.out.json(found);
  else if (found.length === 0) ctx.out.info('no executions match');
  else
    await pageOutput(
      ctx,
      renderList(found, (s) => s),
    );
  return 0;
}

/** `opsledger verify --server URL`: the service verifies its own journal (`GET /journal/verify`); exit 1 when not ok. */
export async function verifyRemote(
  ctx: CliContext,
  client: ServiceClient,
  render: (report: VerifyReport & { quarantined: string[] }) => string,
): Promise<number> {
  await flushFromCli(ctx, client);
  const { body: report } = await client.request<VerifyReport & { quarantined: string[] }>(
    'GET',
    '/api/v1/journal/verify',
  );
  if (ctx.json) ctx.out.json({ ...report, server: client.url });
  else ctx.out.line(`${client.url}\n${render(report)}`);
  return report.ok ? 0 : 1;
}
