import path from 'node:path';

/** Where the journal lives in a data dir, for every module that touches its files. */
export function journalPaths(dataDir: string): { dir: string; lockFile: string; quarantineDir: string } {
  const dir = path.join(dataDir, 'executions');
  // The lock file stays in place; the lock is the kernel's flock on it (state/flock.ts).
  return { dir, lockFile: path.join(dir, 'journal.lock'), quarantineDir: path.join(dir, 'quarantine') };
}
