import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { DurableJsonFile } from './durable-json-file.js';
import { FileLockError } from './file-lock.js';
import { withFlock } from './flock.js';

/**
 * The small mutable state under `<dataDir>/state/`: one JSON file per collection (lowdb), each replaced atomically
 * and durably, each guarded by its own inter-process lock so read-modify-write never loses another process's change.
 */
export interface StateStore {
  /** `<dataDir>/state`. */
  readonly dir: string;
  /** The file of a collection (for freshness checks by mtime). */
  fileOf(name: string): string;
  /** The current content of a collection, or `defaults()` when it was never written. No lock. */
  read<T>(name: string, defaults: () => T): Promise<T>;
  /**
   * Lock the collection, read it, let `mutate` change it in place, write it back, unlock; returns what `mutate`
   * returned. The file is rewritten only when `mutate` changed the content.
   */
  update<T, R>(name: string, defaults: () => T, mutate: (data: T) => R | Promise<R>): Promise<R>;
}

export interface StateOptions {
  /** How long to wait for another process's lock on a collection (default 10 s). */
  lockTimeoutMs?: number;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Open the state store of a data dir (creates `<dataDir>/state` on first write). */
export function openState(dataDir: string, options: StateOptions = {}): StateStore {
  const dir = path.join(dataDir, 'state');
  const fileOf = (name: string): string => {
    if (!NAME.test(name)) throw new OpsledgerError('INTERNAL', `invalid state collection name "${name}"`);
    return path.join(dir, `${name}.json`);
  };
  const load = async <T>(name: string, defaults: () => T): Promise<Low<T>> => {
    const db = new Low<T>(new DurableJsonFile<T>(fileOf(name)), defaults());
    try {
      await db.read();
    } catch (err) {
      throw new OpsledgerError(
        'STATE_UNAVAILABLE',
        `cannot read state ${fileOf(name)}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return db;
  };
  return {
    dir,
    fileOf,
    async read(name, defaults) {
      return (await load(name, defaults)).data;
    },
    async update(name, defaults, mutate) {
      const file = fileOf(name);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // flock(2) on `<name>.json.lock`: the kernel releases it when its holder dies (docs/executions.md, "Locks").
        const lock = { timeoutMs: options.lockTimeoutMs ?? 10_000, what: `the state file ${name}.json` };
        return await withFlock(`${file}.lock`, lock, async () => {
          const db = await load(name, defaults);
          const before = JSON.stringify(db.data);
          const result = await mutate(db.data);
          if (JSON.stringify(db.data) !== before) await db.write();
          return result;
        });
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        if (err instanceof FileLockError && err.reason === 'locked') {
          throw new OpsledgerError('STATE_LOCKED', err.message, { cause: err });
        }
        throw new OpsledgerError(
          'STATE_UNAVAILABLE',
          `cannot write state ${file}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
    },
  };
}
