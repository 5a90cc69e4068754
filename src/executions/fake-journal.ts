import { GENESIS_HASH, sealRecord } from './record-hash.js';
import { selectExecutions } from './select-executions.js';
import type {
  ChainHead,
  ExecutionInput,
  ExecutionQuery,
  ExecutionRecord,
  Journal,
  ScanOptions,
} from './types.js';

/**
 * An in-memory `Journal` for unit tests of consumers (server handlers, reports): same chaining and query semantics
 * as the file journal, no disk, no lock. `users` maps stored pseudonyms to emails for `resolveUser`.
 */
export class FakeJournal implements Journal {
  readonly all: ExecutionRecord[] = [];
  failNextAppend: Error | null = null;

  constructor(private readonly users: Record<string, string> = {}) {}

  async append(input: ExecutionInput): Promise<ExecutionRecord> {
    if (this.failNextAppend) {
      const err = this.failNextAppend;
      this.failNextAppend = null;
      throw err;
    }
    const { record } = sealRecord(input, this.head() ?? { seq: 0, hash: GENESIS_HASH });
    this.all.push(record);
    return record;
  }

  async appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return when(this.latest(input.id)) ? this.append(input) : null;
  }

  async query(query: ExecutionQuery): Promise<ExecutionRecord[]> {
    return this.select(query);
  }

  async count(query: ExecutionQuery): Promise<number> {
    return this.select({ ...query, limit: Number.MAX_SAFE_INTEGER }).length;
  }

  private select(query: ExecutionQuery): ExecutionRecord[] {
    return selectExecutions(
      this.all,
      query,
      (stored, wanted) => stored === wanted || this.resolveUser(stored) === wanted,
    );
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    return this.latest(id);
  }

  private latest(id: string): ExecutionRecord | null {
    return this.all.filter((r) => r.id === id).at(-1) ?? null;
  }

  async records(id: string): Promise<ExecutionRecord[]> {
    return this.all.filter((r) => r.id === id);
  }

  async refresh(): Promise<void> {}

  async *scan(options: ScanOptions = {}): AsyncGenerator<ExecutionRecord> {
    const after = options.afterSeq ?? 0;
    for (const r of this.all) if (r.seq > after) yield r;
  }

  recordCount(): number {
    return this.all.length;
  }

  head(): ChainHead | null {
    const last = this.all.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  resolveUser(stored: string): string {
    return this.users[stored] ?? stored;
  }

  async close(): Promise<void> {}
}
