import { OpsledgerError } from '../errors/opsledger-error.js';
import { parseApiKey, verifySecret } from './api-key.js';
import type { ApiKeyRecord } from './key-store.js';
import { normalizeEmail } from './resolve-principal.js';

/** Why a request is not authenticated; every case is a 401 with the same public message (no oracle). */
export type AuthFailure =
  'missing' | 'scheme' | 'malformed' | 'unknown' | 'secret' | 'revoked' | 'expired' | 'user';

const PUBLIC_MESSAGE: Record<AuthFailure, string> = {
  missing: 'an API key is required',
  scheme: 'use Authorization: Basic base64(email:apikey) or Bearer apikey',
  malformed: 'invalid API key',
  unknown: 'invalid API key',
  secret: 'invalid API key',
  revoked: 'invalid API key',
  expired: 'invalid API key',
  user: 'invalid API key',
};

export class AuthError extends OpsledgerError {
  readonly reason: AuthFailure;
  constructor(reason: AuthFailure) {
    super(reason === 'missing' ? 'AUTH_REQUIRED' : 'KEY_INVALID', PUBLIC_MESSAGE[reason], {
      hint:
        reason === 'missing' || reason === 'scheme'
          ? 'Send Authorization: Bearer <key> or Basic base64(<email>:<key>); create a key with `opsledger keys create`.'
          : 'The key is unknown, revoked, expired or not yours; ask an admin for a new one (`opsledger keys create`).',
    });
    this.reason = reason;
  }
}

/** What the Authorization header carries: a key and, for Basic, the email it claims. */
export function readAuthorization(header: string | undefined): { key: string; email: string | null } {
  if (!header || header.trim() === '') throw new AuthError('missing');
  const m = /^\s*(\w+)\s+(\S+)\s*$/.exec(header);
  if (!m) throw new AuthError('scheme');
  const scheme = (m[1] as string).toLowerCase();
  const value = m[2] as string;
  if (scheme === 'bearer') return { key: value, email: null };
  if (scheme !== 'basic') throw new AuthError('scheme');
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':'); // RFC 7617: the user-id has no colon
  if (colon <= 0) throw new AuthError('scheme');
  return { email: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/** The key id of the presented key when it is a well-formed key with a good checksum, else null (no lookup). */
export function presentedKeyId(header: string | undefined): string | null {
  try {
    return parseApiKey(readAuthorization(header).key)?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * Check a presented key: well-formed with a good checksum (before any lookup), known, secret matching in constant
 * time, not revoked, not expired, and for Basic auth the email must be the key's user. Returns the key's record.
 */
export async function authenticateKey(
  header: string | undefined,
  findKey: (id: string) => Promise<ApiKeyRecord | null>,
  now: Date,
): Promise<ApiKeyRecord> {
  const { key, email } = readAuthorization(header);
  const parsed = parseApiKey(key);
  if (!parsed) throw new AuthError('malformed');
  const record = await findKey(parsed.id);
  if (!record) throw new AuthError('unknown');
  if (!verifySecret(parsed.secret, record.hash)) throw new AuthError('secret');
  if (record.revoked_at !== null) throw new AuthError('revoked');
  if (record.expires_at !== null && Date.parse(record.expires_at) <= now.getTime())
    throw new AuthError('expired');
  if (email !== null && normalizeEmail(email) !== normalizeEmail(record.user)) throw new AuthError('user');
  return record;
}
