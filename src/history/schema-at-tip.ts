import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadValidators, SCHEMA_FILES, type Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import { ensureDir } from './history-store.js';

/**
 * The schemas history judges blobs by: their key (stored in the index meta) and validators compiled on first use,
 * so the log is already streaming while they compile.
 */
export interface HistorySchema {
  key: string;
  validators: () => Validators;
}

function schemaOf(key: string, dir: string | undefined): HistorySchema {
  return { key, validators: () => loadValidators(dir) };
}

/** The schemas the index was built with, or null when their copy is gone. */
export function knownSchema(historyDir: string, key: string): HistorySchema | null {
  if (key === 'shipped') return schemaOf(key, undefined);
  const dir = path.join(historyDir, 'schema', key);
  return existsSync(path.join(dir, '.complete')) ? schemaOf(key, dir) : null;
}

/** The repo's schemas at the tip (copied into the data dir once per schema version), else the shipped ones. */
export async function schemaAt(
  batch: CatFileBatch,
  tip: string,
  definitionsDir: string,
  historyDir: string,
): Promise<HistorySchema> {
  const names = Object.values(SCHEMA_FILES);
  const objects = await batch.readMany(names.map((n) => `${tip}:${definitionsDir}/schema/${n}`));
  if (objects.every((o) => o === null)) return schemaOf('shipped', undefined);
  const key = createHash('sha256')
    .update(objects.map((o, i) => `${names[i]}=${o?.oid ?? '-'}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(historyDir, 'schema', key);
  if (!existsSync(path.join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    ensureDir(dir);
    objects.forEach((o, i) => o && writeFileSync(path.join(dir, names[i]!), o.content));
    writeFileSync(path.join(dir, '.complete'), '');
  }
  return schemaOf(key, dir);
}
