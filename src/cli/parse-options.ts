// Option values commands share: dates and whole numbers, each bad value a clear error naming the flag.
import type { ErrorCode } from '../errors/catalog.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

/** An ISO 8601 date or date-time option, normalised; INPUT_INVALID otherwise. */
export function parseIsoOption(
  flag: string,
  value: string | undefined,
  endOfDay = false,
): string | undefined {
  if (value === undefined) return undefined;
  // A bare date as an upper bound means the whole of that day.
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T23:59:59.999Z`;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError(
      'INPUT_INVALID',
      `${flag} ${value}: expected an ISO 8601 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * A whole-number option between `min` and `max`; otherwise `code` with "<flag> <text>: expected <expected>".
 * Commands keep their own wording (`a positive integer`, `0-65535`) so their messages stay as documented.
 */
export function parseWholeNumber(
  flag: string,
  text: string,
  bounds: { min: number; max?: number; code: ErrorCode; expected: string },
): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < bounds.min || (bounds.max !== undefined && n > bounds.max)) {
    throw new OpsledgerError(bounds.code, `${flag} ${text}: expected ${bounds.expected}`);
  }
  return n;
}
