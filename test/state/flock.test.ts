import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileLockError } from '../../src/state/file-lock.js';
import { FileFlock, acquireFlock } from '../../src/state/flock.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-flock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A separate process that takes the lock, says so, and holds it until killed. */
function holder(file: string): Promise<{ kill: () => Promise<void> }> {
  const code = `
    const fs = require('node:fs'); const { flockSync } = require('fs-ext');
    const fd = fs.openSync(${JSON.stringify(file)}, 'a'); flockSync(fd, 'ex');
    process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.once('data', () =>
      resolve({
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      }),
    );
  });
}

describe('flock lock', () => {
  it('excludes a second holder in the same process until released', async () => {
    const file = path.join(tempDir(), 'x.lock');
    const a = new FileFlock(file);
    const b = new FileFlock(file);
    const release = await a.acquire();
    const err = await b.acquire({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileLockError);
    expect((err as FileLockError).reason).toBe('locked');
    release();
    const again = await b.acquire({ timeoutMs: 50 });
    again();
    a.close();
    b.close();
  });

  it('waits for another process and gets the lock the moment that process dies', async () => {
    const file = path.join(tempDir(), 'x.lock');
    const other = await holder(file);
    const waiting = acquireFlock(file, { timeoutMs: 10_000 });
    let got = false;
    void waiting.then(() => (got = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(false);
    await other.kill();
    const release = await waiting;
    release();

    // No stale-lock wait (checked without a clock, which machine load can break): once a holder has died, a single
    // attempt that may not wait at all gets the lock, because the kernel dropped the dead holder's lock.
    const dead = await holder(file);
    await expect(acquireFlock(file, { timeoutMs: 0 })).rejects.toMatchObject({ reason: 'locked' });
    await dead.kill();
    const single = await acquireFlock(file, { timeoutMs: 0 });
    single();
  });

  it('fails as unavailable where the lock file cannot be created', async () => {
    const file = path.join(tempDir(), 'missing-dir', 'x.lock');
    const err = await acquireFlock(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileLockError);
    expect((err as FileLockError).reason).toBe('unavailable');
  });
});
