import { kindOfPath } from '../definitions/types.js';
import type { Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-first-parent-log.js';
import { scriptPathOf, type ParsedBlob } from './fold-types.js';
import { parseBlob } from './parse-blob.js';

/**
 * Parses each distinct definition blob once, through the one cat-file process: `want` is called for each commit
 * while the log still streams, so git reads blobs and js parses them while the log is being written.
 */
export function createBlobParser(
  batch: CatFileBatch,
  getValidators: () => Validators,
  definitionsDir: string,
  cache: Map<string, ParsedBlob>,
): { want(commit: LogCommit): void; done(): Promise<void> } {
  const pending: Promise<void>[] = [];
  const asked = new Set<string>();
  let validators: Validators | null = null;
  return {
    want(commit) {
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind || !ch.newBlob) continue;
        const key = `${kind}:${ch.newBlob}`;
        if (cache.has(key) || asked.has(key)) continue;
        asked.add(key);
        const { newBlob, path: file } = ch;
        pending.push(
          batch.read(newBlob).then((obj) => {
            validators ??= getValidators();
            cache.set(key, obj ? parseBlob(obj.content, file, kind, validators) : missingBlob(file, newBlob));
          }),
        );
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
