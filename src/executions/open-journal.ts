import {
  closeSync,
  fchmodSync,
  fdatasync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { fsyncDir } from '../state/durable-write.js';
import { FileLockError, type ReleaseLock } from '../state/file-lock.js';
import { FileFlock } from '../state/flock.js';
import { openState } from '../state/open-state.js';
import { PSEUDONYM, openPseudonymVault, type PseudonymVault } from '../state/pseudonym-vault.js';
import { RETENTION_COLLECTION, chainBase, emptyRetention } from '../state/retention-state.js';
import { assertExecutionInput } from './check-execution-input.js';
import { loadSnapshot, saveSnapshot, snapshotMatches, snapshotPath } from './index-snapshot.js';
import { JournalIndex, toIndexQuery, type RecordLocation } from './journal-index.js';
import { journalPaths } from './journal-paths.js';
import { parseJournalLine, summarize } from './parse-journal-line.js';
import { quarantineTail } from './quarantine-tail.js';
import { GENESIS_HASH, sealRecord, sealedBytesMatch } from './record-hash.js';
import { iterateLines, scanLines } from './scan-lines.js';
import { needsRollover, nextSegmentName, sortSegments, type SegmentName } from './segment-names.js';
import type { ChainHead, ExecutionInput, ExecutionQuery, ExecutionRecord, Journal } from './types.js';

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

/** The file journal: the `Journal` port plus what the CLI and the benchmarks want to know about it. */
export interface FileJournal extends Journal {
  readonly dir: string;
  /** Records folded into the index (every line of every segment that parsed). */
  recordCount(): number;
  /** Lines that did not parse as records (verify names them). */
  skippedCount(): number;
  segmentNames(): string[];
  /** Lines moved to quarantine by this process. */
  quarantined(): string[];
  /** How many executions match a query (its limit ignored), without reading their records. */
  count(query: ExecutionQuery): number;
  /**
   * Append only when `when` holds for the latest record of the input's execution, judged under the lock with the
   * view current (closing an abandoned run must not race its recorder); null when it did not hold.
   */
  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null>;
}

interface KnownSegment {
  name: SegmentName;
  bytes: number;
  ino: number;
  last: (RecordLocation & { hash: string }) | null;
}

const SEALED_MODE = 0o400;
const ACTIVE_MODE = 0o600;

/**
 * Open the execution journal of a data dir: JSON Lines segments under `<dataDir>/executions/`, hash-chained,
 * appended under an inter-process lock with fsync before acknowledging, indexed in memory from a derived snapshot plus
 * the lines appended since. Nothing is created until the first append.
 */
export async function openJournal(options: OpenJournalOptions): Promise<FileJournal> {
  const journal = new JournalFile(options);
  await journal.load();
  return journal;
}

/** fdatasync on the thread pool: the event loop goes on (timers, other runs) while a batch is made durable. */
const fdatasyncAsync = promisify(fdatasync);

/** Appends written together under one lock and one fdatasync at most (group commit). */
const MAX_BATCH = 256;

interface PendingAppend {
  input: ExecutionInput;
  when?: (latest: ExecutionRecord | null) => boolean;
  resolve: (record: ExecutionRecord | null) => void;
  reject: (err: unknown) => void;
}

class JournalFile implements FileJournal {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly flock: FileFlock;
  private readonly snapshotFile: string;
  private readonly state;
  private vault!: PseudonymVault;
  private index = new JournalIndex();
  private segs: KnownSegment[] = [];
  private headRecord: ChainHead | null = null;
  private base: ChainHead | null = null;
  private recordTotal = 0;
  private skipped = 0;
  private foldedSinceSnapshot = 0;
  private readFds = new Map<number, number>();
  /** Parsed records by `segment:offset` (a line never changes in place; a reload starts over). */
  private recordCache = new Map<string, ExecutionRecord>();
  private appendFd: { seg: number; fd: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: PendingAppend[] = [];
  private moved: string[] = [];
  private closed = false;

  constructor(private readonly options: OpenJournalOptions) {
    const paths = journalPaths(options.dataDir);
    this.dir = paths.dir;
    this.now = options.now ?? (() => new Date());
    this.flock = new FileFlock(paths.lockFile, 'the execution journal');
    this.snapshotFile = snapshotPath(this.dir);
    this.state = openState(options.dataDir, { lockTimeoutMs: options.lockTimeoutMs });
  }

  async load(): Promise<void> {
    this.vault = await openPseudonymVault(this.state, { now: this.now });
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    const listed = this.listSegments();
    let damaged = false;
    const snap = loadSnapshot(this.snapshotFile, (reason) => {
      damaged = true;
      this.warn(
        `journal: the index snapshot executions/index/journal-index.bin is not usable (${reason}); it is not trusted and is rebuilt from the segments`,
      );
    });
    if (snap && snapshotMatches(this.dir, snap.meta.segments, listed)) {
      this.index = snap.index;
      this.segs = snap.meta.segments.map((s) => ({
        name: listed.find((l) => l.name === s.name)!,
        bytes: s.bytes,
        ino: s.ino,
        last: s.last,
      }));
      this.headRecord = snap.meta.head;
      this.recordTotal = snap.meta.records;
      this.skipped = snap.meta.skipped;
    }
    this.foldNew(listed);
    await this.repairTail();
    if (damaged || this.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2000))
      await this.saveSnapshot();
  }

  // ---- the port ----

  append(input: ExecutionInput): Promise<ExecutionRecord> {
    return this.enqueue(input) as Promise<ExecutionRecord>;
  }

  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return this.enqueue(input, when);
  }

  query(query: ExecutionQuery): ExecutionRecord[] {
    const stored = query.user === undefined ? undefined : this.storedUser(query.user);
    const found = this.index.query(toIndexQuery(this.index, query, stored));
    return this.readRecords(found.map((e) => ({ id: this.index.idOf(e), loc: this.index.latest(e) })));
  }

  count(query: ExecutionQuery): number {
    const stored = query.user === undefined ? undefined : this.storedUser(query.user);
    return this.index.query({ ...toIndexQuery(this.index, query, stored), limit: Number.MAX_SAFE_INTEGER })
      .length;
  }

  get(id: string): ExecutionRecord | null {
    const e = this.index.lookup(id);
    if (e < 0) return null;
    return this.readRecords([{ id, loc: this.index.latest(e) }])[0] ?? null;
  }

  records(id: string): ExecutionRecord[] {
    const e = this.index.lookup(id);
    if (e < 0) return [];
    return this.readRecords(this.index.all(e).map((loc) => ({ id, loc })));
  }

  async refresh(): Promise<void> {
    await this.vault.refreshIfChanged();
    const listed = this.listSegments();
    const same = this.segs.every((s, i) => {
      const l = listed[i];
      if (!l || l.name !== s.name.name) return false;
      try {
        return statSync(path.join(this.dir, s.name.name)).ino === s.ino;
      } catch {
        return false;
      }
    });
    // Segments rewritten or removed (a retention purge by another process): start over.
    if (!same) await this.reload();
    else this.foldNew(listed);
  }

  head(): ChainHead | null {
    if (this.headRecord && this.base)
      return this.base.seq > this.headRecord.seq ? this.base : this.headRecord;
    return this.headRecord ?? this.base;
  }

  *scan(): Iterable<ExecutionRecord> {
    const segs = this.segs.map((s, i) => ({ i, bytes: s.bytes }));
    for (const { i, bytes } of segs) {
      for (const { line } of iterateLines(this.readFd(i), 0, bytes)) {
        const parsed = parseJournalLine(line);
        if (parsed) yield parsed.record;
      }
    }
  }

  resolveUser(stored: string): string {
    return this.vault.resolve(stored);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    if (this.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2000)) await this.saveSnapshot();
    this.closeFds();
  }

  recordCount(): number {
    return this.recordTotal;
  }

  skippedCount(): number {
    return this.skipped;
  }

  segmentNames(): string[] {
    return this.segs.map((s) => s.name.name);
  }

  quarantined(): string[] {
    return [...this.moved];
  }

  // ---- appending ----

  /**
   * Appends are queued and written in batches (group commit): every append waiting when the writer comes round is
   * written under one lock and made durable by one fdatasync, then all are acknowledged. A record is still only
   * acknowledged once it is on disk; a batch that cannot be written is taken back whole and every append in it fails.
   */
  private enqueue(
    input: ExecutionInput,
    when?: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, when, resolve, reject });
      this.queue = this.queue.then(() => this.drain()).catch(() => undefined);
    });
  }

  /** Write the appends waiting now as one batch (a later drain finds nothing left and returns at once). */
  private async drain(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    const ready: (PendingAppend & { stored: ExecutionInput })[] = [];
    for (const p of batch) {
      try {
        if (this.closed) throw new OpsledgerError('INTERNAL', 'the journal is closed');
        assertExecutionInput(p.input);
        let stored: ExecutionInput;
        try {
          stored = this.isStored(p.input) ? p.input : await this.pseudonymize(p.input);
        } catch (err) {
          throw unavailable(
            `cannot record the initiator in the pseudonym vault: ${(err as Error).message}`,
            err,
          );
        }
        ready.push({ ...p, stored });
      } catch (err) {
        p.reject(err);
      }
    }
    if (ready.length === 0) return;
    try {
      // Catch up without the lock first, so the work done while holding it stays tiny.
      this.catchUpActive();
      for (let attempt = 0; ; attempt++) {
        const release = await this.lock();
        let reload = false;
        try {
          reload = this.syncUnderLock() === 'reload' && attempt < 3;
          if (!reload) {
            const results = await this.writeBatch(ready);
            ready.forEach((p, i) => p.resolve(results[i] ?? null));
            return;
          }
        } finally {
          release();
        }
        // The files were rewritten under us (a retention purge): rebuild the view without holding the lock.
        await this.reload();
      }
    } catch (err) {
      const failure =
        err instanceof OpsledgerError
          ? err
          : unavailable(`cannot append to the execution journal: ${(err as Error).message}`, err);
      for (const p of ready) p.reject(failure);
    }
  }

  private async lock(): Promise<ReleaseLock> {
    try {
      if (this.segs.length === 0) this.ensureDir();
      return await this.flock.acquire({ timeoutMs: this.options.lockTimeoutMs ?? 10_000 });
    } catch (err) {
      if (err instanceof FileLockError && err.reason === 'locked') {
        throw new OpsledgerError('JOURNAL_LOCKED', `the execution journal is locked: ${err.message}`, {
          cause: err,
        });
      }
      throw unavailable(`cannot lock the execution journal in ${this.dir}: ${(err as Error).message}`, err);
    }
  }

  /**
   * With the lock held and the view current: chain and write one line per append whose condition holds (judged
   * against the journal and the earlier records of the batch), one fdatasync for all, then index them.
   */
  private async writeBatch(
    batch: readonly { stored: ExecutionInput; when?: PendingAppend['when'] }[],
  ): Promise<(ExecutionRecord | null)[]> {
    const seg = this.activeSegment();
    const { fd } = this.appendFd!;
    const known = this.segs[seg]!;
    const start = known.bytes;
    let head = this.head() ?? { seq: 0, hash: GENESIS_HASH };
    let offset = start;
    const inBatch = new Map<string, ExecutionRecord>();
    const written: { record: ExecutionRecord; offset: number; length: number }[] = [];
    const results: (ExecutionRecord | null)[] = [];
    try {
      for (const { stored, when } of batch) {
        if (when && !when(inBatch.get(stored.id) ?? this.get(stored.id))) {
          results.push(null);
          continue;
        }
        const { record, line } = sealRecord(stored, head);
        const bytes = Buffer.from(line, 'utf8');
        let done = 0;
        while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
        written.push({ record, offset, length: bytes.length });
        inBatch.set(record.id, record);
        results.push(record);
        head = { seq: record.seq, hash: record.hash };
        offset += bytes.length;
      }
      // Counted as ours before the sync, so a refresh meanwhile never folds them as another writer's lines.
      known.bytes = offset;
      if (written.length > 0) await fdatasyncAsync(fd);
    } catch (err) {
      // Take back the batch so the journal stays whole; none of it was acknowledged.
      known.bytes = start;
      try {
        ftruncateSync(fd, start);
      } catch {
        // The next open quarantines what is left.
      }
      throw unavailable(`cannot write the execution journal: ${(err as Error).message}`, err);
    }
    for (const w of written) {
      const loc = { segment: seg, offset: w.offset, length: w.length - 1 };
      this.index.add(summarize(w.record), loc);
      known.bytes = w.offset + w.length;
      known.last = { ...loc, hash: w.record.hash };
      this.headRecord = { seq: w.record.seq, hash: w.record.hash };
      this.recordTotal++;
      this.foldedSinceSnapshot++;
    }
    return results;
  }

  /** Forget everything and read the journal again (after segments were rewritten or removed). */
  private async reload(): Promise<void> {
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    this.foldNew(this.listSegments());
  }

  /** Whether the initiator is already in stored form (pseudonyms), as the recorder's end records are. */
  private isStored(input: ExecutionInput): boolean {
    const { user, os_user: osUser } = input.initiator;
    return (
      PSEUDONYM.test(user) &&
      (osUser === undefined || PSEUDONYM.test(osUser)) &&
      (input.steps ?? []).every((s) => !s.decided_by || PSEUDONYM.test(s.decided_by.user)) &&
      (!input.cancel_requested || PSEUDONYM.test(input.cancel_requested.user))
    );
  }

  private async pseudonymize(input: ExecutionInput): Promise<ExecutionInput> {
    const { user, os_user: osUser } = input.initiator;
    // An erasure by another process must not be undone by a stale cache.
    await this.vault.refreshIfChanged();
    const initiator = { ...input.initiator };
    if (!PSEUDONYM.test(user)) initiator.user = await this.vault.pseudonymize(user);
    if (osUser !== undefined && !PSEUDONYM.test(osUser)) {
      const email = PSEUDONYM.test(user) ? this.vault.resolve(user) : user;
      initiator.os_user = await this.vault.pseudonymize(osUser, { kind: 'os_user', linkedTo: email });
    }
    // Who confirmed or rejected a runbook step is a person too (docs/runbooks.md).
    const steps = input.steps
      ? await Promise.all(
          input.steps.map(async (step) =>
            step.decided_by && !PSEUDONYM.test(step.decided_by.user)
              ? {
                  ...step,
                  decided_by: {
                    ...step.decided_by,
                    user: await this.vault.pseudonymize(step.decided_by.user),
                  },
                }
              : step,
          ),
        )
      : undefined;
    const cancel = input.cancel_requested;
    const cancelRequested =
      cancel && !PSEUDONYM.test(cancel.user)
        ? { cancel_requested: { ...cancel, user: await this.vault.pseudonymize(cancel.user) } }
        : {};
    return { ...input, initiator, ...(steps ? { steps } : {}), ...cancelRequested };
  }

  /** Fold complete lines other processes appended to the active segment (no lock: only whole lines count). */
  private catchUpActive(): void {
    const last = this.segs.length - 1;
    if (last < 0) return;
    const st =
      this.appendFd?.seg === last
        ? fstatSync(this.appendFd.fd)
        : statSync(path.join(this.dir, this.segs[last]!.name.name), { throwIfNoEntry: false });
    if (st && st.size > this.segs[last]!.bytes) this.foldSegment(last, st.size);
  }

  /**
   * With the lock held: make the in-memory view the journal's true end. Fold what others appended (a new segment
   * shows as the active one being sealed), and quarantine a torn tail a crashed writer left.
   */
  private syncUnderLock(): 'ok' | 'reload' {
    const last = this.segs.length - 1;
    if (this.appendFd && this.appendFd.seg === last) {
      // The common case costs one fstat: same file, not sealed, nobody appended since we looked.
      const st = fstatSync(this.appendFd.fd);
      const known = this.segs[last]!;
      if (st.nlink !== 0 && (st.mode & 0o200) !== 0 && st.size === known.bytes) return 'ok';
      if (st.nlink === 0) return 'reload';
    }
    const listed = this.listSegments();
    const changed = this.segs.some((s, i) => {
      if (listed[i]?.name !== s.name.name) return true;
      try {
        return statSync(path.join(this.dir, s.name.name)).ino !== s.ino;
      } catch {
        return true;
      }
    });
    if (changed) return 'reload';
    this.foldNew(listed);
    this.quarantineTail();
    return 'ok';
  }

  /** The segment to append to, opened for appending: the last one, or a new one when it is sealed, full or old. */
  private activeSegment(): number {
    let last = this.segs.length - 1;
    if (last >= 0 && (!this.appendFd || this.appendFd.seg !== last)) {
      this.closeAppendFd();
      const file = path.join(this.dir, this.segs[last]!.name.name);
      const st = statSync(file);
      if ((st.mode & 0o200) !== 0) this.appendFd = { seg: last, fd: openSync(file, 'a') };
    }
    const active = last >= 0 ? this.segs[last]! : null;
    const full =
      active !== null &&
      needsRollover(active.name, active.bytes, this.now(), this.options.maxSegmentBytes ?? 64 * 1024 * 1024);
    if (active && this.appendFd && !full) return last;
    if (active && this.appendFd) {
      // Seal first: another writer that still has it open sees the mode change and looks for the new segment.
      fchmodSync(this.appendFd.fd, SEALED_MODE);
      fsyncSync(this.appendFd.fd);
      this.closeAppendFd();
    }
    const name = nextSegmentName(active?.name ?? null, this.now());
    const file = path.join(this.dir, name);
    const fd = openSync(file, 'ax', ACTIVE_MODE);
    fsyncDir(this.dir);
    const parsed = sortSegments([name])[0]!;
    this.segs.push({ name: parsed, bytes: 0, ino: fstatSync(fd).ino, last: null });
    last = this.segs.length - 1;
    this.appendFd = { seg: last, fd };
    return last;
  }

  /** Create `executions/` (and make its entry in the data dir durable). */
  private ensureDir(): void {
    mkdirSync(this.options.dataDir, { recursive: true });
    try {
      statSync(this.dir);
    } catch {
      mkdirSync(this.dir, { mode: 0o700 });
      fsyncDir(this.options.dataDir);
    }
  }

  // ---- reading ----

  private reset(): void {
    this.closeFds();
    this.recordCache.clear();
    this.index = new JournalIndex();
    this.segs = [];
    this.headRecord = null;
    this.recordTotal = 0;
    this.skipped = 0;
    this.foldedSinceSnapshot = 0;
  }

  private listSegments(): SegmentName[] {
    try {
      return sortSegments(readdirSync(this.dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw unavailable(`cannot read ${this.dir}: ${(err as Error).message}`, err);
    }
  }

  /** Fold every segment of the listing past what is known (new bytes of known ones, then new ones). */
  private foldNew(listed: SegmentName[]): void {
    for (let i = 0; i < listed.length; i++) {
      const l = listed[i]!;
      let known = this.segs[i];
      if (!known) {
        let ino = 0;
        try {
          ino = statSync(path.join(this.dir, l.name)).ino;
        } catch {
          continue;
        }
        known = { name: l, bytes: 0, ino, last: null };
        this.segs.push(known);
      } else if (known.name.name !== l.name) {
        continue;
      }
      let size: number;
      try {
        size = statSync(path.join(this.dir, l.name)).size;
      } catch {
        continue;
      }
      if (size > known.bytes) this.foldSegment(i, size);
    }
  }

  /** Fold the complete lines of one segment from what is known up to `size`. */
  private foldSegment(seg: number, size: number): void {
    const known = this.segs[seg]!;
    const fd = this.readFd(seg);
    known.bytes = scanLines(fd, known.bytes, size, (line, offset) => {
      const parsed = parseJournalLine(line);
      if (!parsed) {
        // A complete line was acknowledged once (appends fsync it with its newline): it stays where it is, and
        // `verify` names it. Only the bytes after the last newline are ever moved (docs/executions.md).
        this.skipped++;
        return;
      }
      const loc = { segment: seg, offset, length: line.length };
      this.index.add(parsed.summary, loc);
      known.last = { ...loc, hash: parsed.summary.hash };
      this.headRecord = { seq: parsed.summary.seq, hash: parsed.summary.hash };
      this.recordTotal++;
      this.foldedSinceSnapshot++;
    });
  }

  /** At open: the incomplete bytes after the last newline are moved aside under the lock (never fatal; reported). */
  private async repairTail(): Promise<void> {
    const last = this.segs[this.segs.length - 1];
    if (!last) return;
    let size = 0;
    try {
      size = statSync(path.join(this.dir, last.name.name)).size;
    } catch {
      return;
    }
    if (size === last.bytes) return;
    let release: ReleaseLock;
    try {
      release = await this.flock.acquire({ timeoutMs: this.options.lockTimeoutMs ?? 10_000 });
    } catch (err) {
      this.warn(
        `journal: the last line of ${last.name.name} is incomplete and could not be moved to quarantine (${(err as Error).message}); it is ignored`,
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

  /**
   * With the lock held: move the bytes after the last newline (an append that never finished, so was never
   * acknowledged) into quarantine/ and cut them off the segment. Complete lines are never moved.
   */
  private quarantineTail(): void {
    const last = this.segs[this.segs.length - 1];
    if (!last) return;
    const from = last.bytes;
    const moved = quarantineTail(this.dir, last.name.name, from, this.now());
    if (!moved) return;
    this.moved.push(moved.file);
    this.warn(
      `journal: moved ${moved.bytes} bytes after the last complete line of ${last.name.name} (offset ${from}) to executions/${moved.file}: ${describeTorn(moved.content)}`,
    );
  }

  private readRecords(items: { id: string; loc: RecordLocation }[]): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    const capacity = this.options.recordCache ?? 0;
    for (const { id, loc } of items) {
      const place = capacity > 0 ? `${loc.segment}:${loc.offset}` : '';
      const cached = capacity > 0 ? this.recordCache.get(place) : undefined;
      if (cached && cached.id === id) {
        out.push(cached);
        continue;
      }
      const buf = Buffer.alloc(loc.length);
      let ok = false;
      try {
        readSync(this.readFd(loc.segment), buf, 0, loc.length, loc.offset);
        const parsed = parseJournalLine(buf);
        if (parsed && parsed.record.id === id) {
          out.push(parsed.record);
          if (capacity > 0) this.remember(place, parsed.record, capacity);
          ok = true;
        }
      } catch {
        ok = false;
      }
      if (!ok) {
        this.warn(`journal: the record of ${id} is no longer where the index says; run \`opsledger verify\``);
      }
    }
    return out;
  }

  private remember(place: string, record: ExecutionRecord, capacity: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.recordCache.size >= capacity) {
      const oldest = this.recordCache.keys().next().value;
      if (oldest !== undefined) this.recordCache.delete(oldest);
    }
    this.recordCache.set(place, record);
  }

  private readFd(seg: number): number {
    let fd = this.readFds.get(seg);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, this.segs[seg]!.name.name), 'r');
      this.readFds.set(seg, fd);
    }
    return fd;
  }

  private storedUser(user: string): string | null {
    if (PSEUDONYM.test(user)) return user;
    return this.vault.lookup(user) ?? (this.index.users.code(user) >= 0 ? user : null);
  }

  private async saveSnapshot(): Promise<void> {
    try {
      await saveSnapshot(this.snapshotFile, this.index, {
        segments: this.segs.map((s) => ({ name: s.name.name, bytes: s.bytes, ino: s.ino, last: s.last })),
        head: this.headRecord,
        records: this.recordTotal,
        skipped: this.skipped,
      });
      this.foldedSinceSnapshot = 0;
    } catch {
      // A read-only data dir just means the next open folds the lines again.
    }
  }

  private closeAppendFd(): void {
    if (this.appendFd) closeSync(this.appendFd.fd);
    this.appendFd = null;
  }

  private closeFds(): void {
    this.closeAppendFd();
    for (const fd of this.readFds.values()) closeSync(fd);
    this.readFds.clear();
    this.flock.close();
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

/** What the moved bytes were, for the warning: a record lacking only its newline is named by its seq. */
function describeTorn(bytes: Buffer): string {
  const parsed = parseJournalLine(bytes);
  if (!parsed)
    return 'an unfinished line, a writer probably crashed mid-append; no acknowledged record is affected';
  const { seq, hash } = parsed.record;
  return sealedBytesMatch(bytes.toString('utf8'), hash)
    ? `a whole record (seq ${seq}) without its newline, so its append was never acknowledged`
    : `a whole record (seq ${seq}) without its newline that does not match its own hash: an edit, not a crash; run \`opsledger verify\``;
}

function unavailable(message: string, cause: unknown): OpsledgerError {
  return new OpsledgerError('JOURNAL_UNAVAILABLE', message, { cause });
}
