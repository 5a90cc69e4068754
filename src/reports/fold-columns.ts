import { recordedVia } from '../executions/recorded-via.js';
import type { ExecutionRecord } from '../executions/types.js';
import { encodeColumns, type EncodedRuns } from './encode-folded-runs.js';
import { parseInstant } from '../executions/parse-instant.js';
import { Num, NUMBER_COLUMNS, Ref, REF_COLUMNS } from './run-block.js';

/**
 * foldRunsFrom straight into the run cache's columns: a journal folded in full (the first report, or one after its
 * earlier records changed) keeps each run as a row of typed arrays instead of an object, and a later record of the
 * same run overwrites its row. The result is what encodeRuns(foldRuns(records)) gives, byte for byte (a property
 * test holds them equal), without the million objects, the second walk over them and the collector's time they cost.
 */
export async function foldColumnsFrom(
  batches: AsyncIterable<readonly ExecutionRecord[]>,
): Promise<EncodedRuns> {
  const fold = new ColumnFolder();
  for await (const batch of batches) for (const r of batch) fold.add(r);
  return fold.finish();
}

/** foldColumnsFrom over records at hand (tests). */
export function foldColumns(records: Iterable<ExecutionRecord>): EncodedRuns {
  const fold = new ColumnFolder();
  for (const r of records) fold.add(r);
  return fold.finish();
}

/**
 * A fold's rows as plain data (its arrays `count` rows long): what a thread that folded part of the journal hands
 * over (fold-journal-parts.ts). `targetKeys` are the target lists as the records held them (joined by newlines), the
 * key a list is kept once by.
 */
export interface FoldState {
  count: number;
  numbers: Float64Array;
  refs: Int32Array;
  flags: Uint8Array;
  ids: string[];
  /** Each id's idHash, or empty (a fold not to be merged). */
  idHashes: Uint32Array;
  strings: string[];
  targetKeys: string[];
  targetLists: string[][];
}

/** Records folded into rows, one per run: the latest record (highest seq, the first of equals) of each run wins. */
export class ColumnFolder {
  private capacity = 1 << 12;
  private count = 0;
  private numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
  private refs = new Int32Array(this.capacity * REF_COLUMNS);
  private flags = new Uint8Array(this.capacity * 2);
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly targetKeys: string[] = [];
  private readonly targetLists: string[][] = [];
  private readonly targetIndex = new Map<string, number>();

  /** `started`: the record's start already parsed (parseInstant) by a caller that checked it. */
  add(r: ExecutionRecord, started = parseInstant(r.started_at)): void {
    if (Number.isNaN(started)) return;
    let row = this.rowOf.get(r.id);
    if (row !== undefined) {
      if (this.numbers[row * NUMBER_COLUMNS + Num.Seq]! >= r.seq) return;
    } else {
      if (this.count === this.capacity) this.grow();
      row = this.count++;
      this.rowOf.set(r.id, row);
      this.ids.push(r.id);
    }
    const d = r.definition;
    const n = row * NUMBER_COLUMNS;
    const numbers = this.numbers;
    numbers[n + Num.Seq] = r.seq;
    numbers[n + Num.Started] = started;
    numbers[n + Num.Duration] = r.duration_ms ?? NaN;
    numbers[n + Num.Version] = d.version ?? NaN;
    numbers[n + Num.Planned] = r.planned_at === undefined ? NaN : parseInstant(r.planned_at);
    numbers[n + Num.Missed] = r.missed?.count ?? NaN;
    numbers[n + Num.Attempt] = r.attempt ?? NaN;
    const f = row * REF_COLUMNS;
    const refs = this.refs;
    refs[f + Ref.Action] = this.ref(r.action_id);
    refs[f + Ref.Status] = this.ref(r.status);
    refs[f + Ref.User] = this.ref(r.initiator.user);
    refs[f + Ref.Trigger] = this.ref(r.trigger);
    refs[f + Ref.Targets] = this.targets(r.targets);
    refs[f + Ref.Commit] = d.commit === null ? -1 : this.ref(d.commit);
    refs[f + Ref.DefinitionStatus] = d.status === null ? -1 : this.ref(d.status);
    // As foldRuns: a step names its runbook, or only its runbook run (its runbook is linked at the end: '').
    const step: [string, string, string] | null = r.runbook
      ? [r.runbook.id, r.runbook.step, r.runbook.run_id]
      : r.runbook_run_id && r.step_id
        ? ['', r.step_id, r.runbook_run_id]
        : null;
    refs[f + Ref.RunbookId] = step ? this.ref(step[0]) : -1;
    refs[f + Ref.RunbookStep] = step ? this.ref(step[1]) : -1;
    refs[f + Ref.RunbookRun] = step ? this.ref(step[2]) : -1;
    refs[f + Ref.Kind] = r.kind === 'runbook_run' ? this.ref('runbook_run') : -1;
    this.flags[row * 2] = d.dirty ? 1 : 0;
    this.flags[row * 2 + 1] = recordedVia(r) === 'local' ? 1 : 0;
  }

  finish(): EncodedRuns {
    return finishFold(this.state(), (id) => this.rowOf.get(id));
  }

  private ref(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) this.stringIndex.set(s, (i = this.strings.push(s) - 1));
    return i;
  }

  /** A target list, its strings kept once and sorted as foldRuns sorts them. */
  private targets(targets: readonly string[]): number {
    const key = targets.join('\n');
    let i = this.targetIndex.get(key);
    if (i === undefined) {
      const list = [...targets].map((t) => this.strings[this.ref(t)]!).sort();
      this.targetKeys.push(key);
      this.targetIndex.set(key, (i = this.targetLists.push(list) - 1));
    }
    return i;
  }

  /**
   * The rows folded so far as plain data, views of this folder's arrays (it is not used after); `hashed`: with each
   * id's idHash, for a merge (merge-folds.ts).
   */
  state(hashed = false): FoldState {
    const n = this.count;
    const idHashes = new Uint32Array(hashed ? n : 0);
    if (hashed) for (let row = 0; row < n; row++) idHashes[row] = idHash(this.ids[row]!);
    return {
      count: n,
      numbers: this.numbers.subarray(0, n * NUMBER_COLUMNS),
      refs: this.refs.subarray(0, n * REF_COLUMNS),
      flags: this.flags.subarray(0, n * 2),
      ids: this.ids,
      idHashes,
      strings: this.strings,
      targetKeys: this.targetKeys,
      targetLists: this.targetLists,
    };
  }

  private grow(): void {
    this.capacity *= 2;
    const numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const refs = new Int32Array(this.capacity * REF_COLUMNS);
    refs.set(this.refs);
    this.refs = refs;
    const flags = new Uint8Array(this.capacity * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** FNV-1a (32 bits) of an id's UTF-16 code units: the key a merge finds a run's row by (merge-folds.ts). */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The rows of a fold in the run cache's layout: put in foldRuns order, the runbook steps linked to their runbook runs
 * (`rowOf` finds a run's row by its id; a string the links need is added to `state.strings`).
 */
export function finishFold(state: FoldState, rowOf: (id: string) => number | undefined): EncodedRuns {
  const order = sortedRows(state);
  linkRunbookSteps(state, order, rowOf);
  return encodeColumns({
    count: state.count,
    order,
    ids: state.ids,
    rowNumbers: state.numbers,
    rowRefs: state.refs,
    rowFlags: state.flags,
    strings: state.strings,
    targetLists: state.targetLists,
  });
}

/** The rows in foldRuns order (start time, then id): checked first, as a journal mostly is in start order. */
function sortedRows({ numbers, ids, count }: FoldState): Uint32Array {
  const started = (row: number) => numbers[row * NUMBER_COLUMNS + Num.Started]!;
  const compare = (a: number, b: number) => {
    const sa = started(a);
    const sb = started(b);
    if (sa !== sb) return sa - sb;
    const ia = ids[a]!;
    const ib = ids[b]!;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  const order = new Uint32Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    if (sorted && i > 0 && compare(i - 1, i) > 0) sorted = false;
  }
  return sorted ? order : order.sort(compare);
}

/**
 * As foldRuns' linkRunbookSteps: a step that names only its runbook run takes that run's runbook (`?` while it is
 * not among the runs), and the planned time of a scheduled runbook run; in start order, as there.
 */
function linkRunbookSteps(
  state: FoldState,
  order: Uint32Array,
  rowOf: (id: string) => number | undefined,
): void {
  const { strings, refs, numbers } = state;
  const at = (s: string): number | undefined => {
    const i = strings.indexOf(s);
    return i < 0 ? undefined : i;
  };
  const blank = at('');
  let unknown = at('?');
  if (blank === undefined && unknown === undefined) return;
  const runbookRun = at('runbook_run');
  const schedule = at('schedule');
  for (const row of order) {
    const f = row * REF_COLUMNS;
    const id = refs[f + Ref.RunbookId]!;
    if (id === -1 || (id !== blank && id !== unknown)) continue;
    const parent = rowOf(strings[refs[f + Ref.RunbookRun]!]!);
    const p = parent === undefined ? -1 : parent * REF_COLUMNS;
    if (p >= 0 && refs[p + Ref.Kind] === runbookRun) refs[f + Ref.RunbookId] = refs[p + Ref.Action]!;
    else refs[f + Ref.RunbookId] = unknown ??= strings.push('?') - 1;
    if (parent !== undefined && refs[p + Ref.Trigger] === schedule) {
      const planned = numbers[parent * NUMBER_COLUMNS + Num.Planned]!;
      if (!Number.isNaN(planned)) numbers[row * NUMBER_COLUMNS + Num.Planned] = planned;
    }
  }
}
