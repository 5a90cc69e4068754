import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Make the journal and state folders of data dir `dir` (and `dir` itself) really unwritable; returns how to undo it.
 * chmod does not stop root, so as root the directories get the immutable attribute (chattr +i); where that is not
 * possible, `executions` and `state` become plain files so nothing can be created below them. Whichever way, the
 * probe write must fail, or this throws: the test would prove nothing.
 */
export function makeReadOnly(dir: string): { how: string; undo: () => void } {
  for (const sub of ['executions', 'state']) mkdirSync(path.join(dir, sub), { recursive: true });
  const targets = [dir, path.join(dir, 'executions'), path.join(dir, 'state')];
  const probe = (): boolean => {
    try {
      writeFileSync(path.join(dir, 'executions', 'probe'), 'x');
      rmSync(path.join(dir, 'executions', 'probe'));
      return false;
    } catch {
      return true;
    }
  };
  if (process.getuid?.() !== 0) {
    for (const t of targets) chmodSync(t, 0o555);
    if (probe()) return { how: 'chmod 555', undo: () => targets.forEach((t) => chmodSync(t, 0o755)) };
  }
  try {
    execFileSync('chattr', ['+i', ...targets.slice(1).reverse(), dir], { stdio: 'ignore' });
    if (probe()) {
      return {
        how: 'chattr +i',
        undo: () => execFileSync('chattr', ['-i', ...targets], { stdio: 'ignore' }),
      };
    }
    execFileSync('chattr', ['-i', ...targets], { stdio: 'ignore' });
  } catch {
    // No chattr, or no CAP_LINUX_IMMUTABLE: fall through.
  }
  for (const sub of ['executions', 'state']) {
    rmSync(path.join(dir, sub), { recursive: true, force: true });
    writeFileSync(path.join(dir, sub), 'not a directory\n');
  }
  if (probe()) return { how: 'executions/ and state/ replaced by files', undo: () => undefined };
  throw new Error(`cannot make ${dir} unwritable for this test`);
}
