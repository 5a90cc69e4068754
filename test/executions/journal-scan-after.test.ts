import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeJournal } from '../../src/executions/fake-journal.js';
import { openJournal, type FileJournal } from '../../src/executions/open-journal.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import { makeInput } from './make-input.js';

let root: string;
let journal: FileJournal;
const TOTAL = 4000;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'opsledger-scan-after-'));
  const dir = path.join(root, 'executions');
  mkdirSync(dir);
  // Segments of about 1 MiB (lines of varied length), so the bisection runs inside segments and across them.
  let head = { seq: 0, hash: GENESIS_HASH };
  let lines: string[] = [];
  let size = 0;
  let n = 1;
  const flush = () => {
    writeFileSync(path.join(dir, `segment-2026-01-${n++}.jsonl`), lines.join(''));
    lines = [];
    size = 0;
  };
  for (let i = 0; i < TOTAL; i++) {
    const { record, line } = sealRecord(
      makeInput({ parameters: { note: 'x'.repeat((i * 7919) % 900) } }),
      head,
    );
    head = { seq: record.seq, hash: record.hash };
    lines.push(line);
    size += line.length;
    if (size > 1024 * 1024) flush();
  }
  flush();
  journal = await openJournal({ dataDir: root });
  expect(journal.segmentNames().length).toBeGreaterThan(2);
}, 60_000);

afterAll(async () => {
  await journal?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('#15.9 Journal.scan({ afterSeq })', () => {
  it('#15.9 yields exactly the records after the seq, in order, wherever it falls (segment starts and ends too)', async () => {
    const seqs = async (after: number) =>
      (await collect(journal.scan({ afterSeq: after }))).map((r) => r.seq);
    const edges = [0, 1, 2, TOTAL - 1, TOTAL, TOTAL + 5];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: TOTAL + 2 }), fc.constantFrom(...edges)),
        async (after) => {
          const got = await seqs(after);
          const want = Array.from({ length: Math.max(0, TOTAL - after) }, (_, i) => after + 1 + i);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('#15.9 the in-memory journal filters the same way', async () => {
    const fake = new FakeJournal();
    for (let i = 0; i < 5; i++) await fake.append(makeInput());
    expect((await collect(fake.scan({ afterSeq: 3 }))).map((r) => r.seq)).toEqual([4, 5]);
    expect((await collect(fake.scan())).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
