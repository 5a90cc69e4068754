import { appendFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { sortSegments } from '../../src/executions/segment-names.js';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { spawnWriter } from './writer-process.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-crash-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('journal under crashes and concurrent writers', () => {
  it('keeps every acknowledged record through 20 SIGKILLs at random moments, and quarantines torn lines', async () => {
    const acked: string[] = [];
    let simulatedTears = 0;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      const writer = spawnWriter(dataDir, { count: 100_000, prefix: `r${round}`, bigEvery: 3 });
      // Wait for the writer to be appending (its first ack), then kill it at a random moment.
      while (writer.acks.length === 0 && writer.child.exitCode === null) await sleep(5);
      await sleep(random(120));
      writer.child.kill('SIGKILL');
      await writer.done;
      acked.push(...writer.acks);
      // A SIGKILL lands inside write(2) only now and then; every 5th round also leaves the torn line a power cut
      // would, so the next writer has to find it, move it aside and chain on.
      if (round % 5 === 4) {
        const last = sortSegments(readdirSync(path.join(dataDir, 'executions'))).at(-1)!.name;
        appendFileSync(path.join(dataDir, 'executions', last), `{"id":"torn-${round}","seq":99999,"prev_h`);
        simulatedTears++;
      }
    }
    expect(acked.length).toBeGreaterThan(20);

    const warnings: string[] = [];
    const journal = await openJournal({ dataDir, onWarning: (m) => warnings.push(m) });
    const missing: string[] = [];
    for (const id of acked) if ((await journal.get(id)) === null) missing.push(id);
    const quarantinedNow = journal.quarantined();
    await journal.close();
    expect(missing).toEqual([]);

    const report = await verifyJournal({ dataDir });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Every torn line a crash left was moved aside and reported, by a later writer or by this open.
    const quarantine = (() => {
      try {
        return readdirSync(path.join(dataDir, 'executions', 'quarantine'));
      } catch {
        return [];
      }
    })();
    expect(report.quarantined).toEqual(quarantine.sort().map((f) => `quarantine/${f}`));
    expect(quarantine.length).toBeGreaterThanOrEqual(simulatedTears);
    expect(quarantinedNow.length).toBe(warnings.filter((w) => w.includes('moved')).length);
  }, 240_000);

  it('8 processes x 200 records give exactly 1,600 records in one whole chain', async () => {
    const writers = Array.from({ length: 8 }, (_, i) =>
      spawnWriter(dataDir, { count: 200, prefix: `w${i}` }),
    );
    const codes = await Promise.all(writers.map((w) => w.done));
    expect(codes).toEqual(Array(8).fill(0));
    const report = await verifyJournal({ dataDir });
    expect(report.problems).toEqual([]);
    expect(report.records).toBe(1600);
    expect(report.head?.seq).toBe(1600);
    const journal = await openJournal({ dataDir });
    for (const w of writers) {
      expect(w.acks).toHaveLength(200);
      for (const id of w.acks) expect((await journal.get(id))?.id).toBe(id);
    }
    expect(await journal.query({ action: 'crash-test', limit: 5000 })).toHaveLength(1600);
    await journal.close();
  }, 240_000);
});
