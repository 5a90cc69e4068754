import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFINITION_KINDS, type DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { idsIn, parseTable, readRecord, tableFile, type PackTable } from './definition-pack.js';
import {
  COMMIT_LINE,
  commitsFile,
  generationDir,
  matchesChecksum,
  matchesChecksumRead,
  parseCommitLines,
  readMeta,
  type DefinitionFile,
  type IndexMeta,
  type StoredCommits,
  type StoredEvent,
  type StoredInvalid,
  type StoredState,
} from './history-store.js';
import { decodeDefinitionFile, valueOfBlob } from './definition-file-codec.js';
import { matchesQuery } from './match-query.js';
import { readRewrites } from './rewrite-log.js';
import { decodeValue } from './value-table.js';
import type { AuditEvent, DefinitionVersion, HistoryIndex, InvalidEntry, RefreshStats } from './types.js';
import { NO_EVIDENCE, type ApprovalEvidence } from './approval-evidence.js';
import { DEFINITION_ID, KIND_OF_TYPE } from '../definitions/types.js';
import { readWithStat, stampsIn, type FileRead } from './verified-stamps.js';

/** One stored state of a definition, as `versions()` lists them (every content change, with or without an event). */
export interface DefinitionState extends StoredState {
  kind: DefinitionKind;
  id: string;
}

/** The history index read from `<dataDir>/history` (HistoryIndex plus what the CLI's show/blame/revert need). */
export interface NativeHistoryIndex extends HistoryIndex {
  /** The meta of the index as last read. */
  meta(): IndexMeta;
  /** Ids that have history, per kind (live or deleted). */
  ids(kind: DefinitionKind): string[];
  /** The kinds that have a definition with this id. */
  kindsOf(id: string): DefinitionKind[];
  /** Every stored state of one definition, oldest first. */
  states(kind: DefinitionKind, id: string): DefinitionState[];
  /** Throw away the index and build it again from git. */
  rebuild(): Promise<RefreshStats>;
}

/**
 * Serve HistoryIndex reads from the files `refreshHistory` wrote: a warm `history ID` reads meta, the table of
 * definition files and one record of the pack (`definition-pack.ts`).
 * Files are read lazily and cached until the next refresh. Anything written past meta's seq (a crashed or concurrent
 * writer) is ignored.
 */
export function createNativeHistoryIndex(
  historyDir: string,
  initial: IndexMeta,
  doRefresh: () => Promise<{ meta: IndexMeta; stats: RefreshStats }>,
  onWarning: (message: string) => void = () => undefined,
  evidence: () => ApprovalEvidence = () => NO_EVIDENCE,
): NativeHistoryIndex {
  let meta = initial;
  let files = new Map<string, DefinitionFile | null>();
  let invalidCache: InvalidEntry[] | null = null;
  let commitsCache: StoredCommits | null = null;
  let tableCache: PackTable | null = null;
  let seqCache: Map<string, number> | null = null;

  const reset = (next: IndexMeta): void => {
    meta = next;
    files = new Map();
    tableCache = null;
    invalidCache = null;
    commitsCache = null;
    seqCache = null;
  };
  const genDir = (): string => generationDir(historyDir, meta.generation);

  /**
   * Read one index file (null: the file is not there). A missing generation, table or pack means a newer index
   * replaced it: follow meta and read again.
   */
  function readIndexFile<T>(
    file: () => string,
    parse: (text: string) => T = JSON.parse,
    read: () => string | null = () => readFileSync(file(), 'utf8'),
  ): T | null {
    for (let attempt = 0; attempt < 3; attempt++) {
      let text: string | null;
      try {
        text = read();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        const next = readMeta(historyDir);
        if (!next || (next.generation === meta.generation && next.seq === meta.seq)) return null;
        reset(next);
        continue;
      }
      if (text === null) return null;
      try {
        return parse(text);
      } catch (cause) {
        // A file an update replaced after we read meta (invalid.json) is not damaged: follow meta and read again.
        if (followMovedMeta()) continue;
        throw corrupt(file(), cause);
      }
    }
    return null;
  }

  /** Whether meta on disk names another index than ours (then the caches are reset to it). */
  function followMovedMeta(): boolean {
    const next = readMeta(historyDir);
    if (!next || (next.generation === meta.generation && next.seq === meta.seq)) return false;
    reset(next);
    return true;
  }

  /** Discard the index (its meta) so the next refresh rebuilds it, and say so. */
  function corrupt(file: string, cause?: unknown): OpsledgerError {
    rmSync(path.join(historyDir, 'meta.json'), { force: true });
    const why = cause instanceof Error ? ` (${cause.message})` : '';
    onWarning(`history: the index file ${file} is damaged${why}; it is not trusted and the index is rebuilt`);
    return new OpsledgerError('HISTORY_INDEX_CORRUPT', `history index file ${file} is unreadable`, { cause });
  }

  /**
   * Read and parse the file `name` of meta's generation once its bytes match meta's checksum of it (or a stamp of its
   * stat vouches for them: verified-stamps.ts).
   */
  function readChecked<T>(name: () => string, parse: (text: string) => T): T | null {
    let read: FileRead | undefined;
    return readIndexFile(
      () => path.join(genDir(), name()),
      (text) => {
        if (!matchesChecksumRead(historyDir, meta, name(), read!)) {
          throw new Error('it does not match its checksum');
        }
        return parse(text);
      },
      () => {
        read = readWithStat(path.join(genDir(), name()));
        return read.bytes.toString('utf8');
      },
    );
  }

  /** The table of the definition files; a missing one is a damaged index (meta names it only once written). */
  function table(): PackTable {
    if (!tableCache) {
      const file = (): string => tableFile(genDir(), meta.seq);
      const read = readChecked(() => path.basename(file()), parseTable);
      if (!read) throw corrupt(file());
      tableCache = read;
    }
    return tableCache;
  }

  function fileOf(kind: DefinitionKind, id: string): DefinitionFile | null {
    const key = `${kind}:${id}`;
    if (!files.has(key)) {
      if (!DEFINITION_ID.test(id)) return null;
      const file = readIndexFile(
        () => path.join(genDir(), table().pack),
        decodeDefinitionFile,
        () => {
          try {
            return readRecord(genDir(), table(), kind, id, stampsIn(historyDir));
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code) throw err;
            throw corrupt(path.join(genDir(), table().pack), err);
          }
        },
      );
      files.set(key, file);
    }
    return files.get(key) ?? null;
  }

  const visibleEvents = (file: DefinitionFile | null): StoredEvent[] =>
    (file?.events ?? []).filter((e) => e.seq <= meta.seq);
  const visibleStates = (file: DefinitionFile | null): StoredState[] =>
    (file?.states ?? []).filter((s) => s.seq <= meta.seq);

  function toVersion(
    kind: DefinitionKind,
    id: string,
    file: DefinitionFile,
    state: StoredState,
    known?: DefinitionVersion['value'],
  ): DefinitionVersion | null {
    if (state.blob === null) return null;
    const encoded = known === undefined ? valueOfBlob(file, state.blob) : null;
    const value = known ?? (encoded ? decodeValue(file.parts, encoded) : null);
    if (!value) return null;
    return {
      kind,
      id,
      version: state.version,
      commit: state.commit,
      blob: state.blob,
      path: state.path,
      value: value as unknown as DefinitionVersion['value'],
      created_at: state.created_at,
      valid: state.valid,
    };
  }

  function commitList(): StoredCommits {
    for (let attempt = 0; !commitsCache; attempt++) {
      let read: FileRead | undefined;
      try {
        read = readWithStat(commitsFile(genDir()));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const text = read ? read.bytes.toString('latin1') : '';
      const matches = read
        ? matchesChecksumRead(
            historyDir,
            meta,
            'commits.txt',
            read,
            read.bytes.subarray(0, meta.seq * COMMIT_LINE),
          )
        : matchesChecksum(meta, 'commits.txt', Buffer.alloc(0));
      const list = matches ? parseCommitLines(text, meta.seq) : null;
      if (list) commitsCache = list;
      // A generation a rebuild removed after we read meta is not damaged: follow meta and read again.
      else if (attempt >= 2 || !followMovedMeta()) {
        throw corrupt(commitsFile(genDir()), new Error('it does not match its checksum'));
      }
    }
    return commitsCache;
  }

  /**
   * The seq of an indexed commit named by its sha or an abbreviation of at least 7 digits (the first match in branch
   * order), or 0. A full sha is looked up in a map made once: the report asks this per role epoch.
   */
  function seqOfCommit(commit: string): number {
    const list = commitList();
    if (!seqCache) {
      seqCache = new Map();
      for (let i = 0; i < list.length; i++) if (!seqCache.has(list[i]![0])) seqCache.set(list[i]![0], i + 1);
    }
    const hit = seqCache.get(commit);
    if (hit !== undefined) return hit;
    if (commit.length < 7) return 0;
    return list.findIndex(([sha]) => sha.startsWith(commit)) + 1;
  }

  /** Events with the approvals recorded for their commits (a copy only of the events that have some). */
  const withApprovals = (events: AuditEvent[]): AuditEvent[] => {
    const current = evidence();
    if (current.notes.size === 0) return events;
    return events.map((e) => {
      const approvals = current.approvalsOf(e.commit);
      return approvals === null ? e : { ...e, approvals };
    });
  };

  const index: NativeHistoryIndex = {
    async refresh() {
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    async rebuild() {
      rmSync(path.join(historyDir, 'meta.json'), { force: true });
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    meta: () => meta,
    tip: () => meta.tip,
    ids: (kind) => idsIn(table(), kind),
    kindsOf: (id) => DEFINITION_KINDS.filter((k) => visibleEvents(fileOf(k, id)).length > 0),
    history(id, kind) {
      const slash = id.indexOf('/');
      if (slash > 0 && (kind === undefined || kind === 'runbook')) {
        return withApprovals(
          sortEvents(
            visibleEvents(fileOf('runbook', id.slice(0, slash))).filter((e) => e.event.auditable_id === id),
          ),
        );
      }
      const kinds = kind ? [kind] : DEFINITION_KINDS;
      return withApprovals(sortEvents(kinds.flatMap((k) => visibleEvents(fileOf(k, id)))));
    },
    events(query = {}) {
      const kinds = query.type ? [KIND_OF_TYPE[query.type]] : DEFINITION_KINDS;
      const all: StoredEvent[] = [];
      for (const kind of kinds) {
        const ids = query.id ? [query.id.split('/')[0]!] : idsIn(table(), kind);
        for (const id of ids) all.push(...visibleEvents(fileOf(kind, id)));
      }
      return withApprovals(sortEvents(all.filter((e) => matchesQuery(e.event, query))));
    },
    invalid() {
      invalidCache ??= (
        readChecked(
          () => 'invalid.json',
          (text) => JSON.parse(text) as StoredInvalid[],
        ) ?? []
      )
        .filter((i) => i.seq <= meta.seq)
        .map((i) => i.entry);
      return invalidCache;
    },
    states(kind, id) {
      return visibleStates(fileOf(kind, id)).map((s) => ({ ...s, kind, id }));
    },
    definitionAt(kind, id, version) {
      const file = fileOf(kind, id);
      const states = visibleStates(file);
      if (!file || states.length === 0) return null;
      if (version === undefined) {
        const latest = latestValid(states);
        return latest ? toVersion(kind, id, file, latest) : null;
      }
      const first = states.find((s) => s.version === version);
      return first ? toVersion(kind, id, file, first) : null;
    },
    definitionsAt(kind, commit, known) {
      const seq = seqOfCommit(commit);
      if (seq === 0) return [];
      const out: DefinitionVersion[] = [];
      for (const id of idsIn(table(), kind)) {
        const file = fileOf(kind, id);
        const latest = file ? latestValidAt(file.states, Math.min(seq, meta.seq)) : null;
        const held = latest?.blob ? known?.(id, latest.blob) : undefined;
        const version = file && latest ? toVersion(kind, id, file, latest, held) : null;
        if (version) out.push(version);
      }
      return out;
    },
    commits() {
      return commitList().map(([sha, created_at]) => ({ sha, created_at }));
    },
    rewrites: () => readRewrites(historyDir).records,
    identity() {
      // meta names every file the events, invalid entries and commits are read from by its checksum (the table holds
      // each definition's record's), and its seq bounds what is visible; the notes' commit fixes the approvals.
      if (!meta.checksums) return null;
      const notes = evidence().notesTip;
      return process
        .getBuiltinModule('node:crypto')
        .createHash('sha256')
        .update(JSON.stringify(['history-index', meta, notes]))
        .digest('hex');
    },
    recordIdentities() {
      // The table (checked against meta's checksum of it) names each record's checksum; the notes fix the approvals.
      if (!meta.checksums) return null;
      const notes = evidence().notesTip ?? '';
      const out = new Map<string, string>();
      for (const [kind, byId] of Object.entries(table().files))
        for (const [id, [, , checksum]] of Object.entries(byId ?? {}))
          out.set(`${kind}:${id}`, `${checksum} ${notes}`);
      return out;
    },
  };
  return index;
}

/**
 * The state that "the definition now" means for what runs and grants (docs/history.md "Validity"): the latest
 * version when it is valid, else the latest valid one before it since the last delete (a broken commit does not
 * take a definition away, nor put broken content into effect). A specific version is read as it is, valid or not.
 */
function latestValid(states: readonly StoredState[]): StoredState | null {
  for (let i = states.length - 1; i >= 0; i--) {
    const s = states[i]!;
    if (s.blob === null) return null;
    if (s.valid) return s;
  }
  return null;
}

/**
 * `latestValid` of the states up to `seq`: a file's states are in seq order (each update appends those of its
 * commits), so the last one at or before `seq` is found by bisection instead of filtering them all.
 */
function latestValidAt(states: readonly StoredState[], seq: number): StoredState | null {
  let lo = 0;
  let hi = states.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (states[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const s = states[i]!;
    if (s.blob === null) return null;
    if (s.valid) return s;
  }
  return null;
}

function sortEvents(list: StoredEvent[]): AuditEvent[] {
  return list.sort((a, b) => a.seq - b.seq || a.ord - b.ord).map((e) => e.event);
}
