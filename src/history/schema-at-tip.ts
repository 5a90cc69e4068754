import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadValidators, SCHEMA_FILES, type Validators } from '../definitions/schemas.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import { ensureDir } from './history-store.js';

/** Validators (compiled on first use) for the schemas the index was built with, or null when their copy is gone. */
export function knownSchema(historyDir: string, key: string): { validators: () => Validators } | null {
  if (key === 'shipped') return { validators: () => loadValidators() };
  const dir = path.join(historyDir, 'schema', key);
  return existsSync(path.join(dir, '.complete')) ? { validators: () => loadValidators(dir) } : null;
}

/** The schemas shipped with opsledger, for a repo without its own. */
export function shipped(): { key: string; validators: Validators } {
  return { key: 'shipped', validators: loadValidators() };
}

/** Validators from the repo's schemas at the tip (copied into the data dir once per schema version), else shipped. */
export async function schemaAt(
  batch: CatFileBatch,
  tip: string,
  definitionsDir: string,
  historyDir: string,
): Promise<{ key: string; validators: Validators }> {
  const names = Object.values(SCHEMA_FILES);
  const objects = await batch.readMany(names.map((n) => `${tip}:${definitionsDir}/schema/${n}`));
  if (objects.every((o) => o === null)) return shipped();
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
  return { key, validators: loadValidators(dir) };
}
