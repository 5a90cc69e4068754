import type { ExecutionStatus, Trigger } from '../executions/types.js';
import type { FoldedRun } from './collect-runs.js';

/**
 * Columns of strings are kept once in `strings` and referenced by index (-1: null); each run is one flat array:
 * [id, seq, action, started, duration, status, user, trigger, targets, version, commit, definitionStatus, dirty,
 * runbook id, runbook step, runbook run, local, kind, planned, missed, attempt].
 */
export interface EncodedRuns {
  strings: string[];
  targets: number[][];
  runs: (string | number | null)[][];
}

/** How many runs are encoded and turned into text at a time (bounds the encoder's memory, not its output). */
const CHUNK_RUNS = 10_000;

/**
 * Folded runs as the run cache stores them (docs/reports.md, *The run cache*): the JSON text of an EncodedRuns in
 * pieces (`runs` first, then the tables they index), a chunk of runs at a time, so a million runs are never held as
 * arrays beside their text (that kept a full report's peak above 1 GiB).
 */
export function encodeRunsText(runs: readonly FoldedRun[]): string[] {
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
  const encode = (r: FoldedRun) => [
    r.id,
    r.seq,
    ref(r.action),
    r.started,
    r.duration,
    ref(r.status),
    ref(r.user),
    ref(r.trigger),
    targetsRef(r.targets),
    r.version,
    ref(r.commit),
    ref(r.definitionStatus),
    r.dirty ? 1 : 0,
    ref(r.runbook?.id ?? null),
    ref(r.runbook?.step ?? null),
    ref(r.runbook?.run ?? null),
    r.local ? 1 : 0,
    ref(r.kind),
    r.planned,
    r.missed,
    r.attempt,
  ];
  const pieces: string[] = ['{"runs":['];
  for (let at = 0; at < runs.length; at += CHUNK_RUNS) {
    const text = JSON.stringify(runs.slice(at, at + CHUNK_RUNS).map(encode));
    pieces.push(at === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
  }
  pieces.push(`],"strings":${JSON.stringify(strings)},"targets":${JSON.stringify(targets)}}`);
  return pieces;
}

/** Folded runs back from their stored form; throws on a reference that points nowhere (a damaged cache). */
export function decodeRuns(encoded: EncodedRuns): FoldedRun[] {
  const { strings } = encoded;
  const str = (i: unknown): string | null => (i === -1 ? null : (strings[i as number] ?? fail()));
  const targets = encoded.targets.map((list) => list.map((i) => str(i) ?? fail()));
  return encoded.runs.map((r): FoldedRun => {
    const runbook = str(r[13]);
    return {
      id: r[0] as string,
      seq: r[1] as number,
      action: str(r[2]) ?? fail(),
      started: r[3] as number,
      duration: r[4] as number | null,
      status: (str(r[5]) ?? fail()) as ExecutionStatus,
      user: str(r[6]) ?? fail(),
      trigger: (str(r[7]) ?? fail()) as Trigger,
      targets: targets[r[8] as number] ?? fail(),
      version: r[9] as number | null,
      commit: str(r[10]),
      definitionStatus: str(r[11]),
      dirty: r[12] === 1,
      runbook: runbook === null ? null : { id: runbook, step: str(r[14]) ?? '', run: str(r[15]) ?? '' },
      local: r[16] === 1,
      kind: str(r[17]) === 'runbook_run' ? 'runbook_run' : null,
      planned: (r[18] ?? null) as number | null,
      missed: (r[19] ?? null) as number | null,
      attempt: (r[20] ?? null) as number | null,
    };
  });
}

function fail(): never {
  throw new Error('damaged run cache');
}
