import type { StateStore } from '../state/open-state.js';
import type { IdempotencyEntry, IdempotencyStore } from './idempotency-store.js';

interface IdempotencyFile {
  entries: Record<string, IdempotencyEntry>;
}

export const IDEMPOTENCY_COLLECTION = 'idempotency';
/** How long a key is remembered: long enough for any client's retries, short enough to keep the file small. */
export const IDEMPOTENCY_TTL_MS = 7 * 86_400_000;

/** Idempotency keys in the state store (`<dataDir>/state/idempotency.json`), pruned after a week. */
export function openIdempotencyStore(state: StateStore, now: () => Date): IdempotencyStore {
  const empty = (): IdempotencyFile => ({ entries: {} });
  const slot = (scope: string, key: string): string => `${scope}:${key}`;
  return {
    async get(scope, key) {
      return (await state.read(IDEMPOTENCY_COLLECTION, empty)).entries[slot(scope, key)] ?? null;
    },
    async put(scope, key, entry) {
      const oldest = now().getTime() - IDEMPOTENCY_TTL_MS;
      await state.update(IDEMPOTENCY_COLLECTION, empty, (data) => {
        for (const [k, e] of Object.entries(data.entries)) {
          if (Date.parse(e.created_at) < oldest) delete data.entries[k];
        }
        data.entries[slot(scope, key)] = entry;
      });
    },
  };
}
