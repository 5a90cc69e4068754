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

  query(query: ExecutionQuery): ExecutionRecord[] {
    return selectExecutions(
      this.all,
      query,
      (stored, wanted) => stored === wanted || this.resolveUser(stored) === wanted,
    );
  }

  get(id: string): ExecutionRecord | null {
    return this.records(id).at(-1) ?? null;
  }

  records(id: string): ExecutionRecord[] {
    return this.all.filter((r) => r.id === id);
  }

  async refresh(): Promise<void> {}

  *scan(options: ScanOptions = {}): Iterable<ExecutionRecord> {
    const after = options.afterSeq ?? 0;
    for (const r of this.all) if (r.seq > after) yield r;
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
