import { kindOfPath, type DefinitionKind } from '../definitions/types.js';
import type { Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-branch-log.js';
import { createBlockYamlParser } from './block-yaml.js';
import { scriptPathOf, type ParsedBlob } from './fold-types.js';
import { parseBlob } from './parse-blob.js';
import { SHIPPED_SCHEMAS, type SchemasByCommit } from './schemas-by-commit.js';

export interface BlobParserOptions {
  batch: CatFileBatch;
  /** The schemas in force at each chain commit (each blob is judged by those of the commit that wrote it). */
  schemas: SchemasByCommit;
  definitionsDir: string;
  cache: ParseCache;
}

/** Parsed blobs by schema key, then kind, then blob id. */
export type ParseCache = Map<string, Map<DefinitionKind, Map<string, ParsedBlob>>>;

/** The parsed blobs of one kind under one schema key (made on first use). */
function parsedOf(cache: ParseCache, key: string, kind: DefinitionKind): Map<string, ParsedBlob> {
  let byKind = cache.get(key);
  if (!byKind) cache.set(key, (byKind = new Map()));
  let byBlob = byKind.get(kind);
  if (!byBlob) byKind.set(kind, (byBlob = new Map()));
  return byBlob;
}

export interface BlobParser {
  /** Called for each chain commit, newest first, while the log still streams. */
  want(commit: LogCommit): void;
  /** A blob a merged-side commit wrote (parsed under the tip's schemas: only its value is used). */
  wantSide(kind: DefinitionKind, blob: string, file: string): void;
  done(): Promise<void>;
  /** The schema key of a chain commit given to `want` (after `done`). */
  schemaOf(sha: string): string;
  /** The schema key side blobs are parsed under (after `done`). */
  sideSchema(): string;
}

/**
 * Parses each distinct definition blob once per set of schemas: `want` is called for each commit while the log
 * still streams, so git reads blobs and js parses them while the log is being written. Versions of a file share their
 * unchanged top-level blocks and sequence items (`block-yaml.ts`): an edit re-parses only what it changed.
 *
 * (Parsing on a worker thread was measured and dropped: on two cores git, the log parser and the fold already keep
 * both busy, and the worker's own start-up, schema compile and result copy made a 5,000-commit build slower.)
 */
export function createBlobParser(options: BlobParserOptions): BlobParser {
  const { batch, cache, definitionsDir, schemas } = options;
  const asked = new Map<string, Set<string>>();
  const depthOf = new Map<string, number>();
  const keyOfDepth = new Map<number, string>();
  const ready = new Map<string, Validators>();
  const blocks = createBlockYamlParser();
  // Reads in flight, and the first failure: one callback per blob, no promise list to gather at the end.
  let outstanding = 0;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const settle = (): void => {
    if (--outstanding === 0) wake?.();
  };
  const fail = (error: unknown): void => {
    failure ??= { error };
    settle();
  };

  const store = (
    key: string,
    kind: DefinitionKind,
    oid: string,
    file: string,
    bytes: Buffer | null,
  ): void => {
    try {
      const validators = ready.get(key)!;
      parsedOf(cache, key, kind).set(
        oid,
        bytes ? parseBlob(bytes, file, kind, validators, blocks) : missingBlob(file, oid),
      );
    } catch (error) {
      failure ??= { error };
    }
    settle();
  };
  const read = (key: string, kind: DefinitionKind, oid: string, file: string): void => {
    // `kind\0key` names the set a blob is asked in once.
    const setName = `${kind}\0${key}`;
    let seen = asked.get(setName);
    if (!seen) asked.set(setName, (seen = new Set()));
    if (seen.has(oid)) return settle();
    seen.add(oid);
    batch.read(oid).then((obj) => {
      const bytes = obj?.content ?? null;
      // Blobs wait for their schemas' validators (compiled once per key); almost always they are there by now.
      if (ready.has(key)) store(key, kind, oid, file, bytes);
      else
        schemas.validators(key).then((v) => {
          ready.set(key, v);
          store(key, kind, oid, file, bytes);
        }, fail);
    }, fail);
  };
  const ask = (depth: number, kind: DefinitionKind, oid: string, file: string): void => {
    outstanding++;
    const key = keyOfDepth.get(depth);
    if (key !== undefined) return read(key, kind, oid, file);
    schemas.keyAt(depth).then((k) => {
      keyOfDepth.set(depth, k);
      read(k, kind, oid, file);
    }, fail);
  };
  return {
    want(commit) {
      const depth = schemas.place(commit);
      depthOf.set(commit.sha, depth);
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (kind && ch.newBlob) ask(depth, kind, ch.newBlob, ch.path);
      }
    },
    wantSide(kind, blob, file) {
      ask(0, kind, blob, file);
    },
    async done() {
      if (outstanding > 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure) throw failure.error;
    },
    schemaOf(sha) {
      return keyOfDepth.get(depthOf.get(sha) ?? 0) ?? SHIPPED_SCHEMAS;
    },
    sideSchema() {
      return keyOfDepth.get(0) ?? SHIPPED_SCHEMAS;
    },
  };
}

export function missingBlob(file: string, blob: string): ParsedBlob {
  return {
    ok: false,
    id: null,
    findings: [
      {
        code: 'blob-missing',
        file,
        line: 1,
        col: 1,
        message: `blob ${blob} is missing from the repository`,
        hint: 'Fetch the full history (a shallow or partial clone lacks old objects).',
        severity: 'error',
      },
    ],
  };
}

/** Every repo path a parsed action names as its `script.file`. */
export function scriptFilesNamed(cache: ParseCache): Set<string> {
  const out = new Set<string>();
  for (const byKind of cache.values()) {
    for (const parsed of byKind.get('action')?.values() ?? []) {
      if (!parsed.ok) continue;
      const sp = scriptPathOf(parsed.value);
      if (sp !== null) out.add(sp);
    }
  }
  return out;
}
