import { closeSync, openSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesBackwards } from '../../src/state/lines-backwards.js';

describe('linesBackwards', () => {
  it('property: the complete lines of any file, last first, whatever their lengths against the chunk', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-lines-'));
    try {
      await fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('x'.repeat(300_000))), {
            maxLength: 8,
          }),
          fc.string({ maxLength: 30 }),
          (lines, tail) => {
            const clean = lines.map((l) => l.replace(/\n/g, ''));
            const torn = tail.replace(/\n/g, '');
            const file = path.join(dir, 'f');
            writeFileSync(file, clean.map((l) => `${l}\n`).join('') + torn);
            const fd = openSync(file, 'r');
            try {
              const size = Buffer.byteLength(clean.map((l) => `${l}\n`).join('') + torn);
              const got = [...linesBackwards(fd, size)].map((b) => b.toString('utf8'));
              expect(got).toEqual(clean.filter((l) => l !== '').reverse());
            } finally {
              closeSync(fd);
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
