import { asciiJson } from './ascii-json.js';
import type { FoldedRun } from './collect-runs.js';
import { checkColumns, pad8, parseBlockHead } from './block-layout.js';
import {
  NUMBER_COLUMNS,
  REF_COLUMNS,
  FLAG_COLUMNS,
  Ref,
  RunBlock,
  type BlockColumns,
  type IdEncoding,
} from './run-block.js';

/**
 * Folded runs as the run cache stores them (docs/reports.md, *The run cache*), in columns: one JSON section for the
 * strings the runs share (each kept once) and the target lists, then one typed array per field, then the run ids.
 *
 *   u32 length of the JSON section | JSON {"count","strings","targets","ids"} in ASCII (ascii-json.ts) |
 *   zero padding to a multiple of 8 |
 *   Float64 × count for each of seq, started, duration, version, planned, missed, attempt (NaN: null) |
 *   Int32 × count for each of action, status, user, trigger, targets, commit, definitionStatus, runbook id,
 *   runbook step, runbook run, kind (an index into `strings`, or `targets` for targets; -1: null) |
 *   Uint32 × (count + 1) offsets of each id in the id bytes | Uint8 × count for each of dirty, local |
 *   the ids, back to back, in latin1 when every id is (else UTF-16LE: `"ids"` says which)
 *
 * Reading it allocates no run: a report reads the columns (run-block.ts) and makes objects only of the runs it
 * builds something from (format 5 made all 500,000 and parsed every id, ~2 s at 1M records).
 */
export function encodeRuns(runs: readonly FoldedRun[]): EncodedRuns {
  const count = runs.length;
  const table = new StringTable();
  const targetIndex = new Map<readonly string[], number>();
  const targetsRef = (list: readonly string[]): number => {
    let i = targetIndex.get(list);
    if (i === undefined) targetIndex.set(list, (i = table.addTargets(list)));
    return i;
  };
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  const num = (v: number | null) => (v === null ? NaN : v);
  const ref = (s: string | null) => (s === null ? -1 : table.ref(s));
  for (let i = 0; i < count; i++) {
    const r = runs[i]!;
    numbers[i] = r.seq;
    numbers[count + i] = r.started;
    numbers[2 * count + i] = num(r.duration);
    numbers[3 * count + i] = num(r.version);
    numbers[4 * count + i] = num(r.planned);
    numbers[5 * count + i] = num(r.missed);
    numbers[6 * count + i] = num(r.attempt);
    refs[i] = table.ref(r.action);
    refs[count + i] = table.ref(r.status);
    refs[2 * count + i] = table.ref(r.user);
    refs[3 * count + i] = table.ref(r.trigger);
    refs[4 * count + i] = targetsRef(r.targets);
    refs[5 * count + i] = ref(r.commit);
    refs[6 * count + i] = ref(r.definitionStatus);
    refs[7 * count + i] = ref(r.runbook?.id ?? null);
    refs[8 * count + i] = ref(r.runbook?.step ?? null);
    refs[9 * count + i] = ref(r.runbook?.run ?? null);
    refs[10 * count + i] = ref(r.kind);
    flags[i] = r.dirty ? 1 : 0;
    flags[count + i] = r.local ? 1 : 0;
  }
  return assemble(count, (i) => runs[i]!.id, numbers, refs, flags, table);
}

/** The run cache's pieces (written as they are) and the block they hold (read in place, no copy of them). */
export interface EncodedRuns {
  pieces: Buffer[];
  block: RunBlock;
}

/**
 * Runs folded into rows (fold-columns.ts): row `r`'s number column `c` at `rowNumbers[r * NUMBER_COLUMNS + c]`,
 * its reference columns likewise (indexes into `strings`, `targetLists` for the targets), its flags at
 * `rowFlags[r * 2 + k]`; `order` lists the rows in foldRuns order.
 */
export interface RunColumns {
  count: number;
  order: Uint32Array;
  ids: readonly string[];
  rowNumbers: Float64Array;
  rowRefs: Int32Array;
  rowFlags: Uint8Array;
  strings: readonly string[];
  targetLists: readonly (readonly string[])[];
}

/**
 * Folded rows in the run cache's layout: what encodeRuns gives for the same runs as objects, byte for byte (the
 * strings and target lists numbered in the order encodeRuns meets them).
 */
export function encodeColumns(c: RunColumns): EncodedRuns {
  const { count, order, rowNumbers, rowRefs, rowFlags } = c;
  const table = new StringTable();
  const stringMap = new Int32Array(c.strings.length).fill(-1);
  const ref = (old: number): number => {
    if (old === -1) return -1;
    let i = stringMap[old]!;
    if (i === -1) stringMap[old] = i = table.ref(c.strings[old]!);
    return i;
  };
  const targetMap = new Int32Array(c.targetLists.length).fill(-1);
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  for (let i = 0; i < count; i++) {
    const row = order[i]!;
    for (let k = 0; k < NUMBER_COLUMNS; k++) numbers[k * count + i] = rowNumbers[row * NUMBER_COLUMNS + k]!;
    const f = row * REF_COLUMNS;
    for (let k = 0; k < REF_COLUMNS; k++) {
      const old = rowRefs[f + k]!;
      if (k !== Ref.Targets) refs[k * count + i] = ref(old);
      else {
        let t = targetMap[old]!;
        if (t === -1) targetMap[old] = t = table.addTargets(c.targetLists[old]!);
        refs[k * count + i] = t;
      }
    }
    flags[i] = rowFlags[row * 2]!;
    flags[count + i] = rowFlags[row * 2 + 1]!;
  }
  return assemble(count, (i) => c.ids[order[i]!]!, numbers, refs, flags, table);
}

/** The strings runs refer to, each kept once in the order first met, and the target lists as their indexes. */
class StringTable {
  readonly strings: string[] = [];
  readonly targets: number[][] = [];
  readonly targetLists: (readonly string[])[] = [];
  private readonly index = new Map<string, number>();

  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.strings.push(s) - 1));
    return i;
  }

  addTargets(list: readonly string[]): number {
    this.targetLists.push(list);
    return this.targets.push(list.map((s) => this.ref(s))) - 1;
  }
}

/** The pieces of the layout and the block on the same arrays. */
function assemble(
  count: number,
  idOf: (i: number) => string,
  numbers: Float64Array,
  refs: Int32Array,
  flags: Uint8Array,
  table: StringTable,
): EncodedRuns {
  let wide = false;
  const offsets = new Uint32Array(count + 1);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (!wide && !isLatin1(id)) wide = true;
    offsets[i] = bytes;
    bytes += id.length;
  }
  offsets[count] = bytes;
  const encoding: IdEncoding = wide ? 'utf16le' : 'latin1';
  if (wide) for (let i = 0; i <= count; i++) offsets[i] = offsets[i]! * 2;
  const idBytes = Buffer.allocUnsafe(offsets[count]!);
  for (let i = 0; i < count; i++) idBytes.write(idOf(i), offsets[i]!, encoding);
  const { strings, targets } = table;
  const json = Buffer.from(asciiJson({ count, strings, targets, ids: encoding }), 'latin1');
  const head = Buffer.alloc(pad8(4 + json.length));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  const flagBytes = Buffer.from(flags.buffer, flags.byteOffset, flags.byteLength);
  return {
    pieces: [
      head,
      Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength),
      Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength),
      flagBytes,
      idBytes,
    ],
    block: new RunBlock(
      count,
      { numbers, refs, idOffsets: offsets, flags: flagBytes, idBytes },
      encoding,
      strings,
      table.targetLists,
    ),
  };
}

/** The columns of stored runs, checked; throws DamagedRunCache on a length or reference that does not fit. */
export function decodeBlock(body: Buffer): RunBlock {
  const head = parseBlockHead(body, body.length);
  const { count } = head;
  // Views on the body where it is aligned (the run cache pads its header line to 8 bytes: no copy of 50 MB, whose
  // fresh pages cost more than the read here), else copies.
  const columns: BlockColumns = {
    numbers: column(Float64Array, body, head.numbersAt, count * NUMBER_COLUMNS),
    refs: column(Int32Array, body, head.refsAt, count * REF_COLUMNS),
    idOffsets: column(Uint32Array, body, head.offsetsAt, count + 1),
    flags: body.subarray(head.flagsAt, head.idsAt),
    idBytes: body.subarray(head.idsAt),
  };
  checkColumns(count, columns, head.strings.length, head.targets.length);
  return new RunBlock(count, columns, head.ids, head.strings, head.targets);
}

/** Folded runs back from their stored form (every run made an object: the cache rewritten, tests). */
export function decodeRuns(body: Buffer): FoldedRun[] {
  const block = decodeBlock(body);
  const runs = new Array<FoldedRun>(block.count);
  for (let i = 0; i < block.count; i++) runs[i] = block.run(i);
  return runs;
}

function column<T extends Float64Array | Int32Array | Uint32Array>(
  Type: {
    new (buffer: ArrayBufferLike, offset: number, length: number): T;
    new (length: number): T;
    BYTES_PER_ELEMENT: number;
  },
  body: Buffer,
  at: number,
  length: number,
): T {
  const offset = body.byteOffset + at;
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(body.buffer, offset, length);
  const copy = new Type(length);
  new Uint8Array(copy.buffer).set(body.subarray(at, at + copy.byteLength));
  return copy;
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}
