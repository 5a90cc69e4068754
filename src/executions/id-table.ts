/**
 * Execution ids → execution numbers, as an open-addressing hash table over the index's own id list (docs/executions.md,
 * *The index*; the index adds each new id to the list, then here): an Int32Array of execution numbers probed linearly
 * by an FNV-1a hash of the id. Built for half a million ids in about a fifth of the time a Map takes (the Map hashed
 * and stored every string again), which an open of the journal pays as soon as one record follows the index snapshot.
 *
 * Ids can come from API clients (`EXECUTION_ID` allows ids made elsewhere), and FNV-1a is not keyed: ids chosen to
 * collide would make every probe walk one long run. A probe longer than `MAX_PROBE` therefore turns the table into a
 * `Map` (V8's string hash is seeded per process), so crafted ids cost what a Map costs, never a quadratic build.
 */
export class IdTable {
  private table: Int32Array;
  private mask: number;
  private size = 0;
  private map: Map<string, number> | null = null;

  constructor(
    private readonly ids: readonly string[],
    private readonly hash: (id: string) => number = fnv1a,
  ) {
    this.table = new Int32Array(capacityFor(ids.length)).fill(-1);
    this.mask = this.table.length - 1;
    for (let e = 0; e < ids.length && !this.map; e++) this.place(e);
  }

  /** Whether crafted (or unlucky) ids turned the table into a Map. */
  get degraded(): boolean {
    return this.map !== null;
  }

  /** The execution number of `id`, or -1. */
  get(id: string): number {
    if (this.map) return this.map.get(id) ?? -1;
    const { table, mask, ids } = this;
    for (let i = this.hash(id) & mask; ; i = (i + 1) & mask) {
      const e = table[i]!;
      if (e < 0) return -1;
      if (ids[e] === id) return e;
    }
  }

  /** Execution `e`, whose id the list now holds (appended as `ids[e]`). */
  add(e: number): void {
    if (this.map) {
      this.map.set(this.ids[e]!, e);
      return;
    }
    if ((this.size + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      this.mask = this.table.length - 1;
      this.size = 0;
      for (let k = 0; k < e && !this.map; k++) this.place(k);
      if (this.map) return;
    }
    this.place(e);
  }

  private place(e: number): void {
    const { table, mask } = this;
    let i = this.hash(this.ids[e]!) & mask;
    for (let probes = 0; table[i]! >= 0; probes++) {
      if (probes >= MAX_PROBE) {
        this.degrade();
        return;
      }
      i = (i + 1) & mask;
    }
    table[i] = e;
    this.size += 1;
  }

  /** Every id so far (`ids` holds them all, including the one being placed) into a Map; the array is dropped. */
  private degrade(): void {
    const map = new Map<string, number>();
    for (let k = 0; k < this.ids.length; k++) if (!map.has(this.ids[k]!)) map.set(this.ids[k]!, k);
    this.map = map;
    this.table = new Int32Array(0);
  }
}

/** Longer runs than this do not happen by chance in a table at most half full (expected run ≈ 1.5). */
const MAX_PROBE = 64;

/** A power of two at least twice `n` (the table is at most half full). */
function capacityFor(n: number): number {
  let size = 1024;
  while (size < n * 2 + 2) size *= 2;
  return size;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
