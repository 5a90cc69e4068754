import { closeSync, fstatSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { openState } from '../state/open-state.js';
import { openPseudonymVault, type PseudonymVault } from '../state/pseudonym-vault.js';
import { RETENTION_COLLECTION, chainBase, emptyRetention } from '../state/retention-state.js';
import { checkpointHolds, type JournalCheckpoint } from './journal-checkpoint.js';
import { journalPaths } from './journal-paths.js';
import { openJournal } from './open-journal.js';
import { parseJournalLine } from './parse-journal-line.js';
import { RecordAtSeq } from './record-at-seq.js';
import { scanInBatches } from './scan-batches.js';
import { iterateLines } from './scan-lines.js';
import { sortSegments } from './segment-names.js';
import type {
  ChainHead,
  ExecutionInput,
  ExecutionQuery,
  ExecutionRecord,
  Journal,
  ScanOptions,
} from './types.js';

export interface TailJournalOptions {
  dataDir: string;
  /** Where a derived cache stopped: the journal up to it is known, only the records after it are read. */
  checkpoint: JournalCheckpoint;
  /** More records than this after the checkpoint: null (opening the whole journal is then as cheap). */
  maxRecords: number;
  onWarning?: (message: string) => void;
  /** Told how long opening the whole journal took, when a call needed it. */
  onOpen?: (ms: number) => void;
}

/** The file journal as of one head, read from a checkpoint on: the whole journal is opened only when a call needs it. */
export interface TailJournal extends Journal {
  /** How many records follow the checkpoint. */
  readonly tailRecords: number;
  /** Whether a call needed the whole journal (its index) and opened it. */
  opened(): boolean;
  /**
   * The seq of each execution's latest record up to the head, where the caller knows it (a report's folded runs):
   * `get` then reads that one line instead of opening the journal.
   */
  knowLatest(seqOf: (id: string) => number | undefined): void;
}

/**
 * The file journal of a data dir for a reader that already holds everything up to `checkpoint` (a report's caches:
 * docs/reports.md, *Incremental reports*): when the checkpoint holds and every byte after it is complete lines, each
 * a record continuing the chain, its head and those records are had without the journal index. Null for anything
 * else — a failed checkpoint, a torn or unparseable line, a break in the chain, too many records — and the caller
 * opens the journal (`openJournal`), which quarantines a torn tail and names what it skips. The head is the one
 * `openJournal` would report. The view stays at that head: records appended later are not served.
 */
export async function openTailJournal(options: TailJournalOptions): Promise<TailJournal | null> {
  const { dataDir, checkpoint } = options;
  try {
    if (!(await checkpointHolds(dataDir, checkpoint))) return null;
    const tail = readTail(dataDir, checkpoint, options.maxRecords);
    if (!tail) return null;
    const state = openState(dataDir);
    const base = chainBase(await state.read(RETENTION_COLLECTION, emptyRetention));
    const vault = await openPseudonymVault(state);
    return new LazyJournal(options, tail, base, vault);
  } catch {
    // Unreadable files or state: the whole open reports it (or repairs what it can).
    return null;
  }
}

/** The records after the checkpoint, or null unless they are all complete records continuing its chain. */
function readTail(dataDir: string, checkpoint: JournalCheckpoint, max: number): ExecutionRecord[] | null {
  const { dir } = journalPaths(dataDir);
  const names = sortSegments(readdirSync(dir)).map((s) => s.name);
  const first = checkpoint.segments.length - 1;
  if (first < 0 || names[first] !== checkpoint.segments[first]!.name) return null;
  const records: ExecutionRecord[] = [];
  let last: ChainHead = checkpoint;
  for (let i = first; i < names.length; i++) {
    const fd = openSync(path.join(dir, names[i]!), 'r');
    try {
      const size = fstatSync(fd).size;
      let end = i === first ? checkpoint.offset : 0;
      for (const { line, offset } of iterateLines(fd, end, size)) {
        const record = parseJournalLine(line)?.record;
        if (!record || record.seq !== last.seq + 1 || record.prev_hash !== last.hash) return null;
        if (records.push(record) > max) return null;
        last = record;
        end = offset + line.length + 1;
      }
      if (end !== size) return null;
    } finally {
      closeSync(fd);
    }
  }
  return records;
}

class LazyJournal implements TailJournal {
  readonly tailRecords: number;
  private readonly headNow: ChainHead;
  private readonly latest = new Map<string, ExecutionRecord>();
  private readonly reader: RecordAtSeq;
  private seqOf: (id: string) => number | undefined = () => undefined;
  private whole: Promise<Journal> | null = null;

  constructor(
    private readonly options: TailJournalOptions,
    private readonly tail: readonly ExecutionRecord[],
    base: ChainHead | null,
    private readonly vault: PseudonymVault,
  ) {
    const { checkpoint } = options;
    this.tailRecords = tail.length;
    for (const r of tail) this.latest.set(r.id, r);
    const last = tail.at(-1) ?? { seq: checkpoint.seq, hash: checkpoint.hash };
    const head = { seq: last.seq, hash: last.hash };
    this.headNow = base && base.seq > head.seq ? base : head;
    const segments = checkpoint.segments.map((s, i, all) => ({
      name: s.name,
      bytes: i === all.length - 1 ? checkpoint.offset : s.size,
    }));
    this.reader = new RecordAtSeq(journalPaths(options.dataDir).dir, segments, checkpoint.seq + 1);
  }

  head(): ChainHead | null {
    return this.headNow;
  }

  opened(): boolean {
    return this.whole !== null;
  }

  knowLatest(seqOf: (id: string) => number | undefined): void {
    this.seqOf = seqOf;
  }

  resolveUser(stored: string): string {
    return this.vault.resolve(stored);
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    const recent = this.latest.get(id);
    if (recent) return recent;
    const seq = this.seqOf(id);
    if (seq !== undefined && seq <= this.options.checkpoint.seq) {
      const record = this.reader.get(seq);
      if (record?.id === id) return record;
    }
    const journal = await this.open();
    const record = await journal.get(id);
    if (!record || record.seq <= this.headNow.seq) return record;
    // Appended after this view's head (by another process since): the state as of the head.
    return (await journal.records(id)).filter((r) => r.seq <= this.headNow.seq).at(-1) ?? null;
  }

  async *scan(options: ScanOptions = {}): AsyncGenerator<ExecutionRecord> {
    const after = options.afterSeq ?? 0;
    if (after >= this.options.checkpoint.seq) {
      for (const r of this.tail) if (r.seq > after) yield r;
      return;
    }
    for await (const r of (await this.open()).scan(options)) {
      if (r.seq > this.headNow.seq) return;
      yield r;
    }
  }

  async *scanBatches(options: ScanOptions = {}): AsyncGenerator<readonly ExecutionRecord[]> {
    const after = options.afterSeq ?? 0;
    if (after >= this.options.checkpoint.seq) {
      const records = this.tail.filter((r) => r.seq > after);
      if (records.length > 0) yield records;
      return;
    }
    for await (const batch of scanInBatches(await this.open(), options)) {
      const end = batch.findIndex((r) => r.seq > this.headNow.seq);
      if (end < 0) yield batch;
      else {
        if (end > 0) yield batch.slice(0, end);
        return;
      }
    }
  }

  async query(query: ExecutionQuery): Promise<ExecutionRecord[]> {
    return (await this.open()).query(query);
  }

  async count(query: ExecutionQuery): Promise<number> {
    return (await this.open()).count(query);
  }

  async records(id: string): Promise<ExecutionRecord[]> {
    return (await this.open()).records(id);
  }

  recordCount(): number {
    throw fixed('recordCount');
  }

  refresh(): Promise<void> {
    return Promise.reject(fixed('refresh'));
  }

  append(_input: ExecutionInput): Promise<ExecutionRecord> {
    return Promise.reject(fixed('append'));
  }

  appendIf(): Promise<ExecutionRecord | null> {
    return Promise.reject(fixed('appendIf'));
  }

  async close(): Promise<void> {
    this.reader.close();
    if (this.whole) await (await this.whole).close();
  }

  /** The whole journal, opened on the first call that needs its index. */
  private open(): Promise<Journal> {
    this.whole ??= (async () => {
      const started = performance.now();
      const { dataDir, onWarning } = this.options;
      const journal = await openJournal(onWarning ? { dataDir, onWarning } : { dataDir });
      this.options.onOpen?.(performance.now() - started);
      return journal;
    })();
    return this.whole;
  }
}

function fixed(method: string): OpsledgerError {
  return new OpsledgerError('INTERNAL', `${method}: a report's journal is a read-only view at one head`);
}
