import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { makeInput } from './make-input.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-group-commit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Appends that wait together are written under one lock and one fdatasync (group commit, docs/executions.md). The
// guarantees must not change: every acknowledged record is on disk, the chain is whole, and a conditional append
// is judged against everything before it, the earlier records of its own batch included.
describe('#17 journal group commit', () => {
  it('#17 concurrent appends and conditional appends: each acknowledged record durable once, one winner per id, chain whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 7 }), conditional: fc.boolean() }), {
          minLength: 1,
          maxLength: 60,
        }),
        async (ops) => {
          const dataDir = mkdtempSync(path.join(tmp, 'data-'));
          const journal = await openJournal({ dataDir });
          // All at once: the queue forms batches of whatever waits together.
          const settled = await Promise.all(
            ops.map((op) => {
              const input = makeInput({ id: `run-${op.id}` });
              return op.conditional
                ? journal.appendIf(input, (latest) => latest === null)
                : journal.append(input);
            }),
          );
          const acknowledged = settled.filter((r): r is ExecutionRecord => r !== null);
          await journal.close();

          const reopened = await openJournal({ dataDir });
          const onDisk: ExecutionRecord[] = [];
          for await (const r of reopened.scan()) onDisk.push(r);
          expect(onDisk.map((r) => r.hash)).toEqual(acknowledged.map((r) => r.hash));
          expect(onDisk.map((r) => r.seq)).toEqual(onDisk.map((_, i) => i + 1));
          // A conditional append wins only when nothing before it (in the journal or its batch) had that id.
          const seen = new Set<string>();
          ops.forEach((op, i) => {
            const id = `run-${op.id}`;
            if (op.conditional) expect(settled[i] !== null).toBe(!seen.has(id));
            if (settled[i] !== null) seen.add(id);
          });
          await reopened.close();
          expect((await verifyJournal({ dataDir })).ok).toBe(true);
          rmSync(dataDir, { recursive: true, force: true });
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('#17 a journal closed with appends queued refuses them; what it acknowledged stays', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const journal = await openJournal({ dataDir });
    const first = await journal.append(makeInput());
    const closing = journal.close();
    await expect(journal.append(makeInput())).rejects.toThrow(/closed/);
    await closing;
    const reopened = await openJournal({ dataDir });
    const hashes: string[] = [];
    for await (const r of reopened.scan()) hashes.push(r.hash);
    expect(hashes).toEqual([first.hash]);
    await reopened.close();
  });
});
