import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileDurably } from './durable-write.js';

/**
 * A lowdb adapter that reads a JSON file and replaces it atomically and durably (temp file, fsync, rename, fsync of
 * the directory), with owner-only permissions: state holds the pseudonym vault and key material.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, `${JSON.stringify(data, null, 2)}\n`, 0o600);
  }
}
