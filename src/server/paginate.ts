import { encodeCursor } from './cursor.js';
import type { Reply } from './route-spec.js';

/** Yield the items of an array from `start` on (for NDJSON export of an in-memory list). */
export async function* itemsFrom<T, U>(
  items: readonly T[],
  start: number,
  map: (t: T) => U,
): AsyncIterable<U> {
  for (let i = start; i < items.length; i++) yield map(items[i] as T);
}

/**
 * One page of an in-memory list, or the whole rest of it as NDJSON. `start` is where the page begins (computed from
 * the cursor by the caller); the next cursor is the key of the page's last item.
 */
export function pageReply<T, U>(
  items: readonly T[],
  options: {
    start: number;
    limit: number;
    ndjson: boolean;
    keyOf: (t: T) => (string | number)[];
    map: (t: T) => U;
  },
): Reply {
  if (options.ndjson) return { ndjson: itemsFrom(items, options.start, options.map) };
  const page = items.slice(options.start, options.start + options.limit);
  const last = page[page.length - 1];
  const more = options.start + options.limit < items.length;
  return {
    body: {
      data: page.map(options.map),
      next_cursor: more && last !== undefined ? encodeCursor(options.keyOf(last)) : null,
    },
    count: page.length,
  };
}

/** Index of the first item strictly after `key` in a list sorted ascending by a string key. */
export function startAfter<T>(items: readonly T[], key: string, keyOf: (t: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid] as T) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
