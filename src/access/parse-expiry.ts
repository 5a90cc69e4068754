import { OpsledgerError } from '../errors/opsledger-error.js';

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

/**
 * Turn `--expires` into an ISO time: a duration from now (`12h`, `90d`, `8w`, `1y`), an ISO date/time, or `never`
 * (null). Anything else is INPUT_INVALID.
 */
export function parseExpiry(text: string, now: Date): string | null {
  const t = text.trim();
  if (t === 'never') return null;
  const m = /^(\d{1,6})([hdwy])$/.exec(t);
  if (m) {
    const ms = Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    if (ms <= 0) throw new OpsledgerError('INPUT_INVALID', `--expires ${text}: must be in the future`);
    return new Date(now.getTime() + ms).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const at = new Date(t);
    if (Number.isNaN(at.getTime()))
      throw new OpsledgerError('INPUT_INVALID', `--expires ${text}: not a date`);
    if (at.getTime() <= now.getTime()) {
      throw new OpsledgerError('INPUT_INVALID', `--expires ${text}: that time has passed`);
    }
    return at.toISOString();
  }
  throw new OpsledgerError(
    'INPUT_INVALID',
    `--expires ${text}: expected e.g. 90d, 12h, 8w, 1y, an ISO date or never`,
    {
      hint: 'Pass --expires 90d for a key valid 90 days, or --expires never.',
    },
  );
}
