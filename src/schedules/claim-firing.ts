import { closeSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

const claimsDir = (dataDir: string): string => path.join(dataDir, 'executions', 'claims');

/**
 * Claim one firing for this process: create `<data-dir>/executions/claims/<firing id>` with O_CREAT|O_EXCL, which
 * exactly one process can do (docs/schedules.md, "Several instances"). True when this process won. The start record
 * is then appended only if its id is new, under the journal lock, as a second guard.
 */
export function claimFiring(dataDir: string, id: string): boolean {
  const file = path.join(claimsDir(dataDir), id);
  try {
    closeSync(openSync(file, 'wx', 0o600));
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOENT') throw err;
  }
  // The claims folder is made on first use (or again, if someone removed it), not before every claim.
  mkdirSync(claimsDir(dataDir), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Remove claim files older than `maxAgeMs` (their firings are long recorded). */
export function pruneClaims(dataDir: string, now: Date, maxAgeMs = 86_400_000): void {
  let names: string[];
  try {
    names = readdirSync(claimsDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(claimsDir(dataDir), name);
    try {
      if (now.getTime() - statSync(file).mtimeMs > maxAgeMs) unlinkSync(file);
    } catch {
      // Another instance pruned it first.
    }
  }
}
