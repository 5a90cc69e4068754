import { statSync } from 'node:fs';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { openState } from '../state/open-state.js';
import { PSEUDONYM, openPseudonymVault, type PseudonymVault } from '../state/pseudonym-vault.js';
import { RETENTION_COLLECTION, chainBase, emptyRetention } from '../state/retention-state.js';
import { assertExecutionInput } from './check-execution-input.js';
import { appendBatch } from './file-journal/append-batch.js';
import { AppendQueue, type PendingAppend } from './file-journal/append-queue.js';
import { JournalLock } from './file-journal/journal-lock.js';
import { SegmentRollover } from './file-journal/segment-rollover.js';
import { SegmentView } from './file-journal/segment-view.js';
import { SnapshotStore } from './file-journal/snapshot-store.js';
import { quarantineTornTail } from './file-journal/torn-tail.js';
import { toIndexQuery } from './journal-index.js';
import { journalPaths } from './journal-paths.js';
import { pseudonymizeInput } from './pseudonymize-input.js';
import type {
  ChainHead,
  ExecutionInput,
  ExecutionQuery,
  ExecutionRecord,
  Journal,
  ScanOptions,
} from './types.js';

export interface OpenJournalOptions {
  dataDir: string;
  /** The clock (segment months, quarantine file names). */
  now?: () => Date;
  /** How long an append waits for another process's lock before JOURNAL_LOCKED (default 10 s). */
  lockTimeoutMs?: number;
  /** Size at which the active segment is sealed and a new one started (default 64 MiB). */
  maxSegmentBytes?: number;
  /** Rewrite the index snapshot once this many records were folded since it was written (default 2000). */
  snapshotEvery?: number;
  /** Where reports go that are not errors (a quarantined torn line, skipped lines); default: dropped. */
  onWarning?: (message: string) => void;
  /**
   * Keep up to this many parsed records in memory, by their place in the segments (default 0: none). The server
   * sets it: a page of runs is then served without re-reading and re-parsing its lines (docs/api.md). The records
   * handed out are then shared, so callers must not change them.
   */
  recordCache?: number;
}

/** The file journal: the `Journal` port plus what the CLI and the benchmarks want to know about its files. */
export interface FileJournal extends Journal {
  readonly dir: string;
  /** Lines that did not parse as records (verify names them). */
  skippedCount(): number;
  segmentNames(): string[];
  /** Lines moved to quarantine by this process. */
  quarantined(): string[];
}

/**
 * Open the execution journal of a data dir: JSON Lines segments under `<dataDir>/executions/`, hash-chained,
 * appended under an inter-process lock with fdatasync before acknowledging (appends waiting together share one lock
 * and one sync: group commit), indexed in memory from a derived snapshot plus the lines appended since. Nothing is
 * created until the first append. The parts: `file-journal/` (the view, the append queue and batch, rollover, torn
 * tail, snapshot) and `pseudonymize-input.ts`.
 */
export async function openJournal(options: OpenJournalOptions): Promise<FileJournal> {
  const journal = new JournalFile(options);
  await journal.load();
  return journal;
}

class JournalFile implements FileJournal {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly lock: JournalLock;
  private readonly state;
  private readonly view: SegmentView;
  private readonly rollover: SegmentRollover;
  private readonly snapshots: SnapshotStore;
  private vault!: PseudonymVault;
  private base: ChainHead | null = null;
  private readonly queue = new AppendQueue((batch) => this.commit(batch));
  private moved: string[] = [];
  private closed = false;

  constructor(private readonly options: OpenJournalOptions) {
    const paths = journalPaths(options.dataDir);
    this.dir = paths.dir;
    this.now = options.now ?? (() => new Date());
    this.lock = new JournalLock(paths.lockFile, this.dir, options.dataDir, options.lockTimeoutMs ?? 10_000);
    this.state = openState(options.dataDir, { lockTimeoutMs: options.lockTimeoutMs });
    const warn = (m: string): void => options.onWarning?.(m);
    this.view = new SegmentView(this.dir, options.recordCache ?? 0, warn);
    this.rollover = new SegmentRollover(this.view, options.maxSegmentBytes ?? 64 * 1024 * 1024, this.now);
    this.snapshots = new SnapshotStore(this.view, warn);
  }

  async load(): Promise<void> {
    this.vault = await openPseudonymVault(this.state, { now: this.now });
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    const listed = this.view.listSegments();
    const { damaged } = this.snapshots.loadInto(listed);
    this.view.foldNew(listed);
    await this.repairTail();
    if (damaged || this.view.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2000))
      await this.snapshots.save();
  }

  // ---- the port: reading ----

  async query(query: ExecutionQuery): Promise<ExecutionRecord[]> {
    const { index } = this.view;
    const found = index.query(toIndexQuery(index, query, this.storedUser(query.user)));
    return this.view.readRecords(found.map((e) => ({ id: index.idOf(e), loc: index.latest(e) })));
  }

  async count(query: ExecutionQuery): Promise<number> {
    const { index } = this.view;
    const q = toIndexQuery(index, query, this.storedUser(query.user));
    return index.query({ ...q, limit: Number.MAX_SAFE_INTEGER }).length;
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    return this.getNow(id);
  }

  async records(id: string): Promise<ExecutionRecord[]> {
    const e = this.view.index.lookup(id);
    if (e < 0) return [];
    return this.view.readRecords(this.view.index.all(e).map((loc) => ({ id, loc })));
  }

  async *scan(options: ScanOptions = {}): AsyncGenerator<ExecutionRecord> {
    yield* this.view.scan(options.afterSeq ?? 0);
  }

  async *scanBatches(options: ScanOptions = {}): AsyncGenerator<readonly ExecutionRecord[]> {
    yield* this.view.scanBatches(options.afterSeq ?? 0);
  }

  async refresh(): Promise<void> {
    await this.vault.refreshIfChanged();
    const listed = this.view.listSegments();
    // Segments rewritten or removed (a retention purge by another process): start over.
    if (this.view.rewritten(listed)) await this.reload();
    else this.view.foldNew(listed);
  }

  head(): ChainHead | null {
    const last = this.view.headRecord;
    if (last && this.base) return this.base.seq > last.seq ? this.base : last;
    return last ?? this.base;
  }

  recordCount(): number {
    return this.view.recordTotal;
  }

  resolveUser(stored: string): string {
    return this.vault.resolve(stored);
  }

  skippedCount(): number {
    return this.view.skipped;
  }

  segmentNames(): string[] {
    return this.view.segs.map((s) => s.name.name);
  }

  quarantined(): string[] {
    return [...this.moved];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    if (this.view.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2000)) await this.snapshots.save();
    this.closeFds();
  }

  // ---- the port: appending ----

  append(input: ExecutionInput): Promise<ExecutionRecord> {
    return this.queue.push(input) as Promise<ExecutionRecord>;
  }

  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return this.queue.push(input, when);
  }

  /**
   * Group commit: the appends waiting together are written in order under one lock and made durable by one
   * fdatasync (`file-journal/append-batch.ts`); each is acknowledged only after that sync.
   */
  private async commit(batch: PendingAppend[]): Promise<void> {
    const ready: (PendingAppend & { stored: ExecutionInput })[] = [];
    for (const p of batch) {
      try {
        ready.push({ ...p, stored: await this.prepare(p.input) });
      } catch (err) {
        p.reject(err);
      }
    }
    if (ready.length === 0) return;
    // Catch up without the lock first, so the work done while holding it stays tiny.
    this.catchUpActive();
    for (let attempt = 0; ; attempt++) {
      const release = await this.lock.forAppend(this.view.segs.length === 0);
      let reload = false;
      try {
        reload = this.syncUnderLock() === 'reload' && attempt < 3;
        if (!reload) {
          const results = await appendBatch(this.view, this.rollover, this.head(), ready, (id) =>
            this.getNow(id),
          );
          ready.forEach((p, i) => p.resolve(results[i] ?? null));
          return;
        }
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        throw unavailable(`cannot append to the execution journal: ${(err as Error).message}`, err);
      } finally {
        release();
      }
      // The files were rewritten under us (a retention purge): rebuild the view without holding the lock.
      await this.reload();
    }
  }

  /** An append checked and in stored form (pseudonyms); refused once the journal is closed. */
  private async prepare(input: ExecutionInput): Promise<ExecutionInput> {
    if (this.closed) throw new OpsledgerError('INTERNAL', 'the journal is closed');
    assertExecutionInput(input);
    try {
      return await pseudonymizeInput(this.vault, input);
    } catch (err) {
      throw unavailable(`cannot record the initiator in the pseudonym vault: ${(err as Error).message}`, err);
    }
  }

  private getNow(id: string): ExecutionRecord | null {
    const e = this.view.index.lookup(id);
    if (e < 0) return null;
    return this.view.readRecords([{ id, loc: this.view.index.latest(e) }])[0] ?? null;
  }

  /** Forget everything and read the journal again (after segments were rewritten or removed). */
  private async reload(): Promise<void> {
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    this.view.foldNew(this.view.listSegments());
  }

  private reset(): void {
    this.rollover.close();
    this.lock.close();
    this.view.reset();
  }

  /** Fold complete lines other processes appended to the active segment (no lock: only whole lines count). */
  private catchUpActive(): void {
    const last = this.view.segs.length - 1;
    const size = this.rollover.lastSize();
    if (size !== null && size > this.view.segs[last]!.bytes) this.view.foldSegment(last, size);
  }

  /**
   * With the lock held: make the in-memory view the journal's true end. Fold what others appended (a new segment
   * shows as the active one being sealed), and quarantine a torn tail a crashed writer left.
   */
  private syncUnderLock(): 'ok' | 'reload' {
    const check = this.rollover.check();
    if (check !== 'unknown') return check === 'current' ? 'ok' : 'reload';
    const listed = this.view.listSegments();
    if (this.view.rewritten(listed)) return 'reload';
    this.view.foldNew(listed);
    this.quarantineTail();
    return 'ok';
  }

  /** At open: the incomplete bytes after the last newline are moved aside under the lock (never fatal; reported). */
  private async repairTail(): Promise<void> {
    const last = this.view.segs[this.view.segs.length - 1];
    if (!last) return;
    const size = statSync(this.view.fileOf(this.view.segs.length - 1), { throwIfNoEntry: false })?.size ?? 0;
    if (size === last.bytes || size === 0) return;
    const release = await this.lock.forRepair();
    if (release instanceof Error) {
      this.warn(
        `journal: the last line of ${last.name.name} is incomplete and could not be moved to quarantine (${release.message}); it is ignored`,
      );
      return;
    }
    try {
      this.catchUpActive();
      this.quarantineTail();
    } catch (err) {
      this.warn(`journal: cannot quarantine the torn tail of ${last.name.name}: ${(err as Error).message}`);
    } finally {
      release();
    }
  }

  private quarantineTail(): void {
    const moved = quarantineTornTail(this.view, this.now(), (m) => this.warn(m));
    if (moved) this.moved.push(moved);
  }

  private storedUser(user: string | undefined): string | null | undefined {
    if (user === undefined) return undefined;
    if (PSEUDONYM.test(user)) return user;
    return this.vault.lookup(user) ?? (this.view.index.users.code(user) >= 0 ? user : null);
  }

  private closeFds(): void {
    this.rollover.close();
    this.view.closeReaders();
    this.lock.close();
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

function unavailable(message: string, cause: unknown): OpsledgerError {
  return new OpsledgerError('JOURNAL_UNAVAILABLE', message, { cause });
}
