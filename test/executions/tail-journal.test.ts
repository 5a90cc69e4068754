import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeCheckpoint, type JournalCheckpoint } from '../../src/executions/journal-checkpoint.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import { openTailJournal, type TailJournal } from '../../src/executions/tail-journal.js';
import type { ChainHead, ExecutionRecord } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

let root: string;
let dir: string;
let records: ExecutionRecord[];
const TOTAL = 3000;
const AT = 2500;

/**
 * Segments of about 512 KiB whose lines vary in length (some longer than the reader's 4 KiB first read, one longer
 * than a bisection window), each execution recorded twice (start, then end), some with a parameter named `seq`
 * holding another record's seq (the reader must not take it for the record's own).
 */
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsledger-tail-'));
  dir = path.join(root, 'executions');
  mkdirSync(dir);
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let lines: string[] = [];
  let size = 0;
  let n = 1;
  records = [];
  const flush = () => {
    writeFileSync(path.join(dir, `segment-2026-01-${n++}.jsonl`), lines.join(''));
    lines = [];
    size = 0;
  };
  let start = makeInput();
  for (let i = 0; i < TOTAL; i++) {
    const note = i === 1234 ? 'y'.repeat(70_000) : 'x'.repeat(i % 37 === 0 ? 5000 + i : (i * 7919) % 900);
    const input =
      i % 2 === 0
        ? (start = makeInput({ parameters: { note, seq: i + 7 } }))
        : { ...start, parameters: { note }, status: 'succeeded' as const, exit_code: 0 };
    const { record, line } = sealRecord(input, head);
    head = { seq: record.seq, hash: record.hash };
    records.push(record);
    lines.push(line);
    size += line.length;
    if (size > 512 * 1024) flush();
  }
  flush();
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const checkpointAt = async (seq: number): Promise<JournalCheckpoint> =>
  (await takeCheckpoint(root, records[seq - 1]!))!;

async function tailAt(seq: number, maxRecords = 10_000): Promise<TailJournal | null> {
  return openTailJournal({ dataDir: root, checkpoint: await checkpointAt(seq), maxRecords });
}

const lastSegment = (): string =>
  path.join(
    dir,
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .at(-1)!,
  );

describe('#15.9 the journal read from a checkpoint on (a report whose caches hold)', () => {
  it('#15.9 has the head openJournal has, serves the records after the checkpoint and each latest record by its seq, without opening the journal', async () => {
    expect(readdirSync(dir).length).toBeGreaterThan(3);
    const full = await openJournal({ dataDir: root });
    const tail = (await tailAt(AT))!;
    try {
      expect(tail.head()).toEqual(full.head());
      expect(tail.tailRecords).toBe(TOTAL - AT);
      const after: number[] = [];
      for await (const r of tail.scan({ afterSeq: AT + 10 })) after.push(r.seq);
      expect(after).toEqual(Array.from({ length: TOTAL - AT - 10 }, (_, i) => AT + 11 + i));
      const latest = new Map(records.map((r) => [r.id, r.seq]));
      tail.knowLatest((id) => latest.get(id));
      for (const id of latest.keys()) expect(await tail.get(id), id).toEqual(await full.get(id));
      expect(tail.opened()).toBe(false);
    } finally {
      await tail.close();
      await full.close();
    }
  }, 60_000);

  it('#15.9 opens the journal for what it cannot answer from the tail (an id of unknown seq, a full scan), its view staying at its head', async () => {
    const tail = (await tailAt(AT))!;
    const head = tail.head()!;
    try {
      // Appended after the view was taken: not served.
      const later = await openJournal({ dataDir: root });
      await later.append(makeInput());
      await later.close();
      const id = records[10]!.id;
      expect(await tail.get(id)).toEqual(records[11]);
      expect(tail.opened()).toBe(true);
      let count = 0;
      let last = 0;
      for await (const r of tail.scan()) {
        count++;
        last = r.seq;
      }
      expect([count, last]).toEqual([TOTAL, head.seq]);
    } finally {
      await tail.close();
    }
  }, 60_000);

  it('#15.9 is not had (null: the caller opens the journal) for a torn last line, a line that is not a record or does not continue the chain, a failed checkpoint, too many records', async () => {
    const checkpoint = await checkpointAt(AT);
    const open = (maxRecords = 10_000) => openTailJournal({ dataDir: root, checkpoint, maxRecords });
    expect(await open()).not.toBeNull();
    expect(await open(TOTAL - AT - 1)).toBeNull();
    const file = lastSegment();
    const whole = readFileSync(file);
    appendFileSync(file, '{"seq":');
    expect(await open()).toBeNull();
    writeFileSync(file, Buffer.concat([whole, Buffer.from('not a record\n')]));
    expect(await open()).toBeNull();
    const stray = sealRecord(makeInput(), { seq: TOTAL + 1, hash: GENESIS_HASH }).line;
    writeFileSync(file, Buffer.concat([whole, Buffer.from(stray)]));
    expect(await open()).toBeNull();
    writeFileSync(file, whole);
    expect(await open()).not.toBeNull();
    // A byte before the checkpoint edited in place (size kept): it no longer holds.
    const fd = openSync(path.join(dir, checkpoint.segments.at(-1)!.name), 'r+');
    writeSync(fd, Buffer.from('#'), 0, 1, checkpoint.offset - 100);
    closeSync(fd);
    expect(await open()).toBeNull();
  }, 60_000);
});
