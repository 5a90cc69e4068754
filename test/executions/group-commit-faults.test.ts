import type * as nodeFs from 'node:fs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { makeInput } from './make-input.js';

// The disk refuses the batch's one fdatasync (fault injection on node:fs, this file only).
const fault = vi.hoisted(() => ({ failSync: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  const fdatasync = (fd: number, cb: (err: NodeJS.ErrnoException | null) => void): void => {
    if (!fault.failSync) return fs.fdatasync(fd, cb);
    const err: NodeJS.ErrnoException = new Error('ENOSPC: no space left on device, fdatasync');
    err.code = 'ENOSPC';
    setImmediate(() => cb(err));
  };
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-group-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('#17 journal group commit under a failing disk', () => {
  it('#17 a batch that cannot be made durable is truncated away whole, every append in it failing; the next append chains on', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const journal = await openJournal({ dataDir });
    const first = await journal.append(makeInput());
    const [segment] = journal.segmentNames();
    const file = path.join(journal.dir, segment!);
    const size = statSync(file).size;

    fault.failSync = true;
    const batch = await Promise.allSettled([
      journal.append(makeInput()),
      journal.appendIf(makeInput(), (latest) => latest === null),
      journal.append(makeInput()),
    ]);
    fault.failSync = false;
    for (const r of batch) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'JOURNAL_UNAVAILABLE' });
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/ENOSPC/);
    }
    expect(statSync(file).size).toBe(size);
    expect(journal.head()).toEqual({ seq: first.seq, hash: first.hash });

    const next = await journal.append(makeInput());
    expect(next.seq).toBe(first.seq + 1);
    expect(next.prev_hash).toBe(first.hash);
    await journal.close();

    const reopened = await openJournal({ dataDir });
    const seqs: number[] = [];
    for await (const r of reopened.scan()) seqs.push(r.seq);
    expect(seqs).toEqual([1, 2]);
    expect(reopened.quarantined()).toEqual([]);
    await reopened.close();
    expect((await verifyJournal({ dataDir })).ok).toBe(true);
  });
});
