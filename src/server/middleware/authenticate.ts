import type { RequestHandler } from 'express';
import { AuthError, authenticateKey, presentedKeyId } from '../../access/authenticate-key.js';
import type { ApiKeyRecord } from '../../access/key-store.js';
import { resolvePrincipal } from '../../access/resolve-principal.js';
import { createAuthFailureLimits } from '../auth-failure-limits.js';
import { localsOf } from '../request-locals.js';
import type { ServerDeps } from '../server-deps.js';
import { authFailureLimited, clientAddress } from './rate-limits.js';

/**
 * Check the presented API key (Bearer or Basic) and attach the key and its principal to the request; failed
 * attempts are counted per client address and per key id, and over their limits answered 429 (docs/api.md).
 */
export function authenticate(deps: Pick<ServerDeps, 'keys' | 'roles' | 'limits' | 'now'>): RequestHandler {
  const failures = createAuthFailureLimits({
    perAddress: deps.limits.authFailures,
    perKeyId: deps.limits.keyIdFailures,
    windowMs: deps.limits.rateWindowMs,
  });
  return async (req, res, next) => {
    const now = deps.now();
    const address = clientAddress(req);
    const keyId = presentedKeyId(req.headers.authorization);
    // An address over its failure limit gets no more work for a request without even a well-formed key; a
    // well-formed key is still checked, so a valid key keeps working from there (docs/api.md).
    const addressWait = keyId === null ? failures.addressWait(address, Date.now()) : null;
    if (addressWait !== null) throw authFailureLimited(res, addressWait);
    let key: ApiKeyRecord;
    try {
      key = await authenticateKey(req.headers.authorization, (id) => deps.keys.find(id), now);
    } catch (err) {
      const wait = err instanceof AuthError ? failures.recordFailure(address, keyId, Date.now()) : null;
      if (wait !== null) throw authFailureLimited(res, wait);
      throw err;
    }
    deps.keys.touch(key.id, now);
    const locals = localsOf(res);
    locals.key = key;
    locals.principal = resolvePrincipal(key.user, deps.roles.roles());
    next();
  };
}
