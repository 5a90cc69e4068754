import type { AlertEvent, AlertEventType } from './alert-event.js';

/** The alerts `appendOnce` claims by id: derived from history, which every instance folds alike. */
export const ONCE_TYPES: ReadonlySet<AlertEventType> = new Set([
  'definition.changed',
  'definition.invalid',
  'history.rewritten',
]);

/** The events whose id is not claimed yet (nor repeated earlier in the list), in their order. */
export function unclaimed(events: readonly AlertEvent[], claimed: ReadonlySet<string>): AlertEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !claimed.has(e.id) && !seen.has(e.id) && seen.add(e.id) !== undefined);
}

/** One outbox line: an event and where it sits (`offset` is the byte position of its line, the delivery cursor). */
export interface OutboxEntry {
  offset: number;
  /** The byte position of the next line. */
  end: number;
  event: AlertEvent;
}

/** A line as read from a cursor: an entry, or a line that only moves the cursor on (a mark, a damaged line). */
export interface OutboxLine {
  offset: number;
  end: number;
  event: AlertEvent | null;
}

/**
 * The journal record an outbox write reports (its seq and hash) and the webhooks configuration it was judged
 * against (a fingerprint). The last mark says how far the outbox is level with the journal: after a crash between
 * a journal append and its outbox entry, the records after it are the ones whose events are owed.
 */
export interface JournalMark {
  seq: number;
  hash: string;
  webhooks: string;
}

/** Writing while holding the outbox's writer lock (`Outbox.exclusive`). */
export interface OutboxWriter {
  /** Append events and, when given, the mark of the journal record they report, in one durable write (fsync). */
  append(events: readonly AlertEvent[], mark?: JournalMark): Promise<void>;
  /**
   * The last mark written (null when none was) and the ids of the events written after it (a write cut off by a
   * crash may have left some of its lines whole: they are not written twice).
   */
  lastMark(): Promise<{ mark: JournalMark; eventIdsAfter: ReadonlySet<string> } | null>;
}

/**
 * The port of the durable outbox (docs/alerts.md, "Delivery"): events are appended before the action that caused them
 * is acknowledged, and read by the delivery worker from a cursor. The file outbox implements it; a PostgreSQL table
 * can implement it the same way (an identity column for the offset, `exclusive` as the journal append's own
 * transaction, so the record and its events commit together and no mark is needed).
 */
export interface Outbox {
  /** Append events durably (fsync) in this order. */
  append(events: readonly AlertEvent[]): Promise<void>;
  /**
   * Append, durably and in this order, the events whose id no earlier `appendOnce` on this outbox claimed (from this
   * process or any other sharing it); the claim and the write are one step. Only for the `ONCE_TYPES`. Resolves with the events written. History
   * alerts go this way: every `serve` instance derives the same events from the same pushes (docs/alerts.md).
   */
  appendOnce(events: readonly AlertEvent[]): Promise<AlertEvent[]>;
  /**
   * Run `fn` holding the outbox's writer lock, between processes and within one: a journal append made inside and
   * the outbox entry of its record are then one step no other writer comes between.
   */
  exclusive<T>(fn: (writer: OutboxWriter) => Promise<T>): Promise<T>;
  /** Entries from `offset` on, at most `limit`; damaged lines are skipped and reported, marks skipped. */
  read(offset: number, limit: number): Promise<OutboxEntry[]>;
  /** Lines from `offset` on, at most `limit`, marks and damaged lines included (`event: null`): what a cursor walks. */
  lines(offset: number, limit: number): Promise<OutboxLine[]>;
  /** The entry at an offset, or null. */
  at(offset: number): Promise<OutboxEntry | null>;
  /** The offset after the last complete line. */
  size(): Promise<number>;
}
