import type { WebhookConfig } from '../config/load-config.js';
import { runbookRunWaitingEvent, type AlertEvent } from './alert-event.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { matchWebhook } from './match-webhook.js';
import type { Outbox } from './outbox.js';

/** Puts events into the outbox; what no webhook wants is not stored at all. */
export interface AlertEmitter {
  /**
   * Resolves once the wanted events are durable; rejects (JOURNAL_UNAVAILABLE) when they could not be written, so a
   * caller never moves its own cursor past events that are not in the outbox.
   */
  emit(events: readonly AlertEvent[]): Promise<void>;
  /**
   * `emit` for history alerts: an event whose id is already claimed in the outbox (told by this or another instance
   * sharing it) is not written again (docs/alerts.md, "Several instances").
   */
  emitOnce(events: readonly AlertEvent[]): Promise<void>;
}

/** An emitter over an outbox and the configured webhooks (docs/alerts.md, "Delivery"). */
export function createAlertEmitter(options: {
  outbox: () => Outbox;
  webhooks: readonly WebhookConfig[];
  /** Told after each durable append (the in-process worker wakes up). */
  onAppended?: () => void;
}): AlertEmitter {
  const write = async (events: readonly AlertEvent[], once: boolean): Promise<void> => {
    const wanted = events.filter((e) => options.webhooks.some((w) => matchWebhook(w, e)));
    if (wanted.length === 0) return;
    try {
      if (once) await options.outbox().appendOnce(wanted);
      else await options.outbox().append(wanted);
    } catch (err) {
      throw new OpsledgerError(
        'JOURNAL_UNAVAILABLE',
        `cannot write ${wanted.map((e) => e.type).join(', ')} to the alerts outbox: ${(err as Error).message}`,
        {
          cause: err,
          hint: 'Free space in the data dir (or make alerts/ writable); the events are told again next time.',
        },
      );
    }
    options.onAppended?.();
  };
  return {
    emit: (events) => write(events, false),
    emitOnce: (events) => write(events, true),
  };
}

/**
 * Tell the webhooks that a manual step of a runbook run waits for someone. The runbook runner calls this right after
 * it records the run as `waiting`, before it acknowledges (docs/alerts.md).
 */
export function emitRunbookRunWaiting(
  emitter: AlertEmitter,
  run: { id: string; runbook_id: string; step_id: string; [key: string]: unknown },
  now: Date,
): Promise<void> {
  return emitter.emit([runbookRunWaitingEvent(run, now)]);
}
