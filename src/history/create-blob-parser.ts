import { kindOfPath, type DefinitionKind } from '../definitions/types.js';
import type { Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-first-parent-log.js';
import { createBlockYamlParser } from './block-yaml.js';
import { scriptPathOf, type ParsedBlob } from './fold-types.js';
import { parseBlob } from './parse-blob.js';
import type { HistorySchema } from './schema-at-tip.js';

export interface BlobParserOptions {
  batch: CatFileBatch;
  /** The schemas blobs are judged by (read while the log already streams). */
  schema: Promise<HistorySchema>;
  definitionsDir: string;
  cache: Map<string, ParsedBlob>;
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
  const pending: Promise<void>[] = [];
  const asked = new Set<string>();
  let validators: Validators | null = null;
  const blocks = createBlockYamlParser();

  const parse = (key: string, oid: string, file: string, kind: DefinitionKind): void => {
    pending.push(
      Promise.all([options.schema, batch.read(oid)]).then(([schema, obj]) => {
        validators ??= schema.validators();
        cache.set(key, obj ? parseBlob(obj.content, file, kind, validators, blocks) : missingBlob(file, oid));
      }),
    );
  };
  return {
    want(commit) {
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind || !ch.newBlob) continue;
        const key = `${kind}:${ch.newBlob}`;
        if (cache.has(key) || asked.has(key)) continue;
        asked.add(key);
        parse(key, ch.newBlob, ch.path, kind);
      }
    },
    async done() {
      await Promise.all(pending.splice(0));
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
export function scriptFilesNamed(cache: Map<string, ParsedBlob>): Set<string> {
  const out = new Set<string>();
  for (const [key, parsed] of cache) {
    if (!parsed.ok || !key.startsWith('action:')) continue;
    const sp = scriptPathOf(parsed.value);
    if (sp !== null) out.add(sp);
  }
  return out;
}
