import type { ExecutionStatus, Trigger } from '../executions/types.js';
import { asciiJson } from './ascii-json.js';
import type { FoldedRun, RunRow } from './collect-runs.js';

/**
 * Folded runs as the run cache stores them (docs/reports.md, *The run cache*), in columns: one JSON section for the
 * strings (ids, and a table of the strings the runs share, each kept once), then one typed array per field.
 *
 *   u32 length of the JSON section | JSON {"count","ids","strings","targets"} in ASCII (ascii-json.ts) |
 *   zero padding to a multiple of 8 |
 *   Float64 × count for each of seq, started, duration, version, planned, missed, attempt (NaN: null) |
 *   Int32 × count for each of action, status, user, trigger, targets, commit, definitionStatus, runbook id,
 *   runbook step, runbook run, kind (an index into `strings`, or `targets` for targets; -1: null) |
 *   Uint8 × count for each of dirty, local
 *
 * Reading it allocates the runs and their ids, not a parse tree of a million small arrays beside them (the JSON
 * layout of format 4 cost more in garbage collection than in parsing).
 */
const NUMBERS = ['seq', 'started', 'duration', 'version', 'planned', 'missed', 'attempt'] as const;
const REFS = 11;
const FLAGS = 2;

export function encodeRuns(runs: readonly FoldedRun[]): Buffer[] {
  const count = runs.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const targets: number[][] = [];
  const targetIndex = new Map<readonly string[], number>();
  const targetsRef = (list: readonly string[]): number => {
    let i = targetIndex.get(list);
    if (i === undefined) targetIndex.set(list, (i = targets.push(list.map(ref)) - 1));
    return i;
  };
  const numbers = new Float64Array(count * NUMBERS.length);
  const refs = new Int32Array(count * REFS);
  const flags = new Uint8Array(count * FLAGS);
  const ids: string[] = new Array<string>(count);
  const num = (v: number | null) => (v === null ? NaN : v);
  for (let i = 0; i < count; i++) {
    const r = runs[i]!;
    ids[i] = r.id;
    numbers[i] = r.seq;
    numbers[count + i] = r.started;
    numbers[2 * count + i] = num(r.duration);
    numbers[3 * count + i] = num(r.version);
    numbers[4 * count + i] = num(r.planned);
    numbers[5 * count + i] = num(r.missed);
    numbers[6 * count + i] = num(r.attempt);
    refs[i] = ref(r.action);
    refs[count + i] = ref(r.status);
    refs[2 * count + i] = ref(r.user);
    refs[3 * count + i] = ref(r.trigger);
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
  const json = Buffer.from(asciiJson({ count, ids, strings, targets }), 'latin1');
  const head = Buffer.alloc(pad8(4 + json.length));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  return [
    head,
    Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
    Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength),
    Buffer.from(flags.buffer, flags.byteOffset, flags.byteLength),
  ];
}

/** Folded runs back from their stored form; throws on a length or reference that does not fit (a damaged cache). */
export function decodeRuns(body: Buffer): FoldedRun[] {
  if (body.length < 4) fail();
  const jsonLength = body.readUInt32LE(0);
  if (4 + jsonLength > body.length) fail();
  const section = JSON.parse(body.toString('latin1', 4, 4 + jsonLength)) as {
    count: number;
    ids: string[];
    strings: string[];
    targets: number[][];
  };
  const { count, ids, strings } = section;
  if (!Number.isInteger(count) || count < 0 || !Array.isArray(ids) || ids.length !== count) fail();
  let at = pad8(4 + jsonLength);
  const expected = at + count * (8 * NUMBERS.length + 4 * REFS + FLAGS);
  if (body.length !== expected) fail();
  // Copied out so the typed arrays are aligned whatever the Buffer's offset in its pool.
  const numbers = new Float64Array(count * NUMBERS.length);
  new Uint8Array(numbers.buffer).set(body.subarray(at, (at += numbers.byteLength)));
  const refs = new Int32Array(count * REFS);
  new Uint8Array(refs.buffer).set(body.subarray(at, (at += refs.byteLength)));
  const flags = body.subarray(at, at + count * FLAGS);
  const str = (i: number): string | null => (i === -1 ? null : (strings[i] ?? fail()));
  const targets = section.targets.map((list) => list.map((i) => str(i) ?? fail()));
  const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const runs = new Array<FoldedRun>(count);
  for (let i = 0; i < count; i++) {
    const runbook = str(refs[7 * count + i]!);
    const id = ids[i];
    if (typeof id !== 'string') fail();
    // Created with the row's `point` (RunRow: selectRuns sets it) so the report adds no property to 500,000 objects.
    const run: RunRow = {
      id,
      seq: numbers[i]!,
      action: str(refs[i]!) ?? fail(),
      started: numbers[count + i]!,
      duration: nullable(numbers[2 * count + i]!),
      status: (str(refs[count + i]!) ?? fail()) as ExecutionStatus,
      user: str(refs[2 * count + i]!) ?? fail(),
      trigger: (str(refs[3 * count + i]!) ?? fail()) as Trigger,
      targets: targets[refs[4 * count + i]!] ?? fail(),
      version: nullable(numbers[3 * count + i]!),
      commit: str(refs[5 * count + i]!),
      definitionStatus: str(refs[6 * count + i]!),
      dirty: flags[i] === 1,
      runbook:
        runbook === null
          ? null
          : { id: runbook, step: str(refs[8 * count + i]!) ?? '', run: str(refs[9 * count + i]!) ?? '' },
      local: flags[count + i] === 1,
      kind: str(refs[10 * count + i]!) === 'runbook_run' ? 'runbook_run' : null,
      planned: nullable(numbers[4 * count + i]!),
      missed: nullable(numbers[5 * count + i]!),
      attempt: nullable(numbers[6 * count + i]!),
      point: -1,
    };
    runs[i] = run;
  }
  return runs;
}

function pad8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function fail(): never {
  throw new Error('damaged run cache');
}
