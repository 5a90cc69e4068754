/**
 * Journal segments: `segment-<YYYY-MM>-<n>.jsonl` under `<data-dir>/executions/`, a new one per month (UTC, of the
 * moment of the append) or when the active one passes its size limit. The chain runs through them in name order
 * (month, then n).
 */
const SEGMENT = /^segment-(\d{4})-(\d{2})-(\d{1,9})\.jsonl$/;

export interface SegmentName {
  name: string;
  month: string;
  n: number;
}

export function parseSegmentName(name: string): SegmentName | null {
  const m = SEGMENT.exec(name);
  if (!m) return null;
  return { name, month: `${m[1]}-${m[2]}`, n: Number(m[3]) };
}

export function compareSegments(a: SegmentName, b: SegmentName): number {
  return a.month < b.month ? -1 : a.month > b.month ? 1 : a.n - b.n;
}

/** The segment files among directory entries, in chain order. */
export function sortSegments(entries: readonly string[]): SegmentName[] {
  return entries
    .map(parseSegmentName)
    .filter((s): s is SegmentName => s !== null)
    .sort(compareSegments);
}

/** The name of the segment after `active` (or the first one): never goes back in months, even if the clock does. */
export function nextSegmentName(active: SegmentName | null, now: Date): string {
  const month = now.toISOString().slice(0, 7);
  if (!active) return `segment-${month}-1.jsonl`;
  if (month > active.month) return `segment-${month}-1.jsonl`;
  return `segment-${active.month}-${active.n + 1}.jsonl`;
}

/** Whether the active segment must be sealed before the next append (new month, or full). */
export function needsRollover(active: SegmentName, size: number, now: Date, maxBytes: number): boolean {
  return now.toISOString().slice(0, 7) > active.month || size >= maxBytes;
}
