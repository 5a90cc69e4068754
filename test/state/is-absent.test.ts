import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbsent } from '../../src/state/is-absent.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsledger-is-absent-'));
  await writeFile(path.join(dir, 'file'), 'x');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('#15.7 a missing file asked for without a throw', () => {
  it('#15.7 is absent only when the file does not exist; a path through a file is left to the read', () => {
    expect(isAbsent(path.join(dir, 'missing'))).toBe(true);
    expect(isAbsent(path.join(dir, 'missing', 'deeper'))).toBe(true);
    expect(isAbsent(path.join(dir, 'file'))).toBe(false);
    expect(isAbsent(dir)).toBe(false);
    // ENOTDIR: the read that follows fails as it did before (not "absent").
    expect(isAbsent(path.join(dir, 'file', 'below'))).toBe(false);
  });
});
