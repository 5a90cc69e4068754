import path from 'node:path';

/** Where the journal lives in a data dir, for every module that touches its files. */
export function journalPaths(dataDir: string): { dir: string; lockTarget: string; quarantineDir: string } {
  const dir = path.join(dataDir, 'executions');
  return { dir, lockTarget: path.join(dir, 'journal'), quarantineDir: path.join(dir, 'quarantine') };
}
