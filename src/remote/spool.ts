import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, writeFileDurably } from '../state/durable-write.js';
import type { RemoteEnd } from './remote-end.js';

/**
 * One end record the service did not acknowledge, kept until it does (docs/executions.md, Remote recording): where
 * it goes, the idempotency key it was first sent with (every redelivery uses the same), and the end itself.
 */
export interface SpoolEntry {
  v: 1;
  server: string;
  execution_id: string;
  action_id: string;
  idempotency_key: string;
  end: RemoteEnd;
  spooled_at: string;
  /** Why it was spooled (the last delivery error). */
  reason: string;
  /**
   * The service never confirmed the start (nothing ran): a service that does not know the run has nothing to end,
   * so a 404 drops the entry instead of keeping it.
   */
  start_unconfirmed?: boolean;
}

const SUFFIX = '.end.json';

export const spoolDir = (dataDir: string): string => path.join(dataDir, 'spool');

/** The spool file of one run's end. */
export const spoolFile = (dataDir: string, executionId: string): string =>
  path.join(spoolDir(dataDir), `${executionId}${SUFFIX}`);

/** Keep an end durably (fsync'd file, fsync'd directory) before the command says it is spooled. */
export async function writeSpoolEntry(dataDir: string, entry: SpoolEntry): Promise<string> {
  await mkdir(spoolDir(dataDir), { recursive: true, mode: 0o700 });
  const file = spoolFile(dataDir, entry.execution_id);
  await writeFileDurably(file, `${JSON.stringify(entry)}\n`);
  return file;
}

/** The pending ends, oldest first by execution id; a file that cannot be read is reported, not dropped. */
export async function readSpool(
  dataDir: string,
): Promise<{ entries: { file: string; entry: SpoolEntry }[]; damaged: string[] }> {
  let names: string[];
  try {
    names = await readdir(spoolDir(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: [] };
    throw err;
  }
  const entries: { file: string; entry: SpoolEntry }[] = [];
  const damaged: string[] = [];
  for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
    const file = path.join(spoolDir(dataDir), name);
    try {
      const entry = JSON.parse(await readFile(file, 'utf8')) as SpoolEntry;
      if (entry?.v !== 1 || typeof entry.execution_id !== 'string') throw new Error('not a spool entry');
      entries.push({ file, entry });
    } catch (err) {
      // Gone meanwhile (another flush delivered it): nothing to report.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') damaged.push(file);
    }
  }
  return { entries, damaged };
}

/** Drop a delivered end (another flush may have dropped it first). */
export async function removeSpoolEntry(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return;
  }
  fsyncDir(path.dirname(file));
}

/** Move an end the service refused for good aside (`spool/rejected/`), so it is kept for a person to look at. */
export async function rejectSpoolEntry(file: string): Promise<string> {
  const dir = path.join(path.dirname(file), 'rejected');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, path.basename(file));
  await rename(file, target);
  fsyncDir(dir);
  fsyncDir(path.dirname(file));
  return target;
}
