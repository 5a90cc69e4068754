import { createHash } from 'node:crypto';
import type { WebhookConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { FileLockError } from '../state/file-lock.js';
import type { ExecutionInput, ExecutionRecord, Journal } from '../executions/types.js';
import { executionEvent, type AlertEvent } from './alert-event.js';
import { matchWebhook } from './match-webhook.js';
import type { JournalMark, Outbox, OutboxWriter } from './outbox.js';

type ConditionalAppend = (
  input: ExecutionInput,
  when: (latest: ExecutionRecord | null) => boolean,
) => Promise<ExecutionRecord | null>;

/** What the journal hook needs: the outbox, the webhooks, and a way to read the journal after a known record. */
export interface JournalAlertOptions {
  outbox: Outbox;
  webhooks: readonly WebhookConfig[];
  now: () => Date;
  /** The journal's records with a seq above this, in order (crash recovery reads the few after the last mark). */
  recordsAfter: (seq: number) => ExecutionRecord[] | Promise<ExecutionRecord[]>;
  /** Told after each durable outbox write (the in-process worker wakes up). */
  onAppended?: () => void;
}

const EXECUTION_TYPES = ['execution.started', 'execution.finished'];

/** Where the outbox stands: its last mark, and the events written after it. */
interface StartingMark {
  mark: JournalMark;
  eventIdsAfter: ReadonlySet<string>;
}

/** Whether any webhook wants run events at all (else the journal is not hooked). */
export function wantsExecutionEvents(webhooks: readonly WebhookConfig[]): boolean {
  return webhooks.some((w) => w.events.some((e) => EXECUTION_TYPES.includes(e)));
}

/**
 * The webhooks that want run events, as a fingerprint kept in each mark: when they change (added after a time
 * without any), the outbox starts level with the journal's head again instead of telling every run in between.
 */
function fingerprint(webhooks: readonly WebhookConfig[]): string {
  const wanting = webhooks
    .filter((w) => w.events.some((e) => EXECUTION_TYPES.includes(e)))
    .map((w) => `${w.id}:${[...w.events].sort().join(',')}`)
    .sort();
  return createHash('sha256').update(wanting.join('\n')).digest('hex').slice(0, 16);
}

/** The outbox's writer lock; a lock held too long by another process is JOURNAL_LOCKED (nothing was recorded). */
async function exclusive<T>(outbox: Outbox, fn: (writer: OutboxWriter) => Promise<T>): Promise<T> {
  let entered = false;
  try {
    return await outbox.exclusive((writer) => {
      entered = true;
      return fn(writer);
    });
  } catch (err) {
    if (entered || err instanceof OpsledgerError) throw err;
    if (err instanceof FileLockError && err.reason === 'locked') {
      throw new OpsledgerError(
        'JOURNAL_LOCKED',
        `the alerts outbox is locked, so nothing was recorded: ${err.message}`,
        {
          cause: err,
        },
      );
    }
    throw unavailable('cannot lock the alerts outbox, so nothing was recorded', err);
  }
}

function unavailable(what: string, err: unknown): OpsledgerError {
  if (err instanceof OpsledgerError) return err;
  return new OpsledgerError('JOURNAL_UNAVAILABLE', `${what}: ${(err as Error).message}`, {
    cause: err,
    hint:
      'Free space in the data dir (or make alerts/ writable), then retry. A record already in the journal gets ' +
      'its alert at the next append or when `opsledger serve` starts (docs/alerts.md, "Delivery").',
  });
}

/**
 * Make the journal's appends and their alerts one step (docs/alerts.md, "Delivery"). Holding the outbox's writer
 * lock, each append writes its record to the journal (fsync), then the events of that record (and of any record a
 * crash left without its events: those after the outbox's last mark) with the record's mark, in one fdatasync'd
 * write, and only then returns, so before the run is acknowledged (API 202, CLI exit). A failed outbox write fails
 * the append with JOURNAL_UNAVAILABLE; the record is in the journal and its events are written by the next append or
 * the next start of `serve` (`levelOutbox`). The journal object is kept (its other methods stay); only `append` and
 * `appendIf` are wrapped, whichever backend implements them.
 */
export function alertOnAppend<J extends Journal>(journal: J, options: JournalAlertOptions): J {
  if (!wantsExecutionEvents(options.webhooks)) return journal;
  const print = fingerprint(options.webhooks);
  const eventsOf = (records: readonly ExecutionRecord[]): AlertEvent[] =>
    records
      .map((r) => executionEvent(r, options.now()))
      .filter((e) => options.webhooks.some((w) => matchWebhook(w, e)));

  const hooked = (append: () => Promise<ExecutionRecord | null>): Promise<ExecutionRecord | null> =>
    exclusive(options.outbox, async (writer) => {
      let start: StartingMark;
      try {
        start = await startingMark(journal, writer, print);
      } catch (err) {
        throw unavailable('cannot write to the alerts outbox, so nothing was recorded', err);
      }
      const record = await append();
      if (!record) return null;
      try {
        const owed = record.seq - 1 > start.mark.seq ? await options.recordsAfter(start.mark.seq) : [];
        const events = [
          ...eventsOf(owed.filter((r) => r.seq < record.seq)).filter((e) => !start.eventIdsAfter.has(e.id)),
          ...eventsOf([record]),
        ];
        await writer.append(events, { seq: record.seq, hash: record.hash, webhooks: print });
      } catch (err) {
        // `recorded`: the caller may close what it cannot acknowledge (a run's start: nothing runs).
        throw Object.assign(
          unavailable(
            `run ${record.id} is recorded in the journal (seq ${record.seq}), but its alert could not be written to the alerts outbox`,
            err,
          ),
          { recorded: record },
        );
      }
      options.onAppended?.();
      return record;
    });

  const append = journal.append.bind(journal);
  journal.append = async (input) => (await hooked(() => append(input))) as ExecutionRecord;
  const conditional = journal as J & { appendIf?: ConditionalAppend };
  if (typeof conditional.appendIf === 'function') {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = (input, when) => hooked(() => appendIf(input, when));
  }
  return journal;
}

/**
 * The outbox's last mark, or a new one at the journal's head when there is none yet or the webhooks wanting run
 * events changed (a new starting point: runs from before are not told).
 */
async function startingMark(journal: Journal, writer: OutboxWriter, print: string): Promise<StartingMark> {
  const last = await writer.lastMark();
  if (last && last.mark.webhooks === print) return last;
  await journal.refresh();
  const head = journal.head();
  const mark = { seq: head?.seq ?? 0, hash: head?.hash ?? '', webhooks: print };
  await writer.append([], mark);
  return { mark, eventIdsAfter: new Set() };
}

/**
 * At start-up (`serve`): write the events of every record after the outbox's last mark (a process killed between a
 * journal append and its outbox write), so a crash never loses an alert of a recorded run.
 */
export async function levelOutbox(journal: Journal, options: JournalAlertOptions): Promise<number> {
  if (!wantsExecutionEvents(options.webhooks)) return 0;
  const print = fingerprint(options.webhooks);
  return exclusive(options.outbox, async (writer) => {
    const start = await startingMark(journal, writer, print);
    const owed = await options.recordsAfter(start.mark.seq);
    const last = owed[owed.length - 1];
    if (!last) return 0;
    const events = owed
      .map((r) => executionEvent(r, options.now()))
      .filter((e) => options.webhooks.some((w) => matchWebhook(w, e)) && !start.eventIdsAfter.has(e.id));
    await writer.append(events, { seq: last.seq, hash: last.hash, webhooks: print });
    options.onAppended?.();
    return owed.length;
  });
}
