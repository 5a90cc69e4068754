import type { FoldedRun } from './collect-runs.js';
import type { RunBlock } from './run-block.js';

/** Where a live run is: a row of the cached block, or an object (a run read after the cache, or relinked). */
export type RunRef = number;

/**
 * The folded runs of a report without an object per run: the run cache's columns (a RunBlock), minus the rows that
 * later records replaced or relinked, plus those runs as objects (`extra`). `withNewer` is mergeFoldedRuns over it;
 * `all` makes every run (the cache rewritten, the reference model). A RunRef `r >= 0` is block row `r`; `-1 - k` is
 * `extra[k]`.
 */
export class RunView {
  private constructor(
    readonly block: RunBlock | null,
    private readonly dead: Uint8Array | null,
    readonly extra: readonly FoldedRun[],
    /** The checksum of the run cache body the block was read from (what a summary of it is kept under), if known. */
    readonly blockDigest: string | null = null,
  ) {}

  static ofBlock(block: RunBlock, digest: string | null = null): RunView {
    return new RunView(block, null, [], digest);
  }

  static ofRuns(runs: readonly FoldedRun[]): RunView {
    return new RunView(null, null, runs);
  }

  /** Whether later records replaced or relinked a row of the block (its summary alone then no longer holds). */
  hasDeadRows(): boolean {
    return this.dead !== null && this.dead.includes(1);
  }

  /** Whether block row `i` is still one of the runs (not replaced by a later record, not relinked into `extra`). */
  live(i: number): boolean {
    return this.dead === null || this.dead[i] === 0;
  }

  /** The run at `ref` as an object (a block row made one; an extra as it is). */
  run(ref: RunRef): FoldedRun {
    return ref >= 0 ? this.block!.run(ref) : this.extra[-1 - ref]!;
  }

  /** The runs at `refs`, in that order: the block's rows read together (from the file, only them, if not in memory). */
  runs(refs: readonly RunRef[]): FoldedRun[] {
    const rows = refs.filter((ref) => ref >= 0);
    const read = rows.length > 0 ? this.block!.runs(rows) : [];
    let k = 0;
    return refs.map((ref) => (ref >= 0 ? read[k++]! : this.extra[-1 - ref]!));
  }

  /** Let go of the run cache file the block reads from, if it does. */
  close(): void {
    this.block?.close();
  }

  /**
   * The view with runs folded from later records (higher seqs) merged in: what mergeFoldedRuns gives on every run,
   * without making an object of the cached ones but the replaced and the relinked.
   */
  withNewer(newer: readonly FoldedRun[]): RunView {
    if (newer.length === 0) return this;
    const block = this.block;
    const dead = block ? (this.dead ? Uint8Array.from(this.dead) : new Uint8Array(block.count)) : null;
    const replaced = new Set(newer.map((r) => r.id));
    if (block && dead) for (const i of block.find(replaced).values()) dead[i] = 1;
    const runs: FoldedRun[] = [...this.extra.filter((r) => !replaced.has(r.id)), ...newer];
    // Steps not linked to their runbook run yet, in the block and among the objects; then their runbook runs.
    const unlinked: FoldedRun[] = runs.filter(isUnlinked);
    const unlinkedRows: number[] = [];
    if (block && dead)
      for (const i of block.rowsWith('runbook', (s) => s === '' || s === '?'))
        if (dead[i] === 0) unlinkedRows.push(i);
    if (unlinked.length > 0 || unlinkedRows.length > 0) {
      const unlinkedRuns = unlinkedRows.length > 0 ? block!.runs(unlinkedRows) : [];
      const parentIds = new Set<string>(unlinked.map((r) => r.runbook!.run));
      for (const run of unlinkedRuns) parentIds.add(run.runbook!.run);
      const parents = new Map<string, FoldedRun>();
      for (const r of runs) if (parentIds.has(r.id)) parents.set(r.id, r);
      if (block && dead) {
        const found = [...block.find([...parentIds].filter((id) => !parents.has(id)))].filter(
          ([, i]) => dead[i] === 0,
        );
        const read = block.runs(found.map(([, i]) => i));
        found.forEach(([id], k) => parents.set(id, read[k]!));
      }
      for (const [k, i] of unlinkedRows.entries()) {
        const run = unlinkedRuns[k]!;
        const parent = parents.get(run.runbook!.run);
        // Unchanged by the merge (still `?`, no planned time taken): it stays a row of the block.
        const id = parent?.kind === 'runbook_run' ? parent.action : '?';
        const planned =
          parent?.trigger === 'schedule' && parent.planned !== null ? parent.planned : run.planned;
        if (id === run.runbook!.id && planned === run.planned) continue;
        dead![i] = 1;
        runs.push(run);
        unlinked.push(run);
      }
      for (const run of unlinked) {
        const parent = parents.get(run.runbook!.run);
        run.runbook = { ...run.runbook!, id: parent?.kind === 'runbook_run' ? parent.action : '?' };
        if (parent?.trigger === 'schedule' && parent.planned !== null) run.planned = parent.planned;
      }
    }
    return new RunView(block, dead, runs.sort(compareRuns), this.blockDigest);
  }

  /** Every run as an object, in foldRuns order (start time, then id). */
  all(): FoldedRun[] {
    const { block } = this;
    if (!block) return [...this.extra];
    const merged: FoldedRun[] = [];
    let j = 0;
    for (let i = 0; i < block.count; i++) {
      if (!this.live(i)) continue;
      const run = block.run(i);
      while (j < this.extra.length && compareRuns(this.extra[j]!, run) < 0) merged.push(this.extra[j++]!);
      merged.push(run);
    }
    while (j < this.extra.length) merged.push(this.extra[j++]!);
    return merged;
  }
}

function isUnlinked(r: FoldedRun): boolean {
  return r.runbook !== null && (r.runbook.id === '' || r.runbook.id === '?');
}

export function compareRuns(a: FoldedRun, b: FoldedRun): number {
  return a.started !== b.started ? a.started - b.started : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
