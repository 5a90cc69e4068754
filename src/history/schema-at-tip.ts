import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The schemas the index was built with, or null when their copy is gone or damaged (`onDamaged` hears which). */
export function knownSchema(
  historyDir: string,
  key: string,
  onDamaged: (what: string) => void = () => undefined,
): HistorySchema | null {
  if (key === 'shipped') return schemaOf(key, undefined);
  const dir = path.join(historyDir, 'schema', key);
  const damage = checkSchemaCopy(dir);
  if (damage === 'missing') return null;
  if (damage) {
    onDamaged(`history/schema/${key}/${damage} does not match the blob it was copied from`);
    return null;
  }
  return schemaOf(key, dir);
}

/**
 * Whether the copy in `dir` is whole: `.complete` (written last) names each file's git blob id, and each file still
 * hashes to it. Returns null when whole, 'missing' without `.complete`, else the damaged file's name.
 */
function checkSchemaCopy(dir: string): string | null {
  let oids: Record<string, string>;
  try {
    oids = JSON.parse(readFileSync(path.join(dir, '.complete'), 'utf8')) as Record<string, string>;
  } catch {
    return 'missing';
  }
  if (oids === null || typeof oids !== 'object') return '.complete';
  for (const [name, oid] of Object.entries(oids)) {
    try {
      if (blobId(readFileSync(path.join(dir, name)), oid.length) !== oid) return name;
    } catch {
      return name;
    }
  }
  return null;
}

/** git's object id of a blob with this content (sha1, or sha256 for a repo of that object format). */
function blobId(content: Buffer, hexLength: number): string {
  return createHash(hexLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
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
  if (checkSchemaCopy(dir) !== null) {
    rmSync(dir, { recursive: true, force: true });
    ensureDir(dir);
    const oids: Record<string, string> = {};
    objects.forEach((o, i) => {
      if (!o) return;
      writeFileSync(path.join(dir, names[i]!), o.content);
      oids[names[i]!] = o.oid;
    });
    writeFileSync(path.join(dir, '.complete'), JSON.stringify(oids));
  }
  return schemaOf(key, dir);
}
