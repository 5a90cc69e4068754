import { kindOfPath, type DefinitionKind } from '../definitions/types.js';
import type { Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-branch-log.js';
import { createBlockYamlParser } from './block-yaml.js';
import { scriptPathOf, type ParsedBlob } from './fold-types.js';
import { parseBlob } from './parse-blob.js';
import type { HistorySchema } from './schema-at-tip.js';

export interface BlobParserOptions {
  batch: CatFileBatch;
  /** The schemas blobs are judged by (read while the log already streams). */
  schema: Promise<HistorySchema>;
  definitionsDir: string;
  cache: ParseCache;
}

/** Parsed blobs by kind, then blob id (a blob is judged by the schema of the folder it sits in). */
export type ParseCache = Map<DefinitionKind, Map<string, ParsedBlob>>;

/** The parsed blobs of one kind (made on first use). */
function parsedOfKind(cache: ParseCache, kind: DefinitionKind): Map<string, ParsedBlob> {
  let byBlob = cache.get(kind);
  if (!byBlob) cache.set(kind, (byBlob = new Map()));
  return byBlob;
}

/**
 * Parses each distinct definition blob once: `want` is called for each commit while the log still streams, so git
 * reads blobs and js parses them while the log is being written. Versions of a file share their unchanged top-level
 * blocks and sequence items (`block-yaml.ts`): an edit re-parses only what it changed.
 *
 * (Parsing on a worker thread was measured and dropped: on two cores git, the log parser and the fold already keep
 * both busy, and the worker's own start-up, schema compile and result copy made a 5,000-commit build slower.)
 */
export function createBlobParser(options: BlobParserOptions): {
  want(commit: LogCommit): void;
  done(): Promise<void>;
} {
  const { batch, cache, definitionsDir } = options;
  const asked = new Map<DefinitionKind, Set<string>>();
  let schema: HistorySchema | null = null;
  let validators: Validators | null = null;
  const blocks = createBlockYamlParser();
  // Reads in flight, and the first failure: one callback per blob, no promise list to gather at the end.
  let outstanding = 0;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const settle = (): void => {
    if (--outstanding === 0) wake?.();
  };
  void options.schema.then(
    (s) => (schema = s),
    () => undefined,
  );

  const fail = (error: unknown): void => {
    failure ??= { error };
    settle();
  };
  const parse = (oid: string, file: string, kind: DefinitionKind): void => {
    outstanding++;
    batch.read(oid).then((obj) => {
      const store = (): void => {
        try {
          validators ??= schema!.validators();
          parsedOfKind(cache, kind).set(
            oid,
            obj ? parseBlob(obj.content, file, kind, validators, blocks) : missingBlob(file, oid),
          );
        } catch (error) {
          failure ??= { error };
        }
        settle();
      };
      // Blobs wait for the schemas (read while the log already streams); almost always they are there by now.
      if (schema) store();
      else options.schema.then(store, fail);
    }, fail);
  };
  return {
    want(commit) {
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind || !ch.newBlob) continue;
        let seen = asked.get(kind);
        if (!seen) asked.set(kind, (seen = new Set()));
        if (seen.has(ch.newBlob)) continue;
        seen.add(ch.newBlob);
        parse(ch.newBlob, ch.path, kind);
      }
    },
    async done() {
      if (outstanding > 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure) throw failure.error;
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
  for (const parsed of cache.get('action')?.values() ?? []) {
    if (!parsed.ok) continue;
    const sp = scriptPathOf(parsed.value);
    if (sp !== null) out.add(sp);
  }
  return out;
}
