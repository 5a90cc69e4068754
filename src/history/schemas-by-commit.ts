import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadValidators, SCHEMA_FILES, type SchemaName, type Validators } from '../definitions/schemas.js';
import { shippedValidators } from '../definitions/shipped-validators.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-branch-log.js';
import { ensureDir } from './history-store.js';

/** The schema files' blob ids in one commit's tree (null: the repo has no such file there). */
type SchemaBlobs = Record<SchemaName, string | null>;

/** The key of a commit's schemas when the repo has none of its own (the shipped copy judges). */
export const SHIPPED_SCHEMAS = 'shipped';

const NAMES = Object.keys(SCHEMA_FILES) as SchemaName[];

/**
 * The schemas in force in each commit of the chain (docs/history.md "Validity"): the repo's own
 * `<definitions>/schema/*.json` in that commit's tree, each file the shipped copy where the repo has none. The chain
 * streams newest first, so the schemas of a commit are the tip's with the changes of every newer commit undone.
 * Validators are compiled once per set of schema blobs (their key), on first use.
 */
export interface SchemasByCommit {
  /** Called for each chain commit, newest first, before its blobs are asked for: the key of its schemas. */
  place(commit: LogCommit): number;
  /** The key of the schemas of a placed commit (by what `place` returned), once the tip's are read. */
  keyAt(depth: number): Promise<string>;
  /** The validators of a key. */
  validators(key: string): Promise<Validators>;
}

export function createSchemasByCommit(
  batch: CatFileBatch,
  tip: string,
  definitionsDir: string,
  historyDir: string,
  onDamaged: (what: string) => void = () => undefined,
): SchemasByCommit {
  const prefix = `${definitionsDir}/schema/`;
  const nameOf = new Map(NAMES.map((n) => [`${prefix}${SCHEMA_FILES[n]}`, n]));
  // The schema changes of the placed commits, newest first: undoing the first `depth` gives a commit's schemas.
  const undo: Partial<SchemaBlobs>[] = [];
  const tipBlobs = batch
    .readMany(NAMES.map((n) => `${tip}:${prefix}${SCHEMA_FILES[n]}`))
    .then((objects) => Object.fromEntries(NAMES.map((n, i) => [n, objects[i]?.oid ?? null])) as SchemaBlobs);
  tipBlobs.catch(() => undefined);
  const keys = new Map<number, Promise<string>>();
  const blobsOfKey = new Map<string, SchemaBlobs>();
  const compiled = new Map<string, Promise<Validators>>();

  const keyOf = (blobs: SchemaBlobs): string => {
    if (NAMES.every((n) => blobs[n] === null)) return SHIPPED_SCHEMAS;
    const key = createHash('sha256')
      .update(NAMES.map((n) => `${SCHEMA_FILES[n]}=${blobs[n] ?? '-'}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    blobsOfKey.set(key, blobs);
    return key;
  };

  return {
    place(commit) {
      const depth = undo.length;
      let changed: Partial<SchemaBlobs> | null = null;
      for (const ch of commit.changes) {
        const name = ch.path.startsWith(prefix) ? nameOf.get(ch.path) : undefined;
        if (name) (changed ??= {})[name] = ch.oldBlob;
      }
      if (changed) undo.push(changed);
      return depth;
    },
    keyAt(depth) {
      let key = keys.get(depth);
      if (!key) {
        key = tipBlobs.then((blobs) => {
          const at = { ...blobs };
          for (let i = 0; i < depth; i++) Object.assign(at, undo[i]);
          return keyOf(at);
        });
        keys.set(depth, key);
      }
      return key;
    },
    validators(key) {
      let hit = compiled.get(key);
      if (!hit) {
        hit = key === SHIPPED_SCHEMAS ? Promise.resolve(shippedValidators()) : copyOut(key);
        compiled.set(key, hit);
      }
      return hit;
    },
  };

  /**
   * Write a key's schema files into the data dir once (validators are compiled from a folder). `.complete`, written
   * last, names each file's git blob id; a copy whose files no longer hash to those ids is damaged: never trusted,
   * written again from git's objects (docs/history.md "Checksums").
   */
  async function copyOut(key: string): Promise<Validators> {
    const dir = path.join(historyDir, 'schema', key);
    const blobs = blobsOfKey.get(key)!;
    const whole = isWholeCopy(dir, blobs);
    if (whole !== true) {
      if (whole !== 'missing')
        onDamaged(`history/schema/${key}/${whole} does not match the blob it was copied from`);
      const objects = await batch.readMany(NAMES.map((n) => blobs[n] ?? '0'.repeat(40)));
      rmSync(dir, { recursive: true, force: true });
      ensureDir(dir);
      const oids: Record<string, string> = {};
      NAMES.forEach((n, i) => {
        const o = objects[i];
        if (blobs[n] === null || !o) return;
        writeFileSync(path.join(dir, SCHEMA_FILES[n]), o.content);
        oids[SCHEMA_FILES[n]] = blobs[n];
      });
      writeFileSync(path.join(dir, '.complete'), JSON.stringify(oids));
    }
    return withShippedFallback(loadValidators(dir));
  }
}

/**
 * Whether the copy in `dir` holds exactly `blobs`, each file still hashing to its git blob id: true when whole,
 * 'missing' when there is no (complete) copy yet, else the name of the damaged file.
 */
function isWholeCopy(dir: string, blobs: SchemaBlobs): true | 'missing' | string {
  let oids: unknown;
  try {
    oids = JSON.parse(readFileSync(path.join(dir, '.complete'), 'utf8'));
  } catch {
    return 'missing';
  }
  if (oids === null || typeof oids !== 'object') return '.complete';
  for (const n of NAMES) {
    const oid = blobs[n];
    if (oid === null) continue;
    if ((oids as Record<string, unknown>)[SCHEMA_FILES[n]] !== oid) return 'missing';
    try {
      if (blobId(readFileSync(path.join(dir, SCHEMA_FILES[n])), oid.length) !== oid) return SCHEMA_FILES[n];
    } catch {
      return SCHEMA_FILES[n];
    }
  }
  return true;
}

/** git's object id of a blob with this content (sha1, or sha256 in a repo of that object format). */
function blobId(content: Buffer, hexLength: number): string {
  return createHash(hexLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/**
 * A schema file that does not compile (a broken commit of the schema itself) judges nothing: the shipped copy of that
 * schema is used for the commits where it is in force.
 */
function withShippedFallback(validators: Validators): Validators {
  const out = {} as Validators;
  for (const name of NAMES) {
    let chosen: Validators[SchemaName] | undefined;
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => {
        if (!chosen) {
          try {
            chosen = validators[name];
          } catch {
            chosen = shippedValidators()[name];
          }
        }
        return chosen;
      },
    });
  }
  return out;
}
