import { appendFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileKeyOf, type DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { LogCommit } from '../git/read-branch-log.js';
import type { FoldOutput, FoldState } from './fold-history.js';
import { decodeDefinitionFile, encodeDefinitionFile } from './definition-file-codec.js';
import {
  readRecord,
  readTable,
  removeStalePacks,
  tableFile,
  writePack,
  type PackRecord,
} from './definition-pack.js';
import { createValueEncoder, type ValueEncoder } from './value-table.js';
import {
  COMMIT_LINE,
  commitsFile,
  ensureDir,
  formatCommitLines,
  generationDir,
  INDEX_FORMAT,
  readJson,
  writeAtomic,
  writeMeta,
  type DefinitionFile,
  type IndexMeta,
  type StoredInvalid,
} from './history-store.js';

export interface IndexUpdate {
  previous: IndexMeta | null;
  /** true: append the run to `previous`; false: write a new generation from scratch. */
  incremental: boolean;
  tip: string | null;
  branch: string;
  definitionsDir: string;
  schemaKey: string;
  partial: boolean;
  run: { outputs: FoldOutput[]; state: FoldState; chain: LogCommit[]; scripts: string[] };
}

/**
 * Write what a fold produced. Only the files of definitions that changed are rewritten; each write is atomic and meta
 * is written last, so a crash leaves the previous index readable (entries past meta's seq are ignored and replaced).
 */
export function writeIndex(historyDir: string, update: IndexUpdate): IndexMeta {
  const { previous, run } = update;
  const incremental = update.incremental && previous !== null;
  const generation = incremental ? previous.generation : (previous?.generation ?? 0) + 1;
  const genDir = generationDir(historyDir, generation);
  if (!incremental) rmSync(genDir, { recursive: true, force: true });
  ensureDir(genDir);
  // A new generation is read only once meta names it (written last): its files need no temp file and rename.
  const put = incremental ? writeAtomic : (file: string, content: string) => writeFileSync(file, content);
  const baseSeq = incremental ? previous.seq : 0;
  const seq = baseSeq + run.chain.length;

  const previousTable = incremental ? readTable(genDir, previous.seq) : null;
  if (incremental && !previousTable) throw damaged('its table of definition files is missing');
  const files = new Map<string, { file: DefinitionFile; encoder: ValueEncoder }>();
  const fileFor = (kind: DefinitionKind, id: string): { file: DefinitionFile; encoder: ValueEncoder } => {
    const key = `${kind}:${id}`;
    let entry = files.get(key);
    if (!entry) {
      const text = previousTable ? readRecord(genDir, previousTable, kind, id) : null;
      let stored: DefinitionFile | null = null;
      try {
        stored = text === null ? null : decodeDefinitionFile(text);
      } catch (cause) {
        throw damaged(`the record of ${kind} ${id} is unreadable`, cause);
      }
      const file: DefinitionFile = {
        kind,
        id,
        events: (stored?.events ?? []).filter((e) => e.seq <= baseSeq),
        states: (stored?.states ?? []).filter((s) => s.seq <= baseSeq),
        values: stored?.values ?? {},
        parts: stored?.parts ?? [],
      };
      entry = { file, encoder: createValueEncoder(file.parts) };
      files.set(key, entry);
    }
    return entry;
  };
  const invalid: StoredInvalid[] = [];
  for (const output of run.outputs) {
    output.events.forEach((event, ord) => {
      const [kind, id] = fileKeyOf(event.auditable_type, event.auditable_id);
      fileFor(kind, id).file.events.push({ seq: output.seq, ord, event });
    });
    for (const s of output.states) {
      const sep = s.key.indexOf(':');
      const { file, encoder } = fileFor(s.key.slice(0, sep) as DefinitionKind, s.key.slice(sep + 1));
      file.states.push({
        seq: s.seq,
        commit: s.commit,
        created_at: s.created_at,
        version: s.version,
        blob: s.blob,
        path: s.path,
        file_blob: s.file_blob,
        valid: s.valid,
      });
      if (s.blob && s.value && !Object.hasOwn(file.values, s.blob)) {
        file.values[s.blob] = encoder.encode(s.value);
      }
    }
    for (const entry of output.invalid) {
      invalid.push({ seq: output.seq, entry });
    }
  }
  const records: PackRecord[] = [];
  for (const { file } of files.values()) {
    if (incremental) {
      // Values of versions a crashed writer indexed past the base (their states were just dropped) go too.
      const used = new Set(file.states.map((s) => s.blob));
      for (const blob of Object.keys(file.values)) if (!used.has(blob)) delete file.values[blob];
    }
    records.push({ kind: file.kind, id: file.id, text: encodeDefinitionFile(file) });
  }
  const table = writePack(genDir, previousTable, records, put);
  put(tableFile(genDir, seq), JSON.stringify(table));
  if (!incremental || invalid.length > 0) {
    const stored = incremental ? (readJson<StoredInvalid[]>(path.join(genDir, 'invalid.json')) ?? []) : [];
    const kept = stored.filter((i) => i.seq <= baseSeq);
    put(path.join(genDir, 'invalid.json'), JSON.stringify([...kept, ...invalid]));
  }
  const listFile = commitsFile(genDir);
  if (incremental) {
    // Cut what a crashed writer may have appended past the indexed tip, then append.
    truncateSync(listFile, baseSeq * COMMIT_LINE);
    appendFileSync(listFile, formatCommitLines(run.chain));
  } else {
    put(listFile, formatCommitLines(run.chain));
  }
  const stateFile = `state-${seq}.json`;
  put(path.join(genDir, stateFile), JSON.stringify({ ...run.state, seq }));
  const meta: IndexMeta = {
    format: INDEX_FORMAT,
    branch: update.branch,
    definitionsDir: update.definitionsDir,
    schemaKey: update.schemaKey,
    ...(update.partial ? { partial: true } : {}),
    tip: update.tip,
    seq,
    generation,
    stateFile,
    scripts: run.scripts,
  };
  writeMeta(historyDir, meta);
  removeStalePacks(genDir, table, seq);
  if (incremental && previous.stateFile !== stateFile) {
    rmSync(path.join(genDir, previous.stateFile), { force: true });
  }
  if (!incremental && previous && previous.generation !== generation) {
    rmSync(generationDir(historyDir, previous.generation), { recursive: true, force: true });
  }
  return meta;
}

/** The index an update was to extend is damaged: the caller builds it again from scratch. */
function damaged(what: string, cause?: unknown): OpsledgerError {
  return new OpsledgerError('HISTORY_INDEX_CORRUPT', `the history index is damaged: ${what}`, { cause });
}
