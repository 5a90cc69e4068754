import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import type { ExecutionQuery, ExecutionStatus } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

let pristine: string;
let work: string;
let snapshot: Buffer;
const snapshotOf = (dir: string) => path.join(dir, 'executions', 'index', 'journal-index.bin');

const QUERIES: ExecutionQuery[] = [
  {},
  { limit: 1000 },
  { action: 'rotate-logs', limit: 1000 },
  { status: 'failed', limit: 1000 },
  { target: 'db-01', limit: 30 },
  { trigger: 'external', limit: 1000 },
  { user: 'bob@example.com', limit: 1000 },
  { since: '2026-01-03T00:00:00.000Z', until: '2026-01-05T00:00:00.000Z', limit: 1000 },
];

/** Every query's ids, the counts and one run's records, as the journal of `dataDir` answers them. */
async function answers(dataDir: string, warnings: string[] = []): Promise<unknown> {
  const journal = await openJournal({ dataDir, onWarning: (m) => warnings.push(m) });
  try {
    return {
      ids: await Promise.all(QUERIES.map(async (q) => (await journal.query(q)).map((r) => r.id))),
      counts: await Promise.all(QUERIES.map((q) => journal.count(q))),
      one: (await journal.records('run-0250')).map((r) => r.hash),
      records: journal.recordCount(),
      head: journal.head(),
    };
  } finally {
    await journal.close();
  }
}

beforeAll(async () => {
  pristine = await mkdtemp(path.join(tmpdir(), 'opsledger-index-'));
  work = `${pristine}-work`;
  const journal = await openJournal({ dataDir: pristine, snapshotEvery: 100 });
  const actions = ['restart-web', 'rotate-logs', 'purge-old-files'];
  const users = ['alice@example.com', 'bob@example.com', 'carol@example.com'];
  const statuses: ExecutionStatus[] = ['succeeded', 'failed', 'timed_out'];
  for (let i = 0; i < 500; i++) {
    await journal.append(
      makeInput({
        id: `run-${String(i).padStart(4, '0')}`,
        action_id: actions[i % 3]!,
        initiator: { user: users[(i * 7) % 3]!, via: 'cli' },
        targets: i % 4 === 0 ? ['db-01'] : [`web-0${i % 3}`],
        trigger: i % 5 === 0 ? 'external' : 'manual',
        status: statuses[i % 3]!,
        started_at: new Date(Date.UTC(2026, 0, 1) + i * 1_000_000).toISOString(),
      }),
    );
  }
  await journal.close();
  // The snapshot covers every record (saved by a last open with nothing to fold after it).
  const again = await openJournal({ dataDir: pristine, snapshotEvery: 1 });
  await again.close();
  snapshot = readFileSync(snapshotOf(pristine));
}, 60_000);
afterAll(async () => {
  await rm(pristine, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

/** A copy of the journal whose snapshot is `bytes`. */
function withSnapshot(bytes: Buffer): string {
  cpSync(pristine, work, { recursive: true, force: true });
  writeFileSync(snapshotOf(work), bytes);
  return work;
}

describe('a damaged index snapshot', () => {
  it('#13.9 is never trusted: truncated, empty, of another format or extended, queries answer as from a whole one, with a warning', async () => {
    const expected = await answers(pristine);
    expect((expected as { ids: string[][] }).ids[1]).toHaveLength(500);
    const older = Buffer.from(snapshot);
    older.write('OLJIDX01', 0, 'latin1');
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', snapshot.subarray(0, Math.floor(snapshot.length / 2)), /cut|length/],
      ['truncated by one byte', snapshot.subarray(0, snapshot.length - 1), /length/],
      ['empty', Buffer.alloc(0), /empty/],
      ['zeroed', Buffer.alloc(snapshot.length), /magic/],
      ['an older format', older, /format 01/],
      ['extended', Buffer.concat([snapshot, Buffer.from('x')]), /length/],
    ];
    for (const [name, bytes, why] of cases) {
      const warnings: string[] = [];
      expect(await answers(withSnapshot(bytes), warnings), name).toEqual(expected);
      expect(warnings.join('\n'), name).toMatch(/index snapshot .*journal-index\.bin is not usable/);
      expect(warnings.join('\n'), name).toMatch(why);
      // Rebuilt: the next open trusts the new snapshot and says nothing.
      const after: string[] = [];
      expect(await answers(work, after), name).toEqual(expected);
      expect(after, name).toEqual([]);
      expect(readFileSync(snapshotOf(work)).equals(bytes), name).toBe(false);
    }
  }, 60_000);

  it('#13.9 any flipped byte of journal-index.bin is found: the answers stay those of the whole snapshot', async () => {
    const expected = await answers(pristine);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: snapshot.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, mask) => {
          const bytes = Buffer.from(snapshot);
          bytes[at] = bytes[at]! ^ mask;
          const warnings: string[] = [];
          expect(await answers(withSnapshot(bytes), warnings)).toEqual(expected);
          expect(warnings.join('\n')).toMatch(/index snapshot .*journal-index\.bin is not usable/);
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  }, 120_000);
});
