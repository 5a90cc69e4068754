import type { Command } from 'commander';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { hasDeadLeases } from '../executions/close-abandoned-runs.js';
import { presentExecution } from '../executions/present-execution.js';
import type { ExecutionRecord, Journal } from '../executions/types.js';
import { flushSpool, type FlushResult } from '../remote/flush-spool.js';
import { describeLateEnd, RemoteJournal } from '../remote/remote-journal.js';
import { createServiceClient, normalizeServerUrl, type ServiceClient } from '../remote/service-client.js';
import { closeAbandonedFromCli } from './close-abandoned.js';
import type { CliContext } from './context.js';
import { applyFaultHook } from './fault-hook.js';
import { openCliJournal } from './cli-journal.js';

/** `--server URL` (a string), `--no-server` (false) or neither (undefined: `server.url` of the config, if any). */
export interface ServerOption {
  server?: string | false;
}

/** Add `--server URL` and `--no-server` to a command (docs/executions.md, Remote recording). */
export function addServerOption(command: Command, what: string): Command {
  return command
    .option('--server <url>', `${what} the central service at URL (default: server.url of opsledger.yaml)`)
    .option('--no-server', 'use the local journal even when server.url is set');
}

/** A client of the service the command talks to, or null for the local journal. Needs OPSLEDGER_API_KEY. */
export function serviceFor(ctx: CliContext, opts: ServerOption): ServiceClient | null {
  if (opts.server === false) return null;
  const url = opts.server ?? ctx.config.server.url;
  if (url === undefined) return null;
  const flag = opts.server === undefined ? 'server.url' : '--server';
  const apiKey = ctx.env.OPSLEDGER_API_KEY;
  if (!apiKey) {
    throw new OpsledgerError('AUTH_REQUIRED', `${flag} ${url}: OPSLEDGER_API_KEY is not set`, {
      hint: 'Put your API key in OPSLEDGER_API_KEY (an admin creates one with `opsledger keys create`).',
    });
  }
  return createServiceClient({ url: normalizeServerUrl(url, flag), apiKey });
}

/**
 * The journal a run is recorded in: the service's (through a RemoteJournal, after delivering the ends this data dir
 * still spools for it), or the local one. With `executions.require_server`, recording locally is refused.
 */
export async function openRecordingJournal(
  ctx: CliContext,
  opts: ServerOption & { allowDirty?: boolean; allowUnreleased?: boolean },
  command: string,
): Promise<{ journal: Journal; remote: RemoteJournal | null; close(): Promise<void> }> {
  const client = serviceFor(ctx, opts);
  if (client === null) {
    refuseLocalRecording(ctx, command);
    const journal = applyFaultHook(await openCliJournal(ctx), ctx.env);
    await closeAbandonedFromCli(ctx, journal, command);
    return { journal, remote: null, close: () => journal.close() };
  }
  await closeLocalLeftovers(ctx, command);
  await flushFromCli(ctx, client);
  const remote = new RemoteJournal({
    client,
    dataDir: ctx.dataDir,
    allowDirty: opts.allowDirty === true,
    allowUnreleased: opts.allowUnreleased === true,
    now: ctx.now,
    onWarning: (message) => ctx.out.info(message),
  });
  return { journal: remote, remote, close: () => remote.close() };
}

/** With `executions.require_server`, the CLI records no run in a local journal (SERVER_REQUIRED). */
export function refuseLocalRecording(ctx: CliContext, command: string, hint?: string): void {
  if (!ctx.config.executions.require_server) return;
  throw new OpsledgerError(
    'SERVER_REQUIRED',
    `opsledger.yaml sets executions.require_server: \`opsledger ${command}\` does not record runs in a local journal`,
    hint ? { hint } : {},
  );
}

/** Leases of dead recorders (temp dirs of a killed run) are cleaned as a local command would. */
async function closeLocalLeftovers(ctx: CliContext, command: string): Promise<void> {
  if (!hasDeadLeases(ctx.dataDir)) return;
  try {
    const journal = await openCliJournal(ctx);
    try {
      await closeAbandonedFromCli(ctx, journal, command);
    } finally {
      await journal.close();
    }
  } catch (err) {
    ctx.out.info(`warning: cannot clean up after dead recorders now: ${(err as Error).message}`);
  }
}

/** The automatic flush at the start of a command that talks to the service: its own spooled ends, reported. */
export async function flushFromCli(ctx: CliContext, client: ServiceClient): Promise<void> {
  try {
    const result = await flushSpool({ dataDir: ctx.dataDir, clientFor: () => client, only: client.url });
    for (const line of describeFlush(result, false)) ctx.out.info(line);
  } catch (err) {
    ctx.out.info(`warning: cannot deliver the spooled end records now: ${(err as Error).message}`);
  }
}

/** What a flush did, for a person (only what happened; `all` also says when nothing was pending). */
export function describeFlush(result: FlushResult, all: boolean): string[] {
  const lines: string[] = [];
  if (result.delivered.length > 0 || all)
    lines.push(`spool: delivered ${result.delivered.length} end record(s)${list(result.delivered)}`);
  for (const id of result.late) lines.push(describeLateEnd(id));
  for (const p of result.pending) lines.push(`spool: ${p.id} still spooled for ${p.server}: ${p.reason}`);
  for (const r of result.rejected)
    lines.push(
      `warning: spool: the service refused the end of ${r.id} for good (${r.reason}); kept in ${r.file}`,
    );
  if (result.dropped.length > 0)
    lines.push(
      `spool: ${result.dropped.length} start(s) the service never recorded: nothing ran, nothing to deliver`,
    );
  for (const d of result.damaged)
    lines.push(`warning: spool: ${d} is not a readable spool entry; left as is`);
  return lines;
}

const list = (ids: readonly string[]): string => (ids.length > 0 ? ` (${ids.join(', ')})` : '');

/** Say so when the end of the run waits in the spool: the command still ends with the run's own status. */
export function reportSpooled(ctx: CliContext, remote: RemoteJournal | null, final: ExecutionRecord): void {
  const file = remote?.spooled.get(final.id);
  if (!file) return;
  ctx.out.info(
    `${final.id}: the service cannot be reached; the end of the run (${final.status}) is spooled in ${file}. ` +
      '`opsledger spool flush` delivers it, as does the next command that talks to the service.',
  );
}

/** A run's final record as `--json` prints it: the service's (already presented), the spooled end, or local. */
export function presentFinal(
  final: ExecutionRecord,
  journal: Journal,
  remote: RemoteJournal | null,
): unknown {
  if (!remote) return presentExecution(final, (s) => journal.resolveUser(s));
  const file = remote.spooled.get(final.id);
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...end } = final;
  if (remote.late.has(final.id)) return { ...end, recorded_as: 'abandoned', late_end: true };
  if (!file) return final;
  return { ...end, spooled: file };
}
