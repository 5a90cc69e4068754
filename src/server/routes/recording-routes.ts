import { decideAccess } from '../../access/decide-access.js';
import type { Action } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { recordedVia } from '../../executions/recorded-via.js';
import type { ExecutionInput, ExecutionRecord, Journal } from '../../executions/types.js';
import { idempotencyKeyOf, idempotent } from '../idempotent.js';
import { ref } from '../openapi/components.js';
import {
  deniedInput,
  lateEndInput,
  recordingEndInput,
  recordingStartInput,
  sameEnd,
  sameStart,
  type RecordingEnd,
  type RecordingStart,
} from '../recording-records.js';
import { API_BASE, defineRoute, type RouteContext, type RouteSpec } from '../route-spec.js';
import { present } from './execution-routes.js';
import { END_BODY, EXECUTION_ID, RECORDING_KEY, START_BODY } from './recording-schemas.js';

type ConditionalJournal = Journal & {
  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null>;
};

function conditional(journal: Journal): ConditionalJournal {
  if (typeof (journal as Partial<ConditionalJournal>).appendIf !== 'function') {
    throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this journal cannot take remote recordings');
  }
  return journal as ConditionalJournal;
}

const reply = (
  ctx: RouteContext,
  record: ExecutionRecord,
  status: number,
  replayed: boolean,
  extra: Record<string, string> = {},
) => ({
  status,
  body: present(ctx, record),
  headers: {
    Location: `${API_BASE}/executions/${encodeURIComponent(record.id)}`,
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    ...extra,
  },
});

const leaseSeconds = (ctx: RouteContext): number => ctx.deps.config.server.recording_lease_seconds;

/** The lease header of a start and a heartbeat: how long the run stays alive without another heartbeat. */
const LEASE_HEADER = {
  'Opsledger-Lease-Seconds': {
    description:
      'The run’s lease (`server.recording_lease_seconds`): renew it with `POST /recordings/{id}/heartbeat` well within it.',
    schema: { type: 'integer', minimum: 1 },
  },
};

/**
 * Authorize and record the start of a run the CLI carries out itself. The access decision is the run route's:
 * `actions:execute` within the caller's role scope, roles and tags at the service's branch tip. A caller without it
 * gets a `denied` record and a 403; nothing runs. The execution id is the client's (so its lease and spool name
 * it); a retried start is answered with the recorded one.
 */
const START_RECORDING = defineRoute<Record<string, string>, Record<string, unknown>, RecordingStart>({
  method: 'post',
  path: '/recordings',
  operationId: 'startRecording',
  // Every role member may ask; the handler decides `actions:execute` itself, so a refusal is recorded as `denied`.
  permission: 'definitions:read',
  tag: 'executions',
  summary: 'Authorize and record the start of a run the CLI carries out (remote recording)',
  description:
    'Used by `opsledger run` and `exec` with `--server` (docs/executions.md, Remote recording). The run is pinned to ' +
    'the action at the tip of the branch the service reads and initiated by your API key’s user. Without ' +
    '`actions:execute` for the action (roles at that tip) a `denied` record is written and the answer is 403 ' +
    '`RUN_DENIED`: the CLI runs nothing. A copy of the action that differs from the service’s is 409 unless ' +
    '`allow_dirty` (then recorded dirty). Answers 201 once the `running` record is durable; a retry of the same start ' +
    'is answered 200 with `Idempotent-Replayed: true`. The run holds a lease of `Opsledger-Lease-Seconds` from then ' +
    'on: the CLI renews it (`POST /recordings/{id}/heartbeat`); once it lapses the service records the run ' +
    '`abandoned`.',
  body: { schema: START_BODY, description: 'The run as the CLI will carry it out.' },
  accessLog: false,
  responses: {
    200: {
      description: 'The same start, recorded before (a retry).',
      schema: ref('ExecutionRecord'),
      headers: LEASE_HEADER,
    },
    201: {
      description: 'Recorded: the CLI may run it now, renewing its lease meanwhile.',
      schema: ref('ExecutionRecord'),
      headers: LEASE_HEADER,
    },
    403: { description: '`RUN_DENIED`: recorded as denied; nothing may run.', schema: ref('Error') },
    409: { description: 'The id is taken, or the action differs or is not released.', schema: ref('Error') },
    503: { description: 'The journal cannot take the record; nothing may run.', schema: ref('Error') },
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const user = ctx.principal?.email ?? '';
    const version = ctx.deps.history.definitionAt('action', ctx.body.action_id);
    const tags = version ? ((version.value as Action).tags ?? []) : [];
    const allowed = decideAccess(ctx.principal, {
      kind: 'execute',
      action: { id: ctx.body.action_id, tags },
    });
    // Denied first: an attempt by someone without the permission is recorded whatever else is wrong with it.
    const start = allowed
      ? recordingStartInput(ctx.body, user, version)
      : deniedInput(
          recordingStartInput({ ...ctx.body, allow_dirty: true, allow_unreleased: true }, user, version),
          ctx.deps.history.tip(),
        );
    await journal.refresh();
    const appended = await journal.appendIf(start, (latest) => latest === null);
    const recorded = appended ?? (await journal.get(start.id));
    if (!recorded || (!appended && !sameStart(recorded, start, (s) => journal.resolveUser(s)))) {
      throw new OpsledgerError(
        'IDEMPOTENCY_CONFLICT',
        `execution id "${start.id}" is already used by another run`,
        {
          hint: 'Start the run again: the CLI makes a new id each time.',
        },
      );
    }
    if (!allowed || recorded.status === 'denied') {
      throw new OpsledgerError(
        'RUN_DENIED',
        `${recorded.error ?? 'denied'}; recorded as ${recorded.id}, nothing ran`,
      );
    }
    // The lease starts with the start; a grant that fails is made up by the first heartbeat (an upsert) or, if
    // the CLI dies first, by the start-up check of the next service.
    try {
      await ctx.deps.recordingLeases?.renew(
        recorded.id,
        new Date(ctx.deps.now().getTime() + leaseSeconds(ctx) * 1000),
      );
    } catch (err) {
      ctx.deps.logger.warn(`cannot grant the lease of remote run ${recorded.id}: ${(err as Error).message}`);
    }
    return reply(ctx, recorded, appended ? 201 : 200, !appended, {
      'Opsledger-Lease-Seconds': String(leaseSeconds(ctx)),
    });
  },
});

/**
 * Record how a remotely recorded run ended, exactly once: the end is appended only while the run is still
 * `running`; a redelivery of the same end (the same `Idempotency-Key`, or after a crash between append and answer
 * the same status, exit code and finish time) is answered with the recorded end, another end is 409.
 */
const END_RECORDING = defineRoute<{ id: string }, Record<string, unknown>, RecordingEnd>({
  method: 'post',
  path: '/recordings/{id}/end',
  operationId: 'endRecording',
  permission: 'definitions:read',
  tag: 'executions',
  summary: 'Record the end of a remotely recorded run (exactly once)',
  description:
    'Only for runs started through `POST /recordings`, by the same user (or an admin); any other id is 404. ' +
    'The end carries the recorded start’s fields, whatever the client sends. The spool of the CLI redelivers an end ' +
    'with the same `Idempotency-Key` until it is acknowledged; every redelivery gets the one end record back. ' +
    'An end that arrives after the service closed the run `abandoned` (its lease lapsed: the CLI was cut off) is ' +
    'kept once as `late_end` on a record that leaves the run `abandoned` (201 with `Opsledger-Late-End: true`).',
  params: { id: EXECUTION_ID },
  headers: RECORDING_KEY,
  body: { schema: END_BODY, description: 'How the run ended.' },
  accessLog: false,
  responses: {
    200: { description: 'This end was recorded before (a redelivery).', schema: ref('ExecutionRecord') },
    201: {
      description: 'Recorded (the end record, or the `late_end` record of a run closed `abandoned`).',
      schema: ref('ExecutionRecord'),
      headers: {
        'Opsledger-Late-End': {
          description:
            '`true` when the run had been closed `abandoned` and the end is kept as its `late_end`.',
          schema: { const: 'true' },
        },
      },
    },
    404: { description: 'No remote recording with that id that you may end.', schema: ref('Error') },
    409: {
      description: '`RUN_ALREADY_ENDED` with another end, or an Idempotency-Key conflict.',
      schema: ref('Error'),
    },
    503: { description: 'The journal cannot take the record.', schema: ref('Error') },
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const id = ctx.params.id;
    const key = idempotencyKeyOf(ctx.headers, true);
    await journal.refresh();
    const start = await ownRecording(ctx, journal, id);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      {
        scope: `recording:${id}`,
        key,
        route: `POST /recordings/${id}/end`,
        body: ctx.body,
        now: ctx.deps.now(),
      },
      async () => {
        const input = recordingEndInput(start, ctx.body);
        const appended = await journal.appendIf(input, (latest) => latest?.status === 'running');
        if (appended) return { status: 201, executionId: id };
        const latest = await journal.get(id);
        if (latest && sameEnd(latest, ctx.body)) return { status: 200, executionId: id };
        if (latest?.status === 'abandoned') return keepLateEnd(ctx, journal, latest);
        throw new OpsledgerError(
          'RUN_ALREADY_ENDED',
          `run ${id} already ended ${latest?.status ?? ''} with another end record`,
        );
      },
    );
    await dropLease(ctx, id);
    const recorded = await journal.get(id);
    if (!recorded) throw new OpsledgerError('INTERNAL', `recorded execution ${id} is missing`);
    return reply(
      ctx,
      recorded,
      outcome.status,
      outcome.replayed || outcome.status === 200,
      recorded.late_end ? { 'Opsledger-Late-End': 'true' } : {},
    );
  },
});

/**
 * The end of a run the service closed `abandoned` (its lease lapsed: the CLI was cut off, not dead): kept once, as
 * `late_end` on a record that leaves the run `abandoned` — the run's closing record stands, as when a local recorder
 * is closed by the next command, and the audit shows how the CLI saw the run end. A redelivery answers that record;
 * another end is 409.
 */
async function keepLateEnd(
  ctx: RouteContext<{ id: string }, Record<string, unknown>, RecordingEnd>,
  journal: ConditionalJournal,
  abandoned: ExecutionRecord,
): Promise<{ status: number; executionId: string }> {
  const id = abandoned.id;
  const unkept = (l: ExecutionRecord | null) => l?.status === 'abandoned' && l.late_end === undefined;
  if (unkept(abandoned)) {
    const kept = await journal.appendIf(lateEndInput(abandoned, ctx.body, ctx.deps.now()), unkept);
    if (kept) return { status: 201, executionId: id };
  }
  const latest = await journal.get(id);
  if (latest?.late_end && sameEnd(latest.late_end, ctx.body)) return { status: 200, executionId: id };
  throw new OpsledgerError(
    'RUN_ALREADY_ENDED',
    `run ${id} was recorded abandoned and already holds another late end`,
  );
}

async function dropLease(ctx: RouteContext, id: string): Promise<void> {
  try {
    await ctx.deps.recordingLeases?.drop(id);
  } catch {
    // The watchdog drops it when it finds the run ended.
  }
}

/**
 * Renew the lease of a run the CLI is still carrying out (docs/executions.md, Remote recording). The CLI calls it
 * every third of the lease; an answer that does not come (the service down, the network cut) never stops the run.
 */
const HEARTBEAT_RECORDING = defineRoute<{ id: string }>({
  method: 'post',
  path: '/recordings/{id}/heartbeat',
  operationId: 'renewRecordingLease',
  permission: 'definitions:read',
  tag: 'executions',
  summary: 'Renew the lease of a remotely recorded run (heartbeat)',
  description:
    'Only for a run started through `POST /recordings`, by the same user (or an admin); any other id is 404. While ' +
    'the run is `running` its lease is extended to `Opsledger-Lease-Seconds` from now (the answer says until ' +
    'when); a run that ended — or was closed `abandoned` because its lease had lapsed — is 409 `RUN_ALREADY_ENDED` ' +
    'naming its status: the CLI goes on and delivers the end as usual (kept as `late_end`). No body. Counts ' +
    'against the key’s rate limit like any request: at the CLI’s pace that is three a lease per run.',
  params: { id: EXECUTION_ID },
  accessLog: false,
  responses: {
    200: {
      description: 'Renewed.',
      headers: LEASE_HEADER,
      schema: {
        type: 'object',
        required: ['id', 'status', 'lease_expires_at', 'lease_seconds'],
        properties: {
          id: { type: 'string' },
          status: { const: 'running' },
          lease_expires_at: { type: 'string', format: 'date-time' },
          lease_seconds: { type: 'integer', minimum: 1 },
        },
      },
    },
    404: { description: 'No remote recording with that id that you may renew.', schema: ref('Error') },
    409: { description: '`RUN_ALREADY_ENDED`: the run is no longer running.', schema: ref('Error') },
    503: { description: 'The lease cannot be stored now (the database is down).', schema: ref('Error') },
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const leases = ctx.deps.recordingLeases;
    if (!leases)
      throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this service keeps no leases of remote runs');
    const id = ctx.params.id;
    await journal.refresh();
    await ownRecording(ctx, journal, id);
    const latest = await journal.get(id);
    if (latest?.status !== 'running') {
      throw new OpsledgerError(
        'RUN_ALREADY_ENDED',
        `run ${id} is no longer running: ${latest?.status ?? 'gone'}`,
        {
          hint: 'The run goes on locally; its end is delivered as usual (after an `abandoned` record, as its late end).',
        },
      );
    }
    const seconds = leaseSeconds(ctx);
    const until = new Date(ctx.deps.now().getTime() + seconds * 1000);
    try {
      await leases.renew(id, until);
    } catch (err) {
      throw new OpsledgerError(
        'JOURNAL_UNAVAILABLE',
        `cannot renew the lease of ${id}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return {
      body: { id, status: 'running', lease_expires_at: until.toISOString(), lease_seconds: seconds },
      headers: { 'Opsledger-Lease-Seconds': String(seconds) },
    };
  },
});

/** The start of a remote recording the caller may end: theirs (or any, for an admin); else NOT_FOUND. */
async function ownRecording(ctx: RouteContext, journal: Journal, id: string): Promise<ExecutionRecord> {
  const records = await journal.records(id);
  const start = records[0];
  const mine =
    start !== undefined &&
    start.status === 'running' &&
    start.initiator.via === 'cli' &&
    recordedVia(start) === 'server' &&
    (ctx.principal?.permissions.has('admin') === true ||
      journal.resolveUser(start.initiator.user).toLowerCase() === ctx.principal?.email);
  if (!mine) {
    throw new OpsledgerError('NOT_FOUND', `no remote recording "${id}" you may end or renew`, {
      hint: 'Only the user who started a run through POST /recordings (or an admin) renews it and records its end.',
    });
  }
  return start;
}

export const RECORDING_ROUTES: RouteSpec[] = [START_RECORDING, END_RECORDING, HEARTBEAT_RECORDING];
