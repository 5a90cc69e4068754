import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { ApiKeyRecord } from '../../access/key-store.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { ServerLimits } from '../server-deps.js';

/** Answer 429 in the error shape, with `Retry-After` (set by the limiter, or computed from its window here). */
function rateLimited(req: Request, res: Response, next: NextFunction): void {
  if (!res.getHeader('Retry-After')) {
    const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 1;
    res.setHeader('Retry-After', String(seconds));
  }
  next(new OpsledgerError('RATE_LIMITED', 'too many requests'));
}

/** A 429 for too many failed authentications, with `Retry-After` set on the response. */
export function authFailureLimited(res: Response, seconds: number): OpsledgerError {
  res.setHeader('Retry-After', String(seconds));
  return new OpsledgerError('RATE_LIMITED', 'too many failed authentications', {
    hint: 'Check the API key you send; wait for the seconds in the Retry-After header, then retry.',
  });
}

/** The address failed authentications are counted by: IPv6 addresses by /56 subnet (one host holds many). */
export function clientAddress(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/**
 * The per-key limit (`server.rate_limit_per_minute`, or the key's own; 'off' keys skip it) with the IETF draft-8
 * RateLimit headers. `keyOf` reads the key the authentication step attached to the response. Failed
 * authentications are limited apart from this (`../auth-failure-limits.ts`).
 */
export function createKeyLimiter(
  limits: ServerLimits,
  keyOf: (res: Response) => ApiKeyRecord | undefined,
  store?: Store,
): RequestHandler {
  const limiter = rateLimit({
    // Shared by every instance on a PostgreSQL journal; otherwise in this process's memory.
    ...(store ? { store } : {}),
    windowMs: limits.rateWindowMs,
    limit: (_req, res) => {
      const own = keyOf(res)?.rate_limit;
      return typeof own === 'number' ? own : limits.rateLimit;
    },
    keyGenerator: (_req, res) => `key:${keyOf(res)?.id ?? 'none'}`,
    skip: (_req, res) => keyOf(res)?.rate_limit === 'off',
    identifier: 'per-key',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: rateLimited,
  });
  // A key with the limit off never reaches the limiter (it would skip it, after its own bookkeeping).
  return (req, res, next) => (keyOf(res)?.rate_limit === 'off' ? next() : limiter(req, res, next));
}
