import type { ExecutionStatus, Trigger } from '../executions/types.js';
import type { RunRow } from './collect-runs.js';

/** Columns of numbers: seq, started, duration, version, planned, missed, attempt (NaN: null). */
export const NUMBER_COLUMNS = 7;
/** Columns of string references: action, status, user, trigger, targets, commit, definition status, runbook id, step, run, kind. */
export const REF_COLUMNS = 11;
/** Columns of flags: dirty, local. */
export const FLAG_COLUMNS = 2;

export type IdEncoding = 'latin1' | 'utf16le';

/** The number columns' places: column `c` of row `i` is `numbers[c * count + i]`. */
export const Num = {
  Seq: 0,
  Started: 1,
  Duration: 2,
  Version: 3,
  Planned: 4,
  Missed: 5,
  Attempt: 6,
} as const;
type Num = (typeof Num)[keyof typeof Num];

/** The reference columns' places: column `c` of row `i` is `refs[c * count + i]`. */
export const Ref = {
  Action: 0,
  Status: 1,
  User: 2,
  Trigger: 3,
  Targets: 4,
  Commit: 5,
  DefinitionStatus: 6,
  RunbookId: 7,
  RunbookStep: 8,
  RunbookRun: 9,
  Kind: 10,
} as const;
type Ref = (typeof Ref)[keyof typeof Ref];

/** A block's columns in memory (encode-folded-runs.ts has their layout). */
export interface BlockColumns {
  numbers: Float64Array;
  refs: Int32Array;
  idOffsets: Uint32Array;
  flags: Uint8Array;
  idBytes: Buffer;
}

/**
 * Where a block's columns are when they are not in memory: the run cache file, read a chunk at a time into one reused
 * buffer (block-file.ts). A report whose parts are kept reads from it only the rows it builds something from.
 */
export interface ColumnSource {
  /** Every column, read and checked (then the source is closed). */
  load(): BlockColumns;
  /** Rows `rows` (ascending, distinct) as columns of their own, checked. */
  gather(rows: readonly number[]): BlockColumns;
  startedBy(ms: number): number;
  /** The rows whose id is one of `wanted` (ids by byte length, as stored). */
  find(wanted: ReadonlyMap<number, ReadonlyMap<string, Buffer>>): Map<string, number>;
  /** The rows whose reference in column `column` is flagged in `flagged` (by reference). */
  rowsWith(column: number, flagged: Uint8Array): number[];
  close(): void;
}

/**
 * Folded runs in columns, as the run cache stores them (encode-folded-runs.ts), read field by field without making an
 * object per run: a report after one new run walks the columns it needs and makes objects only of the runs it builds
 * a part from. Row `i` is the i-th run in foldRuns order (start time, then id). Read-only. The columns are in memory,
 * or read from the run cache file as needed (a ColumnSource) until something needs them all.
 */
export class RunBlock {
  private cols: BlockColumns | null;
  private source: ColumnSource | null;

  constructor(
    readonly count: number,
    columns: BlockColumns | ColumnSource,
    private readonly idEncoding: IdEncoding,
    /** The strings the columns refer to; `refs` hold indexes into it. */
    readonly strings: readonly string[],
    private readonly targetLists: readonly (readonly string[])[],
  ) {
    const inMemory = 'numbers' in columns;
    this.cols = inMemory ? columns : null;
    this.source = inMemory ? null : columns;
  }

  /** Every column in memory (read from the file first if they are not). */
  private loaded(): BlockColumns {
    if (this.cols) return this.cols;
    this.cols = this.source!.load();
    this.source = null;
    return this.cols;
  }

  /** Let go of the file the columns are read from, if any (the columns already read stay). */
  close(): void {
    this.source?.close();
  }

  /** The raw columns (hot loops: run-owners.ts): `numbers[c * count + i]`, `refs[c * count + i]`. */
  columns(): { numbers: Float64Array; refs: Int32Array } {
    const { numbers, refs } = this.loaded();
    return { numbers, refs };
  }

  seq(i: number): number {
    return this.loaded().numbers[Num.Seq * this.count + i]!;
  }

  started(i: number): number {
    return this.loaded().numbers[Num.Started * this.count + i]!;
  }

  /** How many rows started at or before `ms` (rows are in start order: a binary search). */
  startedBy(ms: number): number {
    if (this.source) return this.source.startedBy(ms);
    const { numbers } = this.loaded();
    let lo = 0;
    let hi = this.count;
    const base = Num.Started * this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (numbers[base + mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  planned(i: number): number | null {
    return nullable(this.loaded().numbers[Num.Planned * this.count + i]!);
  }

  missed(i: number): number | null {
    return nullable(this.loaded().numbers[Num.Missed * this.count + i]!);
  }

  /** The reference (index into `strings`) of a string field: action, status, user, trigger, commit, runbook id or run. */
  ref(
    field: 'action' | 'status' | 'user' | 'trigger' | 'commit' | 'runbook' | 'run' | 'kind',
    i: number,
  ): number {
    return this.loaded().refs[REF_OF[field] * this.count + i]!;
  }

  /** The rows whose `field` refers to one of the strings `test` accepts, ascending. */
  rowsWith(field: keyof typeof REF_OF, test: (s: string) => boolean): number[] {
    const flagged = flagStrings(this.strings, test);
    if (!flagged.includes(1)) return [];
    const column = REF_OF[field];
    if (this.source) return this.source.rowsWith(column, flagged);
    const { refs } = this.loaded();
    const rows: number[] = [];
    for (let i = 0, at = column * this.count; i < this.count; i++) {
      const r = refs[at + i]!;
      if (r !== -1 && flagged[r] === 1) rows.push(i);
    }
    return rows;
  }

  str(ref: number): string | null {
    return ref === -1 ? null : this.strings[ref]!;
  }

  id(i: number): string {
    const { idBytes, idOffsets } = this.loaded();
    return idBytes.toString(this.idEncoding, idOffsets[i], idOffsets[i + 1]);
  }

  /** The rows whose id is one of `ids` (compared as stored bytes: no id decoded but the candidates'). */
  find(ids: Iterable<string>): Map<string, number> {
    const wanted = new Map<number, Map<string, Buffer>>();
    for (const id of ids) {
      const bytes = Buffer.from(id, this.idEncoding);
      let byLength = wanted.get(bytes.length);
      if (!byLength) wanted.set(bytes.length, (byLength = new Map()));
      byLength.set(id, bytes);
    }
    const found = new Map<string, number>();
    if (wanted.size === 0) return found;
    if (this.source) return this.source.find(wanted);
    const { idOffsets, idBytes } = this.loaded();
    for (let i = 0; i < this.count; i++) {
      const start = idOffsets[i]!;
      const byLength = wanted.get(idOffsets[i + 1]! - start);
      if (!byLength) continue;
      for (const [id, bytes] of byLength)
        if (idBytes.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0) found.set(id, i);
    }
    return found;
  }

  /**
   * Rows `rows` as objects, in that order: from the columns in memory, or read from the file (those rows alone, a
   * chunk at a time: a report that builds one action's part reads its 3,000 rows, not the 60 MB of all 500,000).
   */
  runs(rows: readonly number[]): RunRow[] {
    if (!this.source) return rows.map((i) => this.run(i));
    const wanted = [...new Set(rows)].sort((a, b) => a - b);
    const part = new RunBlock(
      wanted.length,
      this.source.gather(wanted),
      this.idEncoding,
      this.strings,
      this.targetLists,
    );
    const at = new Map(wanted.map((row, k) => [row, k]));
    return rows.map((i) => part.run(at.get(i)!));
  }

  /** Row `i` as the object foldRuns makes (`point` -1: the model sets it). */
  run(i: number): RunRow {
    // Read column by column without a closure per call: a full report makes an object of every one of 500,000 rows.
    const n = this.count;
    const { numbers, refs, flags } = this.loaded();
    const strings = this.strings;
    const runbook = refs[Ref.RunbookId * n + i]!;
    const commit = refs[Ref.Commit * n + i]!;
    const definitionStatus = refs[Ref.DefinitionStatus * n + i]!;
    const kind = refs[Ref.Kind * n + i]!;
    let step: string | null = null;
    let run: string | null = null;
    if (runbook !== -1) {
      const s = refs[Ref.RunbookStep * n + i]!;
      const r = refs[Ref.RunbookRun * n + i]!;
      step = s === -1 ? '' : strings[s]!;
      run = r === -1 ? '' : strings[r]!;
    }
    return {
      id: this.id(i),
      seq: numbers[i]!,
      action: strings[refs[Ref.Action * n + i]!]!,
      started: numbers[Num.Started * n + i]!,
      duration: nullable(numbers[Num.Duration * n + i]!),
      status: strings[refs[Ref.Status * n + i]!] as ExecutionStatus,
      user: strings[refs[Ref.User * n + i]!]!,
      trigger: strings[refs[Ref.Trigger * n + i]!] as Trigger,
      targets: this.targetLists[refs[Ref.Targets * n + i]!]!,
      version: nullable(numbers[Num.Version * n + i]!),
      commit: commit === -1 ? null : strings[commit]!,
      definitionStatus: definitionStatus === -1 ? null : strings[definitionStatus]!,
      dirty: flags[i] === 1,
      runbook: runbook === -1 ? null : { id: strings[runbook]!, step: step!, run: run! },
      local: flags[n + i] === 1,
      kind: kind !== -1 && strings[kind] === 'runbook_run' ? 'runbook_run' : null,
      planned: nullable(numbers[Num.Planned * n + i]!),
      missed: nullable(numbers[Num.Missed * n + i]!),
      attempt: nullable(numbers[Num.Attempt * n + i]!),
      point: -1,
    };
  }
}

const REF_OF = {
  action: Ref.Action,
  status: Ref.Status,
  user: Ref.User,
  trigger: Ref.Trigger,
  commit: Ref.Commit,
  runbook: Ref.RunbookId,
  run: Ref.RunbookRun,
  kind: Ref.Kind,
} as const;

/** Per string reference, 1 when `test` accepts the string (what a column's references are checked against). */
export function flagStrings(strings: readonly string[], test: (s: string) => boolean): Uint8Array {
  const flags = new Uint8Array(strings.length);
  for (let i = 0; i < strings.length; i++) if (test(strings[i]!)) flags[i] = 1;
  return flags;
}

function nullable(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
