import type { EncodedRuns } from './encode-folded-runs.js';
import { finishFold, idHash, type FoldState } from './fold-columns.js';
import { NUMBER_COLUMNS, Num, Ref, REF_COLUMNS } from './run-block.js';

/**
 * The folds of consecutive parts of the journal (each made with its ids' hashes: `state(true)`), in journal order,
 * as one fold of every record would have left them, finished into the run cache's layout. A run in several parts
 * keeps the row with the highest seq (the earliest of equals), as folding its records one by one keeps. Rows are
 * found by their id's hash in an open-addressed table of typed arrays: a Map of half a million ids took ~1 s here.
 * Strings and target lists are numbered again as met (encodeColumns numbers them once more, in its own order).
 */
export function mergeFolds(parts: readonly FoldState[]): EncodedRuns {
  let total = 0;
  for (const p of parts) total += p.count;
  const numbers = new Float64Array(total * NUMBER_COLUMNS);
  const refs = new Int32Array(total * REF_COLUMNS);
  const flags = new Uint8Array(total * 2);
  const ids: string[] = [];
  const hashes = new Uint32Array(total);
  let size = 1024;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const targetKeys: string[] = [];
  const targetLists: string[][] = [];
  const targetIndex = new Map<string, number>();
  const ref = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  /** The row of `id` (hash `h`), or -1 with `free` the slot it would take. */
  let free = 0;
  const find = (id: string, h: number): number => {
    let slot = h & mask;
    for (let row = slots[slot]!; row !== -1; row = slots[slot]!) {
      if (hashes[row] === h && ids[row] === id) return row;
      slot = (slot + 1) & mask;
    }
    free = slot;
    return -1;
  };
  let count = 0;
  for (const part of parts) {
    const stringMap = new Int32Array(part.strings.length).fill(-1);
    const targetMap = new Int32Array(part.targetKeys.length).fill(-1);
    const mapString = (old: number): number => {
      if (old === -1) return -1;
      let i = stringMap[old]!;
      if (i === -1) stringMap[old] = i = ref(part.strings[old]!);
      return i;
    };
    const mapTargets = (old: number): number => {
      let t = targetMap[old]!;
      if (t !== -1) return t;
      const key = part.targetKeys[old]!;
      t = targetIndex.get(key) ?? -1;
      if (t === -1) {
        targetKeys.push(key);
        const list = part.targetLists[old]!.map((s) => strings[ref(s)]!);
        targetIndex.set(key, (t = targetLists.push(list) - 1));
      }
      return (targetMap[old] = t);
    };
    for (let b = 0; b < part.count; b++) {
      const id = part.ids[b]!;
      const h = part.idHashes[b]!;
      let row = find(id, h);
      if (row !== -1) {
        if (numbers[row * NUMBER_COLUMNS + Num.Seq]! >= part.numbers[b * NUMBER_COLUMNS + Num.Seq]!) continue;
      } else {
        row = count++;
        slots[free] = row;
        hashes[row] = h;
        ids.push(id);
      }
      for (let k = 0; k < NUMBER_COLUMNS; k++)
        numbers[row * NUMBER_COLUMNS + k] = part.numbers[b * NUMBER_COLUMNS + k]!;
      for (let k = 0; k < REF_COLUMNS; k++) {
        const old = part.refs[b * REF_COLUMNS + k]!;
        refs[row * REF_COLUMNS + k] = k === Ref.Targets ? mapTargets(old) : mapString(old);
      }
      flags[row * 2] = part.flags[b * 2]!;
      flags[row * 2 + 1] = part.flags[b * 2 + 1]!;
    }
  }
  const merged: FoldState = {
    count,
    numbers: numbers.subarray(0, count * NUMBER_COLUMNS),
    refs: refs.subarray(0, count * REF_COLUMNS),
    flags: flags.subarray(0, count * 2),
    ids,
    idHashes: hashes.subarray(0, count),
    strings,
    targetKeys,
    targetLists,
  };
  return finishFold(merged, (id) => {
    const row = find(id, idHash(id));
    return row === -1 ? undefined : row;
  });
}
