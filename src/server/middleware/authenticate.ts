import type { RequestHandler } from 'express';
import { AuthError, authenticateKey, presentedKeyId } from '../../access/authenticate-key.js';
import type { ApiKeyRecord } from '../../access/key-store.js';
import { resolvePrincipal, type Principal } from '../../access/resolve-principal.js';
import type { Role } from '../../definitions/types.js';
import { createAuthFailureLimits } from '../auth-failure-limits.js';
import { localsOf } from '../request-locals.js';
import { VerifiedKeys } from '../verified-keys.js';
import type { ServerDeps } from '../server-deps.js';
import { authFailureLimited, clientAddress } from './rate-limits.js';

/** Principals by role set (one array per branch tip) and user: made once per tip, not per request (read-only). */
const principals = new WeakMap<readonly Role[], Map<string, Principal>>();

export function principalOf(user: string, roles: readonly Role[]): Principal {
  let byUser = principals.get(roles);
  if (!byUser) principals.set(roles, (byUser = new Map()));
  let principal = byUser.get(user);
  if (!principal) byUser.set(user, (principal = resolvePrincipal(user, roles)));
  return principal;
}

/**
 * Check the presented API key (Bearer or Basic) and attach the key and its principal to the request; failed
 * attempts are counted per client address and per key id, and over their limits answered 429 (docs/api.md). A header
 * verified before is not parsed and checked again while its key's stored hash and user are unchanged (`../verified-keys.ts`).
 */
/** The authentication middleware, with its cache of verified headers readable by the fast lane. */
export type Authenticate = RequestHandler & {
  /**
   * The key a header was verified for when it still holds (same stored hash and user, not revoked, not expired), else null:
   * no failure counted, nothing attached, so a null sends the request through the full check.
   */
  verified(header: string | undefined, now: Date): Promise<ApiKeyRecord | null>;
};

export function authenticate(deps: Pick<ServerDeps, 'keys' | 'roles' | 'limits' | 'now'>): Authenticate {
  const failures = createAuthFailureLimits({
    perAddress: deps.limits.authFailures,
    perKeyId: deps.limits.keyIdFailures,
    windowMs: deps.limits.rateWindowMs,
  });
  const verified = new VerifiedKeys();
  /** A header checked in full before whose key is unchanged in the store, not revoked and not expired. */
  const known = async (digest: string, now: Date): Promise<ApiKeyRecord | null> => {
    const hit = verified.get(digest);
    if (!hit) return null;
    const record = await deps.keys.find(hit.keyId);
    const expired = record?.expires_at != null && Date.parse(record.expires_at) <= now.getTime();
    if (record !== null && verified.holds(hit, record) && record.revoked_at === null && !expired)
      return record;
    verified.forget(digest);
    return null;
  };
  const check: RequestHandler = async (req, res, next) => {
    const now = deps.now();
    const header = req.headers.authorization;
    const digest = header ? verified.digest(header) : null;
    let key = digest === null ? null : await known(digest, now);
    if (key === null) {
      const address = clientAddress(req);
      const keyId = presentedKeyId(header);
      // An address over its failure limit gets no more work for a request without even a well-formed key; a
      // well-formed key is still checked, so a valid key keeps working from there (docs/api.md).
      const addressWait = keyId === null ? failures.addressWait(address, Date.now()) : null;
      if (addressWait !== null) throw authFailureLimited(res, addressWait);
      try {
        key = await authenticateKey(header, (id) => deps.keys.find(id), now);
      } catch (err) {
        const wait = err instanceof AuthError ? failures.recordFailure(address, keyId, Date.now()) : null;
        if (wait !== null) throw authFailureLimited(res, wait);
        throw err;
      }
      if (digest !== null) verified.remember(digest, key);
    }
    deps.keys.touch(key.id, now);
    const locals = localsOf(res);
    locals.key = key;
    locals.principal = principalOf(key.user, deps.roles.roles());
    next();
  };
  return Object.assign(check, {
    verified: (header: string | undefined, now: Date) =>
      header ? known(verified.digest(header), now) : Promise.resolve(null),
  });
}
