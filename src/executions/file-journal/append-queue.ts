import type { ExecutionInput, ExecutionRecord } from '../types.js';

/** Appends handed to one drain at most (group commit). */
const MAX_BATCH = 256;

/** An append waiting its turn; the drain settles it. */
export interface PendingAppend {
  input: ExecutionInput;
  when?: (latest: ExecutionRecord | null) => boolean;
  resolve: (record: ExecutionRecord | null) => void;
  reject: (err: unknown) => void;
}

/**
 * The append queue of the file journal (group commit): appends are taken in order, and every append waiting when the
 * writer comes round (up to 256) goes to `drain` as one batch, one batch at a time. The drain settles each append;
 * when it throws, every append of the batch it left unsettled fails with that error.
 */
export class AppendQueue {
  private pending: PendingAppend[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly drain: (batch: PendingAppend[]) => Promise<void>) {}

  push(
    input: ExecutionInput,
    when?: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, when, resolve, reject });
      this.tail = this.tail.then(() => this.next());
    });
  }

  /** Settles once every append queued so far was handled. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Drain what waits now (a later turn finds nothing left and returns at once). */
  private async next(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    try {
      await this.drain(batch);
    } catch (err) {
      // A promise settles once: the appends the drain already answered keep their answer.
      for (const p of batch) p.reject(err);
    }
  }
}
