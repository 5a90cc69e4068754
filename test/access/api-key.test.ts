import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret, parseApiKey, verifySecret } from '../../src/access/api-key.js';
import { authenticateKey, readAuthorization } from '../../src/access/authenticate-key.js';
import type { ApiKeyRecord } from '../../src/access/key-store.js';
import { parseExpiry } from '../../src/access/parse-expiry.js';

describe('API key format', () => {
  it('round-trips: prefix, id, secret, checksum; only the hash is derived for storage', () => {
    const { id, key, hash } = generateApiKey();
    expect(key).toMatch(/^olk_[0-9a-f]{16}_[0-9A-Za-z]{43}_[0-9A-Za-z]{6}$/);
    const parsed = parseApiKey(key);
    expect(parsed?.id).toBe(id);
    expect(hashSecret(parsed!.secret)).toBe(hash);
    expect(key).not.toContain(hash);
  });

  it('rejects a key with one changed character by its checksum, before any lookup', () => {
    const { key } = generateApiKey();
    const secretStart = 'olk_'.length + 17;
    const c = key[secretStart + 5]!;
    const typo = key.slice(0, secretStart + 5) + (c === 'a' ? 'b' : 'a') + key.slice(secretStart + 6);
    expect(parseApiKey(typo)).toBeNull();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey(`xyz${key.slice(3)}`)).toBeNull();
    expect(parseApiKey('')).toBeNull();
  });

  it('keys are random', () => {
    expect(generateApiKey().key).not.toBe(generateApiKey().key);
  });

  it('verifySecret compares hashes', () => {
    expect(verifySecret('s3cret', hashSecret('s3cret'))).toBe(true);
    expect(verifySecret('s3cret', hashSecret('other'))).toBe(false);
    expect(verifySecret('s3cret', 'abcd')).toBe(false);
  });
});

describe('authenticateKey', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const made = generateApiKey();
  const base: ApiKeyRecord = {
    id: made.id,
    name: 'export',
    user: 'frank@example.com',
    hash: made.hash,
    created_at: '2026-01-01T00:00:00Z',
    created_by: 'alice@example.com',
    expires_at: null,
    revoked_at: null,
    last_used_at: null,
    rate_limit: null,
  };
  let lookups = 0;
  const store =
    (record: ApiKeyRecord | null) =>
    async (id: string): Promise<ApiKeyRecord | null> => {
      lookups++;
      return record && record.id === id ? record : null;
    };
  const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

  it('accepts Bearer and Basic with the key user', async () => {
    expect((await authenticateKey(`Bearer ${made.key}`, store(base), now)).id).toBe(made.id);
    expect((await authenticateKey(basic('Frank@example.com', made.key), store(base), now)).id).toBe(made.id);
  });

  const reasons: [string, string | undefined, ApiKeyRecord | null, string][] = [
    ['missing', undefined, base, 'AUTH_REQUIRED'],
    ['scheme', `Token ${made.key}`, base, 'KEY_INVALID'],
    ['malformed', 'Bearer olk_nope', base, 'KEY_INVALID'],
    ['unknown', `Bearer ${generateApiKey().key}`, base, 'KEY_INVALID'],
    ['secret', `Bearer ${made.key}`, { ...base, hash: hashSecret('other') }, 'KEY_INVALID'],
    ['revoked', `Bearer ${made.key}`, { ...base, revoked_at: '2026-02-01T00:00:00Z' }, 'KEY_INVALID'],
    ['expired', `Bearer ${made.key}`, { ...base, expires_at: '2026-02-28T23:59:59Z' }, 'KEY_INVALID'],
    ['user', basic('dave@example.com', made.key), base, 'KEY_INVALID'],
  ];
  for (const [reason, header, record, code] of reasons) {
    it(`refuses: ${reason}`, async () => {
      await expect(authenticateKey(header, store(record), now)).rejects.toMatchObject({ reason, code });
    });
  }

  it('does not look a malformed key up', async () => {
    lookups = 0;
    await expect(authenticateKey('Bearer olk_0000000000000000_x_y', store(base), now)).rejects.toThrow();
    expect(lookups).toBe(0);
  });

  it('splits Basic credentials at the first colon (RFC 7617)', () => {
    expect(readAuthorization(basic('a@b.c', 'k:1'))).toEqual({ email: 'a@b.c', key: 'k:1' });
    expect(readAuthorization('bearer abc')).toEqual({ email: null, key: 'abc' });
  });
});

describe('parseExpiry', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads durations, dates and never', () => {
    expect(parseExpiry('90d', now)).toBe('2026-04-01T00:00:00.000Z');
    expect(parseExpiry('12h', now)).toBe('2026-01-01T12:00:00.000Z');
    expect(parseExpiry('1w', now)).toBe('2026-01-08T00:00:00.000Z');
    expect(parseExpiry('2026-06-01', now)).toBe('2026-06-01T00:00:00.000Z');
    expect(parseExpiry('never', now)).toBeNull();
  });
  it('refuses nonsense and the past', () => {
    for (const bad of ['soon', '0d', '-1d', '2025-01-01', '90']) {
      expect(() => parseExpiry(bad, now)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    }
  });
});
