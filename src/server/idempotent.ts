import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { IdempotencyEntry, IdempotencyStore } from './idempotency-store.js';

/** An Idempotency-Key header's form (docs/api.md): the one pattern the routes' header specs and checks use. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{1,200}$';
const IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** A request's Idempotency-Key: undefined when it sends none and none is `required`; else it must be well-formed. */
export function idempotencyKeyOf(headers: IncomingHttpHeaders, required: true): string;
export function idempotencyKeyOf(headers: IncomingHttpHeaders, required: false): string | undefined;
export function idempotencyKeyOf(headers: IncomingHttpHeaders, required: boolean): string | undefined {
  const v = headers['idempotency-key'];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !IDEMPOTENCY_KEY.test(v)) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      required
        ? 'header "Idempotency-Key" (1-200 of A-Z a-z 0-9 _ . : -) is required'
        : 'header "Idempotency-Key" must be 1-200 of A-Z a-z 0-9 _ . : -',
    );
  }
  return v;
}

/** JSON with sorted keys, so two equal bodies hash the same whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const inflight = new Map<string, Promise<unknown>>();

/**
 * Run `create` at most once per (scope, Idempotency-Key): a retry with the same body gets the first outcome back
 * (`replayed: true`), the same key with another body is IDEMPOTENCY_CONFLICT. Concurrent retries in this process wait
 * for the first one. Without a key, `create` just runs.
 */
export async function idempotent(
  store: IdempotencyStore,
  options: { scope: string; key: string | undefined; route: string; body: unknown; now: Date },
  create: () => Promise<{ status: number; executionId: string }>,
): Promise<{ status: number; executionId: string; replayed: boolean }> {
  const { key, scope } = options;
  if (key === undefined) return { ...(await create()), replayed: false };
  const requestHash = createHash('sha256')
    .update(`${options.route}\n${canonicalJson(options.body)}`)
    .digest('hex');
  const slot = `${scope}\u0000${key}`;
  while (inflight.has(slot)) await inflight.get(slot)?.catch(() => undefined);
  const attempt = (async () => {
    const seen = await store.get(scope, key);
    if (seen) {
      if (seen.request_hash !== requestHash) {
        throw new OpsledgerError(
          'IDEMPOTENCY_CONFLICT',
          `Idempotency-Key "${key}" was used for a different request`,
        );
      }
      return { status: seen.status, executionId: seen.execution_id, replayed: true };
    }
    const made = await create();
    const entry: IdempotencyEntry = {
      request_hash: requestHash,
      execution_id: made.executionId,
      status: made.status,
      created_at: options.now.toISOString(),
    };
    await store.put(scope, key, entry);
    return { ...made, replayed: false };
  })();
  inflight.set(slot, attempt);
  try {
    return await attempt;
  } finally {
    inflight.delete(slot);
  }
}
