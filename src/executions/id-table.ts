/**
 * Execution ids → execution numbers, as an open-addressing hash table over the index's own id list (docs/executions.md,
 * *The index*; the index adds each new id to the list, then here): an Int32Array of execution numbers probed linearly by an FNV-1a hash of the id. Built for half a
 * million ids in about a fifth of the time a Map takes (the Map hashed and stored every string again), which an open
 * of the journal pays as soon as one record follows the index snapshot.
 */
export class IdTable {
  private table: Int32Array;
  private mask: number;
  private size = 0;

  constructor(private readonly ids: readonly string[]) {
    this.table = new Int32Array(capacityFor(ids.length)).fill(-1);
    this.mask = this.table.length - 1;
    for (let e = 0; e < ids.length; e++) this.place(e);
  }

  /** The execution number of `id`, or -1. */
  get(id: string): number {
    const { table, mask, ids } = this;
    for (let i = hash(id) & mask; ; i = (i + 1) & mask) {
      const e = table[i]!;
      if (e < 0) return -1;
      if (ids[e] === id) return e;
    }
  }

  /** Execution `e`, whose id the list now holds (appended as `ids[e]`). */
  add(e: number): void {
    if ((this.size + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      this.mask = this.table.length - 1;
      this.size = 0;
      for (let k = 0; k < e; k++) this.place(k);
    }
    this.place(e);
  }

  private place(e: number): void {
    const { table, mask } = this;
    let i = hash(this.ids[e]!) & mask;
    while (table[i]! >= 0) i = (i + 1) & mask;
    table[i] = e;
    this.size += 1;
  }
}

/** A power of two at least twice `n` (the table is at most half full). */
function capacityFor(n: number): number {
  let size = 1024;
  while (size < n * 2 + 2) size *= 2;
  return size;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
