import type { AlertEvent } from './alert-event.js';

/** One outbox line: an event and where it sits (`offset` is the byte position of its line, the delivery cursor). */
export interface OutboxEntry {
  offset: number;
  /** The byte position of the next line. */
  end: number;
  event: AlertEvent;
}

/**
 * The port of the durable outbox (docs/alerts.md, "Delivery"): events are appended before the action that caused them
 * is acknowledged, and read by the delivery worker from a cursor. The file outbox implements it; a PostgreSQL table
 * can implement it the same way (an identity column for the offset).
 */
export interface Outbox {
  /** Append events durably (fsync) in this order. */
  append(events: readonly AlertEvent[]): Promise<void>;
  /** Entries from `offset` on, at most `limit`; damaged lines are skipped and reported. */
  read(offset: number, limit: number): Promise<OutboxEntry[]>;
  /** The entry at an offset, or null. */
  at(offset: number): Promise<OutboxEntry | null>;
  /** The offset after the last complete line. */
  size(): Promise<number>;
}
