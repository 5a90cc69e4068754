import { statSync } from 'node:fs';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { StateStore } from '../state/open-state.js';
import { generateApiKey } from './api-key.js';
import type { ApiKeyRecord, KeyStore } from './key-store.js';

interface KeysFile {
  keys: ApiKeyRecord[];
}

export const KEYS_COLLECTION = 'api-keys';
const empty = (): KeysFile => ({ keys: [] });

/**
 * API keys in the state store (`<dataDir>/state/api-keys.json`, owner-only, replaced atomically under a lock), so the
 * CLI and a running server share them. The server's lookups re-read the file when its mtime or size changed, so a key
 * created or revoked by `opsledger keys` applies at the next request. Last-used times are batched in memory and
 * written by `flush` (the server calls it every few seconds and on shutdown).
 */
export function openKeyStore(state: StateStore): KeyStore {
  let cache: { stamp: string; byId: Map<string, ApiKeyRecord> } | null = null;
  const pending = new Map<string, string>();
  const stampOf = (): string => {
    try {
      const s = statSync(state.fileOf(KEYS_COLLECTION));
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'missing';
    }
  };
  const current = async (): Promise<Map<string, ApiKeyRecord>> => {
    const stamp = stampOf();
    if (!cache || cache.stamp !== stamp) {
      const data = await state.read(KEYS_COLLECTION, empty);
      cache = { stamp, byId: new Map(data.keys.map((k) => [k.id, k])) };
    }
    return cache.byId;
  };
  return {
    async create(input, now) {
      const made = generateApiKey();
      const record: ApiKeyRecord = {
        id: made.id,
        name: input.name,
        user: input.user,
        hash: made.hash,
        created_at: now.toISOString(),
        created_by: input.created_by,
        expires_at: input.expires_at,
        revoked_at: null,
        last_used_at: null,
        rate_limit: input.rate_limit,
      };
      await state.update(KEYS_COLLECTION, empty, (data) => {
        data.keys.push(record);
      });
      cache = null;
      return { record, key: made.key };
    },
    async list() {
      return [...(await current()).values()].map((k) =>
        pending.has(k.id) ? { ...k, last_used_at: pending.get(k.id) as string } : k,
      );
    },
    async find(id) {
      return (await current()).get(id) ?? null;
    },
    async revoke(id, now) {
      const revoked = await state.update(KEYS_COLLECTION, empty, (data) => {
        const key = data.keys.find((k) => k.id === id);
        if (key && key.revoked_at === null) key.revoked_at = now.toISOString();
        return key ? { ...key } : null;
      });
      cache = null;
      if (!revoked) {
        throw new OpsledgerError('NOT_FOUND', `no API key "${id}"`, {
          hint: 'List keys with `opsledger keys list`.',
        });
      }
      return revoked;
    },
    touch(id, at) {
      pending.set(id, at.toISOString());
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = new Map(pending);
      pending.clear();
      await state.update(KEYS_COLLECTION, empty, (data) => {
        for (const key of data.keys) {
          const at = batch.get(key.id);
          if (at && (key.last_used_at === null || key.last_used_at < at)) key.last_used_at = at;
        }
      });
    },
    async close() {
      await this.flush();
    },
  };
}
