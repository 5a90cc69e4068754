import { mkdirSync, statSync } from 'node:fs';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { fsyncDir } from '../../state/durable-write.js';
import { FileLockError, type ReleaseLock } from '../../state/file-lock.js';
import { FileFlock } from '../../state/flock.js';

/**
 * The file journal's inter-process lock (`executions/journal.lock`, flock): appends, rollover and the torn-tail
 * repair happen under it. A lock another process holds past the timeout is JOURNAL_LOCKED.
 */
export class JournalLock {
  private readonly flock: FileFlock;

  constructor(
    lockFile: string,
    private readonly dir: string,
    private readonly dataDir: string,
    private readonly timeoutMs: number,
  ) {
    this.flock = new FileFlock(lockFile, 'the execution journal');
  }

  /** For an append: creates `executions/` first when the journal has no segment yet. */
  async forAppend(journalIsNew: boolean): Promise<ReleaseLock> {
    try {
      if (journalIsNew) this.ensureDir();
      return await this.flock.acquire({ timeoutMs: this.timeoutMs });
    } catch (err) {
      if (err instanceof FileLockError && err.reason === 'locked') {
        throw new OpsledgerError('JOURNAL_LOCKED', `the execution journal is locked: ${err.message}`, {
          cause: err,
        });
      }
      throw new OpsledgerError(
        'JOURNAL_UNAVAILABLE',
        `cannot lock the execution journal in ${this.dir}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** For a repair at open: the lock, or the error that kept it (the caller reports it and goes on). */
  async forRepair(): Promise<ReleaseLock | Error> {
    return this.flock.acquire({ timeoutMs: this.timeoutMs }).catch((err: unknown) => err as Error);
  }

  close(): void {
    this.flock.close();
  }

  /** Create `executions/` (and make its entry in the data dir durable). */
  private ensureDir(): void {
    mkdirSync(this.dataDir, { recursive: true });
    try {
      statSync(this.dir);
    } catch {
      mkdirSync(this.dir, { mode: 0o700 });
      fsyncDir(this.dataDir);
    }
  }
}
