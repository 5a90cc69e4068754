import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DefinitionKind } from '../definitions/types.js';
import type { FoldState } from './fold-history.js';
import type { AuditEvent, InvalidEntry } from './types.js';
import type { EncodedValue, Part } from './value-table.js';

export const INDEX_FORMAT = 5;

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

export function readMeta(historyDir: string): IndexMeta | null {
  const meta = readJson<IndexMeta>(path.join(historyDir, 'meta.json'));
  if (!meta || meta.format !== INDEX_FORMAT || typeof meta.generation !== 'number') return null;
  return meta;
}

export function writeMeta(historyDir: string, meta: IndexMeta): void {
  writeAtomic(path.join(historyDir, 'meta.json'), JSON.stringify(meta));
}

export function readFoldState(historyDir: string, meta: IndexMeta): FoldState | null {
  const state = readJson<FoldState>(path.join(generationDir(historyDir, meta.generation), meta.stateFile));
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
