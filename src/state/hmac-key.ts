import { createHmac, randomBytes } from 'node:crypto';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { openState, type StateStore } from './open-state.js';

/** Key material in state (`secrets.json`, mode 0600): the key of the keyed hashes of secret parameters. */
export interface SecretsData {
  hmac_key?: string;
  created_at?: string;
}

export const SECRETS_COLLECTION = 'secrets';

/** The HMAC key of this data dir, created (32 random bytes, durably) on first use. */
export async function loadHmacKey(state: StateStore, now: () => Date = () => new Date()): Promise<Buffer> {
  const existing = await state.read<SecretsData>(SECRETS_COLLECTION, () => ({}));
  if (existing.hmac_key) return Buffer.from(existing.hmac_key, 'base64');
  const key = await state.update<SecretsData, string>(
    SECRETS_COLLECTION,
    () => ({}),
    (data) => {
      if (!data.hmac_key) {
        data.hmac_key = randomBytes(32).toString('base64');
        data.created_at = now().toISOString();
      }
      return data.hmac_key;
    },
  );
  return Buffer.from(key, 'base64');
}

/**
 * Keyed HMAC-SHA256 of a secret value: equal values give equal digests (so runs can be correlated) while the value
 * cannot be recovered or brute-forced without the key.
 */
export function hmacSecret(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/**
 * The HMAC key for secret parameters of the state in `dataDir`, for a recorder about to run something: a key that
 * cannot be read means secrets could not be recorded safely, so the run fails closed (JOURNAL_UNAVAILABLE).
 */
export async function loadSecretKey(dataDir: string, now: () => Date): Promise<Buffer> {
  try {
    return await loadHmacKey(openState(dataDir), now);
  } catch (err) {
    throw new OpsledgerError(
      'JOURNAL_UNAVAILABLE',
      `cannot read the key for secret parameters: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}
