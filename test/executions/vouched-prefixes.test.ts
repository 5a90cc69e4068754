import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkpointHolds,
  takeCheckpoint,
  type JournalCheckpoint,
} from '../../src/executions/journal-checkpoint.js';
import { forgetPrefixStates, prefixBytesHashed } from '../../src/executions/prefix-digest.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import type { ChainHead } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

let root: string;
let segment: string;
let checkpoint: JournalCheckpoint;
let head: ChainHead;

/** A journal of one segment, a checkpoint taken in its middle, then more records appended (its stat changed). */
beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'opsledger-vouched-'));
  mkdirSync(path.join(root, 'executions'));
  segment = path.join(root, 'executions', 'segment-2026-01-1.jsonl');
  head = { seq: 0, hash: GENESIS_HASH };
  const seal = () => {
    const { record, line } = sealRecord(makeInput({ parameters: { note: 'x'.repeat(300) } }), head);
    head = { seq: record.seq, hash: record.hash };
    return line;
  };
  writeFileSync(segment, Array.from({ length: 40 }, seal).join(''));
  checkpoint = (await takeCheckpoint(root, head))!;
  await pastChangeTimeGranularity();
  writeFileSync(segment, Array.from({ length: 5 }, seal).join(''), { flag: 'a' });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** File times move in steps of a clock tick: an edit right after a write could keep its change time. */
const pastChangeTimeGranularity = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Whether the checkpoint holds, asked as a new process would (no hashing state kept in memory), and bytes hashed. */
async function holdsAfresh(): Promise<{ holds: boolean; hashed: number }> {
  forgetPrefixStates();
  const before = prefixBytesHashed();
  const holds = await checkpointHolds(root, checkpoint);
  return { holds, hashed: prefixBytesHashed() - before };
}

describe('#15.9 journal prefixes vouched for between reports', () => {
  it('#15.9 a segment changed after a checkpoint is hashed once: the next report, the segment unchanged since, reads none of it', async () => {
    expect(await holdsAfresh()).toEqual({ holds: true, hashed: checkpoint.offset });
    expect(existsSync(path.join(root, 'cache', 'journal-prefixes.json'))).toBe(true);
    expect(await holdsAfresh()).toEqual({ holds: true, hashed: 0 });
  });

  it('#15.9 any byte of the prefix edited in place (size and modification time kept) is found although the prefix was vouched for before: the checkpoint fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 255 }), async (place, flip) => {
        expect((await holdsAfresh()).holds).toBe(true);
        const at = place % checkpoint.offset;
        const bytes = readFileSync(segment);
        const { mtime, atime } = statSync(segment);
        await pastChangeTimeGranularity();
        const fd = openSync(segment, 'r+');
        writeSync(fd, Buffer.from([bytes[at]! ^ flip]), 0, 1, at);
        closeSync(fd);
        utimesSync(segment, atime, mtime);
        expect(await holdsAfresh()).toEqual({ holds: false, hashed: checkpoint.offset });
        // Put back, the prefix is the checkpoint's again: hashed again (its stat is new), then vouched for.
        await pastChangeTimeGranularity();
        const back = openSync(segment, 'r+');
        writeSync(back, bytes, at, 1, at);
        closeSync(back);
        expect(await holdsAfresh()).toEqual({ holds: true, hashed: checkpoint.offset });
      }),
      { numRuns: 12 },
    );
  });

  it('#15.9 a damaged store of vouched prefixes is not trusted: the prefix is hashed again', async () => {
    await holdsAfresh();
    writeFileSync(path.join(root, 'cache', 'journal-prefixes.json'), '[{"name":');
    expect(await holdsAfresh()).toEqual({ holds: true, hashed: checkpoint.offset });
    expect(await holdsAfresh()).toEqual({ holds: true, hashed: 0 });
  });
});
