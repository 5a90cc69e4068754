import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type ClientRateLimitInfo,
  type Options,
  type Store,
} from 'express-rate-limit';
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

/** A request counted by the lane in the limiter's store (`KeyLimiter.count`): its key there, its limit, the result. */
export interface KeyCount {
  storeKey: string;
  limit: number;
  totalHits: number;
  resetTime: Date | undefined;
}

/**
 * The per-key limiter: the Express middleware, and the same counting for the fast lane (`../fast-lane.ts`), in the
 * same store, with the same headers, so a request is counted once whichever path answers it.
 */
export type KeyLimiter = RequestHandler & {
  /** Count one request of the key in the limiter's store, as the middleware does; null for a key with its limit off. */
  count(key: ApiKeyRecord): Promise<KeyCount | null>;
  /** The headers the middleware sets for a request within the limit (IETF draft-8 `RateLimit`, `RateLimit-Policy`). */
  setHeaders(res: ServerResponse, counted: KeyCount): void;
  /**
   * Run `fn` (the request's way through Express) with the request already counted: the middleware takes that count
   * instead of counting it again (a request the lane counted and found over the limit, which Express refuses).
   */
  counted(counted: KeyCount, fn: () => void): void;
};

const IDENTIFIER = 'per-key';

/** The partition key of the draft-8 `RateLimit-Policy` header, as express-rate-limit 8 computes it (`pk`). */
const partitionKey = (storeKey: string): string =>
  Buffer.from(createHash('sha256').update(storeKey).digest('hex').slice(0, 12)).toString('base64');

/**
 * The per-key limit (`server.rate_limit_per_minute`, or the key's own; 'off' keys skip it) with the IETF draft-8
 * RateLimit headers. `keyOf` reads the key the authentication step attached to the response. Failed
 * authentications are limited apart from this (`../auth-failure-limits.ts`). Without a shared store the counts are in
 * this process's memory (a `MemoryStore` made here, so the fast lane counts in it too).
 */
export function createKeyLimiter(
  limits: ServerLimits,
  keyOf: (res: Response) => ApiKeyRecord | undefined,
  store: Store = new MemoryStore(),
): KeyLimiter {
  const limitOf = (key: ApiKeyRecord | undefined): number =>
    typeof key?.rate_limit === 'number' ? key.rate_limit : limits.rateLimit;
  const storeKeyOf = (key: ApiKeyRecord | undefined): string => `key:${key?.id ?? 'none'}`;
  /** The count of the request Express is handling when the lane made it already (one per request, by async context). */
  const precounted = new AsyncLocalStorage<{ counted: KeyCount; taken: boolean }>();
  const counting = new CountOnceStore(store, (storeKey) => {
    const pending = precounted.getStore();
    if (!pending || pending.taken || pending.counted.storeKey !== storeKey) return null;
    pending.taken = true;
    return pending.counted;
  });
  const limiter = rateLimit({
    // Shared by every instance on a PostgreSQL journal; otherwise in this process's memory.
    store: counting,
    windowMs: limits.rateWindowMs,
    limit: (_req, res) => limitOf(keyOf(res)),
    keyGenerator: (_req, res) => storeKeyOf(keyOf(res)),
    skip: (_req, res) => keyOf(res)?.rate_limit === 'off',
    identifier: IDENTIFIER,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: rateLimited,
  });
  const windowSeconds = Math.ceil(limits.rateWindowMs / 1000);
  /** `pk` of each store key (a sha256 per request otherwise). */
  const partitionKeys = new Map<string, string>();
  // A key with the limit off never reaches the limiter (it would skip it, after its own bookkeeping).
  const middleware: RequestHandler = (req, res, next) =>
    keyOf(res)?.rate_limit === 'off' ? next() : limiter(req, res, next);
  return Object.assign(middleware, {
    async count(key: ApiKeyRecord): Promise<KeyCount | null> {
      if (key.rate_limit === 'off') return null;
      const storeKey = storeKeyOf(key);
      const { totalHits, resetTime } = await store.increment(storeKey);
      return { storeKey, limit: limitOf(key), totalHits, resetTime };
    },
    setHeaders(res: ServerResponse, c: KeyCount): void {
      // express-rate-limit 8's draft-8 headers (it does not export its setter); the equivalence test compares them.
      const remaining = Math.max(c.limit - c.totalHits, 0);
      const reset = c.resetTime
        ? Math.max(0, Math.ceil((c.resetTime.getTime() - Date.now()) / 1000))
        : windowSeconds;
      let pk = partitionKeys.get(c.storeKey);
      if (pk === undefined) {
        if (partitionKeys.size >= 10_000) partitionKeys.clear();
        partitionKeys.set(c.storeKey, (pk = partitionKey(c.storeKey)));
      }
      res.setHeader('RateLimit', `"${IDENTIFIER}"; r=${remaining}; t=${reset}`);
      res.setHeader('RateLimit-Policy', `"${IDENTIFIER}"; q=${c.limit}; w=${windowSeconds}; pk=:${pk}:`);
    },
    counted(c: KeyCount, fn: () => void): void {
      precounted.run({ counted: c, taken: false }, fn);
    },
  });
}

/**
 * The store the middleware counts in: the configured one, except for a request the fast lane counted already (its
 * count is handed over instead of a second increment).
 */
class CountOnceStore implements Store {
  readonly localKeys: boolean;
  readonly prefix: string | undefined;

  constructor(
    private readonly inner: Store,
    private readonly takeCounted: (storeKey: string) => KeyCount | null,
  ) {
    this.localKeys = inner.localKeys ?? true;
    this.prefix = inner.prefix;
  }

  init(options: Options): void {
    this.inner.init?.(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const counted = this.takeCounted(key);
    if (counted) return { totalHits: counted.totalHits, resetTime: counted.resetTime };
    return this.inner.increment(key);
  }

  async decrement(key: string): Promise<void> {
    await this.inner.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.inner.resetKey(key);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.inner.get?.(key);
  }

  async resetAll(): Promise<void> {
    await this.inner.resetAll?.();
  }

  async shutdown(): Promise<void> {
    await this.inner.shutdown?.();
  }
}
