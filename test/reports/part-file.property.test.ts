import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { asciiJson } from '../../src/reports/ascii-json.js';
import { findingDigest, textDigest } from '../../src/reports/finding-catalog.js';
import type { ActionPart } from '../../src/reports/model-parts.js';
import { decodePart, encodePart, type StoredPart } from '../../src/reports/part-codec.js';
import { ChangedModelPart, readVouchedPart } from '../../src/reports/part-file.js';

/**
 * A kept part read in parts from its file when a stamp vouches for it (src/reports/part-file.ts): the same part as one
 * read whole, its deferred texts read when asked for, and never other bytes than those vouched for.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-part-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMAT = 8;
const KEY = 'a'.repeat(64);
let n = 0;

const text = fc.oneof(fc.string(), fc.constantFrom('Dörte – “quoted”', '🚀 deploy', 'a\\"b\nc'));
const finding = fc.record({
  kind: fc.constant('unauthorized-run'),
  summary: text,
  evidence: fc.constant([]),
});
const items = fc.array(fc.record({ ms: fc.nat(), finding }), { maxLength: 40 });
const actionPart = fc
  .record({
    id: text,
    changes: fc.jsonValue({ maxDepth: 2 }),
    recent: fc.jsonValue({ maxDepth: 2 }),
    outcomes: fc.jsonValue({ maxDepth: 2 }),
    items,
    // Up to twice the first read: skeletons read in more than one piece.
    pad: fc.nat(140_000),
    durations: fc.array(fc.double({ noNaN: true }), { maxLength: 50 }),
  })
  .map(
    (r): ActionPart =>
      ({
        report: {
          id: r.id,
          changes: r.changes,
          pad: 'x'.repeat(r.pad),
          recent: r.recent,
          outcomes: r.outcomes,
        },
        findings: { kinds: [['unauthorized-run', { total: r.items.length, items: r.items }]], subjects: [] },
        overview: { durations: Float64Array.from(r.durations), users: [], roles: [], targets: [] },
      }) as unknown as ActionPart,
  );

/** The part's file as writePart writes it; its path. */
function writePartFile(part: StoredPart): { file: string; bytes: Buffer; sha256: string } {
  const body = Buffer.concat(encodePart(part));
  const sha256 = createHash('sha256').update(body).digest('hex');
  const bytes = Buffer.concat([
    Buffer.from(`${JSON.stringify({ format: FORMAT, key: KEY, sha256 })}\n`),
    body,
  ]);
  const file = path.join(dir, `${n++}.json`);
  writeFileSync(file, bytes);
  return { file, bytes, sha256 };
}

const plain = (p: unknown) =>
  JSON.stringify(p, (_k, v: unknown) => (v instanceof Float64Array ? { f64: [...v].map(String) } : v));

const vouched = (file: string) =>
  readVouchedPart(
    file,
    FORMAT,
    KEY,
    () => true,
    (body) => decodePart(body),
  ) as ActionPart;

describe('#15.9 kept parts read in parts', () => {
  it('#15.9 a vouched part read in parts equals the part read whole, deferred texts and re-encoded bytes included', () => {
    fc.assert(
      fc.property(actionPart, (written) => {
        const { file, bytes } = writePartFile(written);
        const nl = bytes.indexOf(10);
        const whole = decodePart(bytes.subarray(nl + 1));
        const inParts = vouched(file);
        // Untouched, it encodes to the very bytes of its file (its texts read from the file one by one).
        expect(Buffer.concat(encodePart(inParts)).equals(bytes.subarray(nl + 1))).toBe(true);
        expect(plain(vouched(file))).toBe(plain(whole));
        expect(plain(inParts)).toBe(plain(written));
        // Findings stand for their texts by their digests (page digests), the same as the texts they were written from.
        const [, bucket] = inParts.findings.kinds[0]!;
        const [, writtenBucket] = written.findings.kinds[0]!;
        for (const [i, k] of bucket.items.entries()) {
          expect(k.textDigest?.()).toBe(textDigest(asciiJson(writtenBucket.items[i]!.finding)));
          expect(findingDigest(k)).toBe(findingDigest(writtenBucket.items[i]!));
        }
        rmSync(file);
      }),
      { numRuns: 60 },
    );
  });

  it('#15.9 a part file replaced by the same bytes is read on; replaced by others, edited or removed, the read fails with ChangedModelPart', () => {
    fc.assert(
      fc.property(actionPart, fc.constantFrom('same', 'other', 'edited', 'removed'), (written, change) => {
        const { file, bytes } = writePartFile(written);
        const read = vouched(file);
        const [, bucket] = read.findings.kinds[0]!;
        if (change === 'same') {
          // A concurrent report's part of the same key: written to a temp file and renamed over (another inode).
          writeFileSync(`${file}.tmp`, bytes);
          renameSync(`${file}.tmp`, file);
        } else if (change === 'other') {
          const other = writePartFile({
            ...written,
            report: { ...written.report, recent: ['changed'] },
          } as unknown as ActionPart);
          renameSync(other.file, file);
        } else if (change === 'edited') {
          // One byte of the deferred texts changed in place: the file's stat is no longer the one vouched for.
          const edited = Buffer.from(bytes);
          const at = edited.indexOf(10, edited.indexOf(10) + 1) + 1;
          if (at < edited.length) edited[at] = edited[at] === 0x20 ? 0x21 : 0x20;
          writeFileSync(file, edited);
        } else rmSync(file);
        const readAll = () => [
          JSON.stringify(read.report.recent),
          JSON.stringify(read.report.outcomes),
          ...bucket.items.map((k) => JSON.stringify(k.finding)),
        ];
        if (change === 'same') expect(readAll()).toEqual(readAll());
        else if (change === 'edited' && bytes.indexOf(10, bytes.indexOf(10) + 1) + 1 >= bytes.length - 8)
          return;
        else expect(readAll).toThrow(ChangedModelPart);
        if (change === 'same') expect(plain(read)).toBe(plain(written));
        rmSync(file, { force: true });
      }),
      { numRuns: 80 },
    );
  });

  it('#15.9 a part no stamp vouches for, or of another key or format, is not read in parts', () => {
    const { file } = writePartFile({
      report: { id: 'x', recent: [], outcomes: [] },
      findings: { kinds: [], subjects: [] },
      overview: { durations: new Float64Array(0), users: [], roles: [], targets: [] },
    } as unknown as ActionPart);
    const decode = (body: Parameters<typeof decodePart>[0]) => decodePart(body);
    expect(readVouchedPart(file, FORMAT, KEY, () => false, decode)).toBeNull();
    expect(readVouchedPart(file, FORMAT, 'b'.repeat(64), () => true, decode)).toBeNull();
    expect(readVouchedPart(file, FORMAT + 1, KEY, () => true, decode)).toBeNull();
    expect(readVouchedPart(path.join(dir, 'missing.json'), FORMAT, KEY, () => true, decode)).toBeNull();
    expect(readVouchedPart(file, FORMAT, KEY, () => true, decode)).not.toBeNull();
  });
});
