import type { ExecutionInput, ExecutionRecord } from '../executions/types.js';
import type { ServiceClient } from './service-client.js';

/** The end of a remotely recorded run as `POST /recordings/{id}/end` takes it (docs/api.md). */
export interface RemoteEnd {
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  finished_at: string;
  duration_ms: number;
  exit_code: number | null;
  results?: NonNullable<ExecutionInput['results']>;
  error?: string;
}

/** The service takes bodies up to 64 KiB (docs/api.md): an end stays well below, output tails cut first. */
export const END_BODY_BUDGET = 48 * 1024;

const ERROR_MAX = 4000;

/**
 * The end body of a run's end record: how it ended and its per-target results. When the output tails would make it
 * too large, each is cut to its last bytes and the cut bytes are counted in `truncated_bytes`, as the recorder does.
 */
export function toRemoteEnd(input: ExecutionInput, budget = END_BODY_BUDGET): RemoteEnd {
  const end: RemoteEnd = {
    status: input.status as RemoteEnd['status'],
    finished_at: input.finished_at ?? new Date().toISOString(),
    duration_ms: input.duration_ms ?? 0,
    exit_code: input.exit_code,
    ...(input.results ? { results: input.results } : {}),
    ...(input.error !== undefined ? { error: input.error.slice(0, ERROR_MAX) } : {}),
  };
  if (!end.results || Buffer.byteLength(JSON.stringify(end)) <= budget) return end;
  const bare = { ...end, results: end.results.map((r) => ({ ...r, stdout_tail: '', stderr_tail: '' })) };
  const room = Math.max(0, budget - Buffer.byteLength(JSON.stringify(bare)) - 1024);
  // JSON escapes can double a byte (a quote, a backslash) and turn a control byte into six: stay well inside.
  const each = Math.floor(room / 6 / Math.max(1, 2 * end.results.length));
  return {
    ...end,
    results: end.results.map((r) => {
      const out = lastBytes(r.stdout_tail, each);
      const err = lastBytes(r.stderr_tail, each);
      return {
        ...r,
        stdout_tail: out.text,
        stderr_tail: err.text,
        truncated_bytes: r.truncated_bytes + out.cut + err.cut,
      };
    }),
  };
}

function lastBytes(text: string, max: number): { text: string; cut: number } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return { text, cut: 0 };
  let start = bytes.length - max;
  // Start on a character boundary (not on a UTF-8 continuation byte).
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return { text: bytes.subarray(start).toString('utf8'), cut: start };
}

/** The idempotency key of a run's end: one per run, so every delivery of that end carries the same. */
export const endKey = (executionId: string): string => `end:${executionId}`;

/** Deliver one end to the service; resolves with the one end record it holds (new or already there). */
export async function deliverEnd(
  client: ServiceClient,
  executionId: string,
  key: string,
  end: RemoteEnd,
): Promise<ExecutionRecord> {
  const reply = await client.request<ExecutionRecord>(
    'POST',
    `/api/v1/recordings/${encodeURIComponent(executionId)}/end`,
    { body: end, headers: { 'Idempotency-Key': key } },
  );
  return reply.body;
}
