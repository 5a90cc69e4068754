import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, prefixBytesHashed } from '../../src/executions/prefix-digest.js';

let root: string;
let file: string;
let bytes: Buffer;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsledger-prefix-'));
  file = path.join(root, 'segment.jsonl');
  // Past two of the kept hashing states' 8 MiB steps.
  bytes = randomBytes(20 * 1024 * 1024 + 123);
  writeFileSync(file, bytes);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function digest(length: number): string {
  const fd = openSync(file, 'r');
  try {
    return digestPrefix(fd, file, fstatSync(fd), length);
  } finally {
    closeSync(fd);
  }
}

describe('#15.9 the checkpoint prefix digest', () => {
  it('#15.9 is the sha256 of the prefix for any length in any order, and reads each byte of an unchanged file once', () => {
    const lengths = [
      17 * 1024 * 1024 + 5,
      3,
      0,
      9 * 1024 * 1024,
      bytes.length,
      17 * 1024 * 1024 + 5,
      8 * 1024 * 1024,
    ];
    const before = prefixBytesHashed();
    for (const length of lengths) expect(digest(length), String(length)).toBe(sha(bytes.subarray(0, length)));
    // The first length reads 17 MiB; the later ones resume from the kept states (every 8 MiB and at each length):
    // 3 bytes, 8 → 9 MiB, 17 MiB + 5 → the end; nothing for the lengths already had or on a step.
    expect(prefixBytesHashed() - before).toBe(bytes.length + 3 + 1024 * 1024);
    const again = prefixBytesHashed();
    for (const length of lengths) digest(length);
    expect(prefixBytesHashed() - again).toBe(0);
  });

  it('#15.9 a file edited in place (same size) is hashed again, never answered from memory', async () => {
    const length = 12 * 1024 * 1024;
    expect(digest(length)).toBe(sha(bytes.subarray(0, length)));
    // Past the granularity of the change time.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from('edited'), 0, 6, 1000);
    closeSync(fd);
    Buffer.from('edited').copy(bytes, 1000);
    expect(digest(length)).toBe(sha(bytes.subarray(0, length)));
  });
});
