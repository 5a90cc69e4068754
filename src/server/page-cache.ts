import type { ChainHead, ExecutionRecord } from '../executions/types.js';

/** A rendered page: its bytes, its item count, and the names its records were presented under. */
export interface CachedPage {
  json: Buffer;
  count: number;
  /** Each stored user (pseudonym) the page shows, with the name it was resolved to when rendered. */
  users: [stored: string, shown: string][];
}

/** What a cached page must still match to be served: the journal's state when it was rendered. */
export interface JournalStamp {
  head: ChainHead | null;
  /** Records the journal holds (a retention purge lowers it without moving the head); null when unknown. */
  records: number | null;
}

/**
 * Rendered pages of `GET /executions`, keyed by the query (filters, limit, cursor, who may see what) and valid while
 * the journal stays as it was when they were rendered (docs/api.md, "Performance"). Any append (by this process or,
 * after the route's refresh, by another) moves the head and empties the cache; a purge lowers the record count and
 * does the same; an erasure in the pseudonym vault changes how a stored user resolves, which `get` checks on every
 * hit, so a page never shows a name the vault no longer holds. Kept outside the journal, so every backend of the
 * journal port gets it.
 */
export class PageCache {
  private stamp: string | null = null;
  private readonly pages = new Map<string, CachedPage>();

  constructor(private readonly maxPages = 64) {}

  /** The page for `key` when it was rendered from this journal state and every user on it still resolves the same. */
  get(key: string, journal: JournalStamp, resolveUser: (stored: string) => string): CachedPage | null {
    if (this.stamp !== stampOf(journal)) return null;
    const page = this.pages.get(key);
    if (!page) return null;
    for (const [stored, shown] of page.users) if (resolveUser(stored) !== shown) return null;
    return page;
  }

  /** Keep a page rendered from this journal state (the oldest page goes when the cache is full). */
  set(key: string, journal: JournalStamp, page: CachedPage): void {
    const stamp = stampOf(journal);
    if (this.stamp !== stamp) {
      this.pages.clear();
      this.stamp = stamp;
    }
    this.pages.delete(key);
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, page);
  }
}

function stampOf(journal: JournalStamp): string {
  return journal.head
    ? `${journal.head.seq}:${journal.head.hash}:${journal.records}`
    : `empty:${journal.records}`;
}

/** The stored users a page of records shows (initiator and OS user), each with the name it resolves to now. */
export function usersOf(
  records: readonly ExecutionRecord[],
  resolveUser: (stored: string) => string,
): [string, string][] {
  const users = new Map<string, string>();
  for (const r of records) {
    for (const stored of [r.initiator.user, r.initiator.os_user]) {
      if (stored !== undefined && !users.has(stored)) users.set(stored, resolveUser(stored));
    }
  }
  return [...users];
}

const caches = new WeakMap<object, PageCache>();

/** The page cache of one journal (one per journal object, so two servers in one process never share pages). */
export function pageCacheOf(journal: object): PageCache {
  let cache = caches.get(journal);
  if (!cache) caches.set(journal, (cache = new PageCache()));
  return cache;
}

/** The stamp of a journal now: its head, and its record count when the backend tells it. */
export function journalStamp(journal: {
  head(): ChainHead | null;
  recordCount?: () => number;
}): JournalStamp {
  return {
    head: journal.head(),
    records: typeof journal.recordCount === 'function' ? journal.recordCount() : null,
  };
}
