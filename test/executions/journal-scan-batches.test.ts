import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeJournal } from '../../src/executions/fake-journal.js';
import { openJournal, type FileJournal } from '../../src/executions/open-journal.js';
import { parseJournalLine, parseRecordLines } from '../../src/executions/parse-journal-line.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import { scanInBatches } from '../../src/executions/scan-batches.js';
import { iterateLineChunks, iterateLines } from '../../src/executions/scan-lines.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

let root: string;
let journal: FileJournal;
let head = { seq: 0, hash: GENESIS_HASH };

/** A record's line, its parameters in non-ASCII text of varied length. */
function recordLine(i: number, note = 'é✓😀 '.repeat((i * 7919) % 300)): Buffer {
  const { record, line } = sealRecord(makeInput({ parameters: { note } }), head);
  head = { seq: record.seq, hash: record.hash };
  return Buffer.from(line);
}

/** Complete lines that are not records: `scan()` skips each of them. */
const NOT_RECORDS: Buffer[] = [
  Buffer.from('not json\n'),
  Buffer.from('[1,2,3]\n'),
  Buffer.from('null\n'),
  Buffer.from('{}\n'),
  Buffer.from('\n'),
  Buffer.from('{"id":"x","seq":1,"hash":"h","action_id":"a","status":"ok","trigger":"manual"}\n'),
  Buffer.concat([Buffer.from('{"id":"\xff\xfe'), Buffer.from([0xc3, 0x28, 0xe2, 0x82]), Buffer.from('"}\n')]),
];

function unstartable(): Buffer {
  return Buffer.from(
    recordLine(0, 'x')
      .toString('utf8')
      .replace(/"started_at":"[^"]*"/, '"started_at":"soon"'),
  );
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'opsledger-scan-batches-'));
  const dir = path.join(root, 'executions');
  mkdirSync(dir);
  // Segments of about 256 KiB with lines that are not records among the records, one line longer than a chunk
  // (8 MiB), a UTF-8 byte order mark at the start of a segment.
  let pieces: Buffer[] = [Buffer.from('\ufeff'), recordLine(1)];
  let size = 0;
  let n = 1;
  const flush = () => {
    writeFileSync(path.join(dir, `segment-2026-01-${n++}.jsonl`), Buffer.concat(pieces));
    pieces = [];
    size = 0;
  };
  for (let i = 0; i < 1500; i++) {
    const line = i === 700 ? recordLine(i, 'ü'.repeat(5 * 1024 * 1024)) : recordLine(i);
    pieces.push(line);
    if (i % 97 === 3) pieces.push(NOT_RECORDS[i % NOT_RECORDS.length]!);
    if (i % 211 === 5) pieces.push(unstartable());
    size += line.length;
    if (size > 256 * 1024) flush();
  }
  flush();
  journal = await openJournal({ dataDir: root });
  expect(journal.segmentNames().length).toBeGreaterThan(3);
  expect(journal.skippedCount()).toBeGreaterThan(10);
}, 120_000);

afterAll(async () => {
  await journal?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('#15.9 Journal.scanBatches: the records of scan(), read a chunk at a time', () => {
  it('#15.9 the file journal gives exactly the records scan() gives, in order, from any seq', async () => {
    const all = await collect(journal.scan());
    expect(all.length).toBeGreaterThan(1400);
    expect(await flat(journal.scanBatches!())).toEqual(all);
    for (const after of [1, 2, 700, 701, 1000, head.seq - 1, head.seq, head.seq + 3])
      expect(await flat(journal.scanBatches!({ afterSeq: after }))).toEqual(
        await collect(journal.scan({ afterSeq: after })),
      );
  }, 60_000);

  it('#15.9 any lines, any chunk size: the chunks parse to the records the lines do', async () => {
    const line = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((i) => recordLine(i)),
      fc.constantFrom(...NOT_RECORDS),
      fc.constant(null).map(unstartable),
      fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.concat([Buffer.from(b), Buffer.from('\n')])),
    );
    const file = path.join(root, 'lines.jsonl');
    await fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 20 }),
        (lines, torn, chunk, batch) => {
          const bytes = Buffer.concat([...lines, Buffer.from(torn.filter((b) => b !== 10))]);
          writeFileSync(file, bytes);
          const fd = openSync(file, 'r');
          try {
            const want: ExecutionRecord[] = [];
            for (const { line } of iterateLines(fd, 0, bytes.length)) {
              const parsed = parseJournalLine(line);
              if (parsed) want.push(parsed.record);
            }
            const got: ExecutionRecord[] = [];
            for (const lines of iterateLineChunks(fd, 0, bytes.length, chunk))
              for (const records of parseRecordLines(lines, 0, batch)) {
                expect(records.length).toBeLessThanOrEqual(batch);
                got.push(...records);
              }
            expect(got).toEqual(want);
          } finally {
            closeSync(fd);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('#15.9 iterateLines: each whole line between two offsets, with its offset, at any chunk size', () => {
    const file = path.join(root, 'any.bin');
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b.map((x) => (x % 7 === 0 ? 10 : x)))),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        (bytes, a, b, chunk) => {
          const from = bytes.length === 0 ? 0 : a % (bytes.length + 1);
          const to = from + (bytes.length === 0 ? 0 : b % (bytes.length - from + 1));
          writeFileSync(file, bytes);
          // The reference: split the range on newlines; what follows the last one is not a whole line.
          const want: { line: Buffer; offset: number }[] = [];
          let at = from;
          for (let i = from; i < to; i++)
            if (bytes[i] === 10) {
              want.push({ line: bytes.subarray(at, i), offset: at });
              at = i + 1;
            }
          const fd = openSync(file, 'r');
          try {
            const got = [...iterateLines(fd, from, to, chunk)];
            expect(got.map((g) => [g.offset, g.line.toString('hex')])).toEqual(
              want.map((w) => [w.offset, w.line.toString('hex')]),
            );
          } finally {
            closeSync(fd);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('#15.9 a journal without scanBatches is batched from scan()', async () => {
    const fake = new FakeJournal();
    for (let i = 0; i < 5; i++) await fake.append(makeInput());
    expect((await flat(scanInBatches(fake, { afterSeq: 2 }))).map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(await flat(scanInBatches(journal))).toEqual(await collect(journal.scan()));
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function flat<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}
