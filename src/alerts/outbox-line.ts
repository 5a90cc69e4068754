import { createHash } from 'node:crypto';
import { canonicalJson } from '../executions/canonical-json.js';
import type { AlertEvent } from './alert-event.js';
import type { JournalMark } from './outbox.js';

/** The checksum of one outbox line: sha256 of the event's (or the mark's) canonical JSON (first 16 hex). */
export function checksumOf(body: AlertEvent | JournalMark): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 16);
}

/** The text of one outbox line: `{ "event", "sum" }` or `{ "mark", "sum" }`, with its newline. */
export function outboxLine(item: { event: AlertEvent } | { mark: JournalMark }): string {
  const body = 'event' in item ? item.event : item.mark;
  return `${JSON.stringify({ ...item, sum: checksumOf(body) })}\n`;
}

/** An outbox line's event or mark when its checksum holds, else null (damaged). */
export function parseOutboxLine(line: Buffer): { event: AlertEvent } | { mark: JournalMark } | null {
  try {
    const parsed = JSON.parse(line.toString('utf8')) as {
      event?: AlertEvent;
      mark?: JournalMark;
      sum: string;
    };
    if (parsed.event && parsed.sum === checksumOf(parsed.event)) return { event: parsed.event };
    if (parsed.mark && parsed.sum === checksumOf(parsed.mark)) return { mark: parsed.mark };
  } catch {
    // damaged
  }
  return null;
}
