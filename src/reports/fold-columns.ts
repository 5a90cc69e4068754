import { recordedVia } from '../executions/recorded-via.js';
import type { ExecutionRecord } from '../executions/types.js';
import { encodeColumns, type EncodedRuns, type RunColumns } from './encode-folded-runs.js';
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
  let slice = performance.now();
  for await (const batch of batches) {
    for (const r of batch) fold.add(r);
    // Seconds of parsing in one go would hold back every callback the report's other work waits for (the fork of
    // the chain walk's child is one: it starts only once its checks have run): the event loop gets a turn every
    // TURN_MS.
    if (performance.now() - slice >= TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return fold.finish();
}

/** How long (ms) a full fold runs before it lets the event loop take a turn. */
const TURN_MS = 20;

/** foldColumnsFrom over records at hand (tests). */
export function foldColumns(records: Iterable<ExecutionRecord>): EncodedRuns {
  const fold = new ColumnFolder();
  for (const r of records) fold.add(r);
  return fold.finish();
}

class ColumnFolder {
  private capacity = 1 << 12;
  private count = 0;
  private numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
  private refs = new Int32Array(this.capacity * REF_COLUMNS);
  private flags = new Uint8Array(this.capacity * 2);
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly targetLists: (readonly string[])[] = [];
  private readonly targetIndex = new Map<string, number>();

  add(r: ExecutionRecord): void {
    const started = parseInstant(r.started_at);
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
    const order = this.sortedRows();
    this.linkRunbookSteps(order);
    const columns: RunColumns = {
      count: this.count,
      order,
      ids: this.ids,
      rowNumbers: this.numbers,
      rowRefs: this.refs,
      rowFlags: this.flags,
      strings: this.strings,
      targetLists: this.targetLists,
    };
    return encodeColumns(columns);
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
      this.targetIndex.set(key, (i = this.targetLists.push(list) - 1));
    }
    return i;
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

  /** The rows in foldRuns order (start time, then id): checked first, as a journal mostly is in start order. */
  private sortedRows(): Uint32Array {
    const { numbers, ids, count } = this;
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
  private linkRunbookSteps(order: Uint32Array): void {
    const blank = this.stringIndex.get('');
    const unknown = this.stringIndex.get('?');
    if (blank === undefined && unknown === undefined) return;
    const { refs, numbers } = this;
    const runbookRun = this.stringIndex.get('runbook_run');
    const schedule = this.stringIndex.get('schedule');
    for (const row of order) {
      const f = row * REF_COLUMNS;
      const id = refs[f + Ref.RunbookId]!;
      if (id === -1 || (id !== blank && id !== unknown)) continue;
      const parent = this.rowOf.get(this.strings[refs[f + Ref.RunbookRun]!]!);
      const p = parent === undefined ? -1 : parent * REF_COLUMNS;
      refs[f + Ref.RunbookId] =
        p >= 0 && refs[p + Ref.Kind] === runbookRun ? refs[p + Ref.Action]! : this.ref('?');
      if (parent !== undefined && refs[p + Ref.Trigger] === schedule) {
        const planned = numbers[parent * NUMBER_COLUMNS + Num.Planned]!;
        if (!Number.isNaN(planned)) numbers[row * NUMBER_COLUMNS + Num.Planned] = planned;
      }
    }
  }
}
