import { OpsledgerError } from '../../errors/opsledger-error.js';
import { PSEUDONYM, type PseudonymVault } from '../../state/pseudonym-vault.js';
import { assertExecutionInput } from '../check-execution-input.js';
import { parseJournalLine } from '../parse-journal-line.js';
import { pseudonymizeInput } from '../pseudonymize-input.js';
import type {
  ChainHead,
  ExecutionInput,
  ExecutionQuery,
  ExecutionRecord,
  Journal,
  ScanOptions,
} from '../types.js';
import { assertSchemaCurrent } from './migrate.js';
import { appendBatch, type PendingAppend } from './pg-append.js';
import { createPool, databaseError, queryRetried, type Pool } from './pg-pool.js';
import { countSql, selectSql } from './pg-queries.js';
import { readHead, streamRows } from './pg-rows.js';
import { openPgVault } from './pg-vault.js';

export interface OpenPostgresJournalOptions {
  /** `postgres://…` (docs/postgres.md). */
  url: string;
  now?: () => Date;
  onWarning?: (message: string) => void;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** Appends queued in this process go in one transaction, up to this many (default 64). */
  maxBatch?: number;
}

/** The PostgreSQL journal: the `Journal` port plus its pool and vault (for `db`, `anonymize`, `journal copy`). */
export interface PostgresJournal extends Journal {
  readonly backend: 'postgres';
  readonly url: string;
  readonly pool: Pool;
  readonly vault: PseudonymVault;
}

/**
 * Open the journal in a PostgreSQL database: checks the schema version first (SCHEMA_NOT_MIGRATED / SCHEMA_TOO_NEW
 * with a hint), then reads the vault and the head. Appends queued in this process are committed in batches.
 */
export async function openPostgresJournal(options: OpenPostgresJournalOptions): Promise<PostgresJournal> {
  const pool = createPool(options.url, options.poolSize ?? 4);
  try {
    await assertSchemaCurrent(pool);
    const vault = await openPgVault(pool, options.now);
    const journal = new PgJournal(options, pool, vault);
    await journal.refresh();
    return journal;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw databaseError(options.url, err);
  }
}

class PgJournal implements PostgresJournal {
  readonly backend = 'postgres';
  readonly url: string;
  private headNow: ChainHead | null = null;
  private base = 0;
  private pending: (PendingAppend & {
    resolve: (r: ExecutionRecord | null) => void;
    reject: (e: unknown) => void;
  })[] = [];
  private draining: Promise<void> | null = null;
  private drainRunning = false;
  private closed = false;

  constructor(
    private readonly options: OpenPostgresJournalOptions,
    readonly pool: Pool,
    readonly vault: PseudonymVault,
  ) {
    this.url = options.url;
  }

  append(input: ExecutionInput): Promise<ExecutionRecord> {
    return this.enqueue(input) as Promise<ExecutionRecord>;
  }

  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return this.enqueue(input, when);
  }

  async query(query: ExecutionQuery): Promise<ExecutionRecord[]> {
    const res = await this.run(selectSql(query, this.storedUser(query.user)));
    return res.rows.map((r) => parse(r.body as string));
  }

  async count(query: ExecutionQuery): Promise<number> {
    const res = await this.run(countSql(query, this.storedUser(query.user)));
    return Number(res.rows[0]?.n ?? 0);
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    const res = await this.run({
      text: 'SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos WHERE l.id = $1',
      values: [id],
    });
    const body = res.rows[0]?.body as string | undefined;
    return body === undefined ? null : parse(body);
  }

  async records(id: string): Promise<ExecutionRecord[]> {
    const res = await this.run({
      text: 'SELECT body FROM journal_records WHERE id = $1 ORDER BY seq, pos',
      values: [id],
    });
    return res.rows.map((r) => parse(r.body as string));
  }

  async *scan(options: ScanOptions = {}): AsyncGenerator<ExecutionRecord> {
    for await (const row of streamRows(this.pool, 5000, options.afterSeq ?? 0)) {
      const parsed = parseJournalLine(Buffer.from(row.body));
      if (parsed) yield parsed.record;
    }
  }

  async refresh(): Promise<void> {
    try {
      await this.vault.refreshIfChanged();
      const { head, base } = await readHead(this.pool);
      this.headNow = head;
      this.base = base;
    } catch (err) {
      throw databaseError(this.url, err);
    }
  }

  head(): ChainHead | null {
    return this.headNow;
  }

  recordCount(): number {
    return Math.max(0, (this.headNow?.seq ?? 0) - this.base);
  }

  resolveUser(stored: string): string {
    return this.vault.resolve(stored);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    await this.pool.end();
  }

  private enqueue(
    input: ExecutionInput,
    when?: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    if (this.closed) return Promise.reject(new OpsledgerError('INTERNAL', 'the journal is closed'));
    return new Promise((resolve, reject) => {
      try {
        assertExecutionInput(input);
      } catch (err) {
        reject(err);
        return;
      }
      this.pending.push({ stored: input, ...(when ? { when } : {}), resolve, reject });
      if (!this.drainRunning) {
        this.drainRunning = true;
        this.draining = this.drain();
      }
    });
  }

  /** Commit what is queued, a batch per transaction, in queue order (so one process's appends keep their order). */
  private async drain(): Promise<void> {
    for (;;) {
      // The flag drops in the same tick the queue is seen empty: an append enqueued after that starts a new drain.
      if (this.pending.length === 0) {
        this.drainRunning = false;
        return;
      }
      const batch = this.pending.splice(0, this.options.maxBatch ?? 64);
      try {
        for (const item of batch) item.stored = await pseudonymizeInput(this.vault, item.stored);
        const { results, head } = await appendBatch(this.pool, batch);
        if (head && head.seq > (this.headNow?.seq ?? 0)) this.headNow = head;
        batch.forEach((item, i) => item.resolve(results[i] ?? null));
      } catch (err) {
        const error =
          err instanceof OpsledgerError
            ? err
            : new OpsledgerError(
                'JOURNAL_UNAVAILABLE',
                `cannot append to the PostgreSQL journal: ${(err as Error).message}`,
                { cause: err, hint: 'Check that PostgreSQL is up and reachable, then retry.' },
              );
        for (const item of batch) item.reject(error);
      }
    }
  }

  private async run(q: { text: string; values: unknown[] }) {
    try {
      // Every query here reads.
      return await queryRetried<Record<string, unknown>>(this.pool, q.text, q.values);
    } catch (err) {
      throw databaseError(this.url, err);
    }
  }

  private storedUser(user: string | undefined): string | undefined {
    if (user === undefined) return undefined;
    return PSEUDONYM.test(user) ? user : (this.vault.lookup(user) ?? user);
  }
}

function parse(body: string): ExecutionRecord {
  return JSON.parse(body) as ExecutionRecord;
}
