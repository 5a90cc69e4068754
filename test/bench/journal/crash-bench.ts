import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openJournal } from '../../../src/executions/open-journal.js';
import { sortSegments } from '../../../src/executions/segment-names.js';
import { verifyJournal } from '../../../src/executions/verify-journal.js';
import { spawnWriter } from '../../executions/writer-process.js';

/**
 * The crash benchmark: start a writer, SIGKILL it at a random moment, again and again (200 times by default), then
 * check that every acknowledged record is in the journal, the chain verifies, and every torn line was quarantined.
 * Needs dist/ (npm run build). A writer killed while holding the journal lock loses it at once (flock), so the next
 * writer never waits for a stale lock.
 *
 *   npx tsx test/bench/journal/crash-bench.ts [kills]
 */
const kills = Number(process.argv[2] ?? 200);
const dataDir = mkdtempSync(path.join(tmpdir(), 'opsledger-bench-crash-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  console.log(
    `# crash benchmark — ${kills} SIGKILLs — load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const started = performance.now();
  const acked: string[] = [];
  let simulated = 0;
  try {
    for (let round = 0; round < kills; round++) {
      const writer = spawnWriter(dataDir, { count: 1_000_000, prefix: `k${round}`, bigEvery: 3 });
      while (writer.acks.length === 0 && writer.child.exitCode === null) await sleep(5);
      await sleep(Math.random() * 150);
      writer.child.kill('SIGKILL');
      await writer.done;
      acked.push(...writer.acks);
      if (round % 10 === 9) {
        // Also the torn tail a power cut leaves (a SIGKILL lands inside write(2) only now and then).
        const last = sortSegments(readdirSync(path.join(dataDir, 'executions'))).at(-1)!.name;
        appendFileSync(path.join(dataDir, 'executions', last), `{"id":"torn-${round}","seq":1,"prev`);
        simulated++;
      }
      if (round % 20 === 19)
        process.stderr.write(`  ${round + 1} kills, ${acked.length} acknowledged records\n`);
    }
    const journal = await openJournal({ dataDir });
    const missing: string[] = [];
    for (const id of acked) if ((await journal.get(id)) === null) missing.push(id);
    await journal.close();
    const report = await verifyJournal({ dataDir });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `kills: ${kills} in ${seconds.toFixed(0)} s; acknowledged records: ${acked.length}; missing: ${missing.length}`,
    );
    console.log(
      `chain: ${report.ok ? 'verifies' : `PROBLEMS ${JSON.stringify(report.problems.slice(0, 5))}`} (${report.records} records)`,
    );
    console.log(
      `quarantined torn lines: ${report.quarantined.length} (of which simulated power cuts: ${simulated})`,
    );
    if (missing.length > 0 || !report.ok || report.quarantined.length < simulated) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
