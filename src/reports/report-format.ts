/**
 * Stable, locale-free formatting for reports: the same number always prints the same way on every machine, so
 * committed reports diff cleanly.
 */

/** `350 ms`, `1.2 s`, `2 min 03 s`, `1 h 05 min`; `–` for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** `97.5%`; `–` for null. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** `2026-01-05 09:00 UTC` from any ISO 8601 instant. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '–';
  // The journal's and git's own form, a valid UTC instant: its digits as they are (what the parse below gives).
  if (isPlainUtc(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const PLAIN_UTC = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/;

/** `YYYY-MM-DDTHH:MM:SS[.sss]Z` naming a day that exists (no 24:00, no leap second). */
function isPlainUtc(iso: string): boolean {
  const m = PLAIN_UTC.exec(iso);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/** `2026-01-05` */
export function formatDate(iso: string | null): string {
  return iso === null ? '–' : formatTime(iso).slice(0, 10);
}

/** `1,234,567` (fixed separators, not the locale's). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 run`, `2 runs`, `1,234 runs`: a count with its noun in the right number (the plural defaults to noun + s). */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}

/** The 10-character abbreviation of a commit or hash. */
export function shortSha(sha: string | null): string {
  return sha === null ? '–' : sha.slice(0, 10);
}

/** A JSON-ish one-line rendering of a definition value for change tables, cut at `max` characters. */
export function formatValue(value: unknown, max = 160): string {
  if (value === null || value === undefined) return '∅';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(sortKeys(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A copy with object keys sorted, so the same value always serializes the same way. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Plain code-unit comparison, the same everywhere (no locale collation). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
