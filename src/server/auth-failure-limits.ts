/** How many failed authentications a counter allows per window. */
export interface FailureLimitOptions {
  /** Failures per client address per window. */
  perAddress: number;
  /** Failures per key id (the `<id>` part of a well-formed key) per window, from any address. */
  perKeyId: number;
  windowMs: number;
  /** Counters kept at most (expired ones go first), so a flood of made-up key ids cannot grow memory. */
  maxEntries?: number;
}

/**
 * Failed authentications counted in fixed windows, per client address and per key id separately (docs/api.md,
 * "Failed authentications"). Only failures are counted and only failures are answered 429: a correct key always
 * authenticates, whatever its address or its id went through, so bad keys cannot lock a valid key out.
 */
export interface AuthFailureLimits {
  /** Seconds until `address` is back under its limit; null when it is under it now. */
  addressWait(address: string, nowMs: number): number | null;
  /** Count one failure; the seconds to wait when the address or the key id is now over its limit, else null. */
  recordFailure(address: string, keyId: string | null, nowMs: number): number | null;
}

interface Window {
  count: number;
  resetAt: number;
}

/** In-memory counters (one process serves the API; a restart forgets them, which only forgives). */
export function createAuthFailureLimits(options: FailureLimitOptions): AuthFailureLimits {
  const windows = new Map<string, Window>();
  const maxEntries = options.maxEntries ?? 100_000;

  const current = (key: string, nowMs: number): Window | null => {
    const w = windows.get(key);
    if (!w || w.resetAt <= nowMs) return null;
    return w;
  };
  const waitOf = (w: Window | null, limit: number, nowMs: number): number | null =>
    w && w.count > limit ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)) : null;
  const bump = (key: string, nowMs: number): Window => {
    let w = current(key, nowMs);
    if (!w) {
      if (windows.size >= maxEntries) prune(nowMs);
      w = { count: 0, resetAt: nowMs + options.windowMs };
      windows.delete(key);
      windows.set(key, w);
    }
    w.count += 1;
    return w;
  };
  const prune = (nowMs: number): void => {
    for (const [key, w] of windows) if (w.resetAt <= nowMs) windows.delete(key);
    // Still full: forget the oldest windows (insertion order), which only forgives some failures.
    for (const key of windows.keys()) {
      if (windows.size < maxEntries) break;
      windows.delete(key);
    }
  };

  return {
    addressWait: (address, nowMs) => waitOf(current(`addr:${address}`, nowMs), options.perAddress, nowMs),
    recordFailure(address, keyId, nowMs) {
      const waits = [waitOf(bump(`addr:${address}`, nowMs), options.perAddress, nowMs)];
      if (keyId !== null) waits.push(waitOf(bump(`key:${keyId}`, nowMs), options.perKeyId, nowMs));
      const over = waits.filter((w): w is number => w !== null);
      return over.length > 0 ? Math.max(...over) : null;
    },
  };
}
