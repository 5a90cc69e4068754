import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DefinitionKind } from '../definitions/types.js';
import { tableFile } from './definition-pack.js';
import { readWithStat, stampsIn, type FileRead } from './verified-stamps.js';
import type { FoldState } from './fold-history.js';
import type { AuditEvent, InvalidEntry } from './types.js';
import type { EncodedValue, Part } from './value-table.js';

/**
 * 6: meta carries a checksum of itself and of every file it names, pack records carry their own; events carry their
 * validity, per-pointer credit, restores, partial and forge (docs/history.md).
 */
export const INDEX_FORMAT = 6;

/** The index's table of contents; written last (atomically), so it only ever names complete files. */
export interface IndexMeta {
  format: number;
  branch: string;
  definitionsDir: string;
  /** Identity of the schemas at the tip (the repo's, or "shipped"); each commit is judged by its own. */
  schemaKey: string;
  /** Folded as a partial history (`--allow-shallow`); a refresh with the other setting rebuilds. */
  partial?: boolean;
  tip: string | null;
  /** Number of first-parent commits indexed (the seq of the tip). */
  seq: number;
  generation: number;
  stateFile: string;
  /** Script files the log follows (every `script.file` any action ever named). */
  scripts: string[];
  /**
   * sha256 (hex) of each file of the generation meta names (the table, `invalid.json`, the checkpoint, `commits.txt`
   * up to seq), set by `writeMeta`; a file that does not match is damaged and never read.
   */
  checksums?: Record<string, string>;
}

export interface StoredEvent {
  seq: number;
  ord: number;
  event: AuditEvent;
}

export interface StoredState {
  seq: number;
  commit: string;
  created_at: string;
  version: number;
  blob: string | null;
  path: string;
  file_blob: string | null;
  /** Whether the version validated at its commit (format 5; absent: valid). */
  valid: boolean;
}

/** Everything about one definition (a runbook includes its steps' events): one record read per `history ID`. */
export interface DefinitionFile {
  kind: DefinitionKind;
  id: string;
  events: StoredEvent[];
  states: StoredState[];
  /** Parsed values by blob id, for every state's blob, as keys and numbers of `parts` (value-table.ts). */
  values: Record<string, EncodedValue>;
  parts: Part[];
}

export interface StoredInvalid {
  seq: number;
  entry: InvalidEntry;
}

/** Write a file so that readers see the old or the new content, never a torn one (temp file + rename). */
export function writeAtomic(file: string, content: string): void {
  const { randomBytes } = process.getBuiltinModule('node:crypto'); // only a writer needs it
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Read and parse a JSON file (or, with `parse`, a file of the index in its stored form); null when it is missing or
 * unreadable (the index is derived: callers rebuild).
 */
export function readJson<T>(file: string, parse: (text: string) => T = JSON.parse): T | null {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Where one generation of the index lives; a rebuild writes a new generation and switches meta to it. */
export function generationDir(historyDir: string, generation: number): string {
  return path.join(historyDir, `gen-${generation}`);
}

/**
 * sha256 (hex). node:crypto loads on the first hash: a warm read whose files a stamp vouches for hashes nothing and
 * loads none of it (docs/history.md, "Checked once, then trusted by stat"; README, CLI start-up).
 */
const sha256 = (bytes: Buffer | string): string =>
  process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');

/**
 * The index's meta, or null when it is missing, of another format or damaged (then `onDamaged` hears why, and the
 * caller rebuilds). meta.json holds a checksum of the rest of itself, checked unless a stamp vouches for the file
 * (verified-stamps.ts).
 */
export function readMeta(historyDir: string, onDamaged?: (reason: string) => void): IndexMeta | null {
  const file = path.join(historyDir, 'meta.json');
  let read: FileRead;
  let text: string;
  try {
    read = readWithStat(file);
    text = read.bytes.toString('utf8');
  } catch {
    return null;
  }
  const why = (reason: string): null => {
    onDamaged?.(`history/meta.json ${reason}`);
    return null;
  };
  let stored: IndexMeta & { checksum?: unknown };
  try {
    stored = JSON.parse(text) as IndexMeta & { checksum?: unknown };
  } catch {
    return why('is not JSON');
  }
  if (stored === null || typeof stored !== 'object') return why('is not an index meta');
  if (stored.format !== INDEX_FORMAT) {
    return why(`is of format ${String(stored.format)}, this opsledger reads format ${INDEX_FORMAT}`);
  }
  const { checksum, ...meta } = stored;
  const matches =
    typeof checksum === 'string' &&
    stampsIn(historyDir).verify(file, read, checksum, () => checksum === sha256(JSON.stringify(meta)));
  if (!matches) return why('does not match its checksum');
  if (typeof meta.generation !== 'number' || typeof meta.seq !== 'number') return why('is not an index meta');
  return meta;
}

/**
 * Write meta last, once every file it names is complete: with the checksum of each of them (set on `meta` too, for
 * the caller's readers) and of itself.
 */
export function writeMeta(historyDir: string, meta: IndexMeta): void {
  const genDir = generationDir(historyDir, meta.generation);
  const checksums: Record<string, string> = {};
  for (const name of namedFiles(meta)) {
    const bytes = countedBytes(genDir, name, meta);
    if (bytes) checksums[name] = sha256(bytes);
  }
  meta.checksums = checksums;
  const { checksums: _, ...rest } = meta;
  const body = { ...rest, checksums };
  writeAtomic(
    path.join(historyDir, 'meta.json'),
    JSON.stringify({ ...body, checksum: sha256(JSON.stringify(body)) }),
  );
}

/** The files of its generation meta names (and checksums). */
function namedFiles(meta: IndexMeta): string[] {
  return [path.basename(tableFile('', meta.seq)), 'invalid.json', meta.stateFile, 'commits.txt'];
}

/** The bytes of an index file its checksum covers: `commits.txt` up to meta's seq (the rest is ignored), else all. */
function countedBytes(genDir: string, name: string, meta: IndexMeta): Buffer | null {
  try {
    const bytes = readFileSync(path.join(genDir, name));
    return name === 'commits.txt' ? bytes.subarray(0, meta.seq * COMMIT_LINE) : bytes;
  } catch {
    return null;
  }
}

/** Whether `content` (as read, or cut as `countedBytes` does) is the file meta's checksum names. */
export function matchesChecksum(meta: IndexMeta, name: string, content: Buffer | string): boolean {
  const want = meta.checksums?.[name];
  return want !== undefined && sha256(content) === want;
}

/**
 * Whether `read`, of the file `name` of meta's generation, is the file meta's checksum names: checked, or vouched for by
 * a stamp of its stat (verified-stamps.ts). `counted` is the part the checksum covers (default: all of it).
 */
export function matchesChecksumRead(
  historyDir: string,
  meta: IndexMeta,
  name: string,
  read: FileRead,
  counted: Buffer = read.bytes,
): boolean {
  const want = meta.checksums?.[name];
  if (want === undefined) return false;
  const file = path.join(generationDir(historyDir, meta.generation), name);
  return stampsIn(historyDir).verify(file, read, want, () => sha256(counted) === want);
}

/** Why the files meta names are not the ones it was written with (null: they are). */
export function checkIndexFiles(historyDir: string, meta: IndexMeta): string | null {
  const genDir = generationDir(historyDir, meta.generation);
  for (const name of namedFiles(meta)) {
    const want = meta.checksums?.[name];
    if (want === undefined) continue;
    const bytes = countedBytes(genDir, name, meta);
    if (!bytes) return `history/gen-${meta.generation}/${name} is missing`;
    if (sha256(bytes) !== want) return `history/gen-${meta.generation}/${name} does not match its checksum`;
  }
  return null;
}

export function readFoldState(historyDir: string, meta: IndexMeta): FoldState | null {
  const file = path.join(generationDir(historyDir, meta.generation), meta.stateFile);
  const state = readJson<FoldState>(file, (text) => {
    if (!matchesChecksum(meta, meta.stateFile, text)) throw new Error('checksum');
    return JSON.parse(text) as FoldState;
  });
  return state && state.seq === meta.seq ? state : null;
}

/** `[sha, committer date]` of every first-parent commit, oldest first. */
export type StoredCommits = [string, string][];

/**
 * The first-parent commits live in `commits.txt`, one fixed-width line each (`<sha> <ISO date>`), so a refresh
 * appends a line per new commit instead of rewriting the file, and a reader cuts it at meta's seq.
 */
export const COMMIT_LINE = 40 + 1 + 25 + 1;

export function commitsFile(genDir: string): string {
  return path.join(genDir, 'commits.txt');
}

export function formatCommitLines(commits: readonly { sha: string; committer: { date: string } }[]): string {
  return commits.map((c) => `${c.sha} ${c.committer.date.slice(0, 25).padEnd(25)}\n`).join('');
}

/** The first `count` commits, or null when the file holds fewer (a damaged index). */
export function parseCommitLines(text: string, count: number): StoredCommits | null {
  if (text.length < count * COMMIT_LINE) return null;
  const out: StoredCommits = [];
  for (let i = 0; i < count; i++) {
    const line = text.slice(i * COMMIT_LINE, (i + 1) * COMMIT_LINE - 1);
    out.push([line.slice(0, 40), line.slice(41).trimEnd()]);
  }
  return out;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
