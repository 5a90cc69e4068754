/** How retries are spaced (docs/alerts.md, "Retries"). */
export interface BackoffPolicy {
  /** Delay after the first failed attempt, before jitter (default 4 s). */
  baseMs: number;
  /** Each further delay is this many times the one before (default 5). */
  factor: number;
  /** No delay is longer (default 18 h); a Retry-After is capped here too. */
  maxMs: number;
}

/** 8 attempts over about a day: 4 s, 20 s, 100 s, 8 min, 42 min, 3.5 h, 17 h (≈ 23 h), each ±20 %. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 4_000, factor: 5, maxMs: 18 * 3600_000 };

/**
 * The wait before attempt `attempts + 1`, after `attempts` failed ones: exponential with ±20 % jitter (`random` in
 * [0, 1)), and never shorter than the receiver's Retry-After.
 */
export function computeBackoff(
  attempts: number,
  policy: BackoffPolicy,
  random: number,
  retryAfterMs: number | null,
): number {
  const exp = policy.baseMs * policy.factor ** Math.max(0, attempts - 1);
  const jittered = Math.min(policy.maxMs, exp) * (0.8 + 0.4 * random);
  return Math.round(Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0)));
}

/** A Retry-After header (seconds or an HTTP date) in ms from `now`, or null. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
