import { closeSync, fdatasyncSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { openJournal } from '../../../src/executions/open-journal.js';
import { selectExecutions } from '../../../src/executions/select-executions.js';
import type { ExecutionRecord } from '../../../src/executions/types.js';
import { FileFlock } from '../../../src/state/flock.js';
import { makeInput } from '../../executions/make-input.js';

/**
 * One measurement phase in a fresh process (so its RSS is the journal's, not the generator's). Prints one JSON
 * object on stdout. Phases: open (cold or warm), query, append, burst, scan.
 */
const [phase, dataDir, arg] = process.argv.slice(2);
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const rss = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);
const QUERY = {
  action: 'action-07',
  since: '2025-06-01T00:00:00.000Z',
  until: '2025-06-30T23:59:59.999Z',
  limit: 100,
};

async function main(): Promise<unknown> {
  if (phase === 'open') {
    const t0 = process.hrtime.bigint();
    const journal = await openJournal({ dataDir: dataDir! });
    const openMs = ms(t0);
    const out = { openMs, rssMb: rss(), records: journal.recordCount() };
    await journal.close();
    return out;
  }
  if (phase === 'query') {
    const journal = await openJournal({ dataDir: dataDir! });
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 50; i++) {
      const t0 = process.hrtime.bigint();
      rows = (await journal.query(QUERY)).length;
      times.push(ms(t0));
    }
    const out = { p50: pct(times, 0.5), p99: pct(times, 0.99), rows, rssMb: rss() };
    await journal.close();
    return out;
  }
  if (phase === 'scan') {
    // The same query answered by reading every line: what a journal without an index would do.
    const t0 = process.hrtime.bigint();
    const dir = path.join(dataDir!, 'executions');
    const records: ExecutionRecord[] = [];
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.jsonl'))
      .sort()) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        const r = JSON.parse(text.slice(start, nl)) as ExecutionRecord;
        if (r.action_id === QUERY.action) records.push(r);
        start = nl + 1;
      }
    }
    const rows = selectExecutions(records, QUERY).length;
    return { ms: ms(t0), rows, rssMb: rss() };
  }
  if (phase === 'append') {
    // Interleaved, so all three face the same disk and the same machine load: a durable journal append, then the
    // same bytes appended and fdatasync'd to a plain file in the same directory, then that again under the lock.
    const count = Number(arg ?? 1000);
    const journal = await openJournal({ dataDir: dataDir! });
    const dir = path.join(dataDir!, 'executions');
    const rawFile = path.join(dir, 'raw-baseline.tmp');
    const fd = openSync(rawFile, 'a');
    const durable: number[] = [];
    const raw: number[] = [];
    const locked: number[] = [];
    // The journal's own kind of lock (flock on a lock file kept open), on a file of its own.
    const flock = new FileFlock(path.join(dir, 'raw-baseline.lock'));
    for (let i = 0; i < count; i++) {
      const input = makeInput({
        id: `bench-${process.pid}-${i}`,
        initiator: { user: 'user-00000000000000ff', via: 'cli' },
      });
      let t0 = process.hrtime.bigint();
      const rec = await journal.append(input);
      durable.push(ms(t0));
      const line = Buffer.from(`${JSON.stringify(rec)}\n`);
      t0 = process.hrtime.bigint();
      writeSync(fd, line);
      fdatasyncSync(fd);
      raw.push(ms(t0));
      t0 = process.hrtime.bigint();
      const release = await flock.acquire();
      writeSync(fd, line);
      fdatasyncSync(fd);
      release();
      locked.push(ms(t0));
    }
    await journal.close();
    flock.close();
    closeSync(fd);
    rmSync(rawFile);
    rmSync(path.join(dir, 'raw-baseline.lock'));
    return {
      count,
      durable: { p50: pct(durable, 0.5), p99: pct(durable, 0.99) },
      raw: { p50: pct(raw, 0.5), p99: pct(raw, 0.99) },
      rawPlusLock: { p50: pct(locked, 0.5), p99: pct(locked, 0.99) },
      rssMb: rss(),
    };
  }
  if (phase === 'burst') {
    // Group commit: `count` appends issued at once (a service starting many runs together), against the same bytes
    // written and fdatasync'd one by one to a plain file in the same directory (what they cost without grouping).
    const count = Number(arg ?? 1000);
    const journal = await openJournal({ dataDir: dataDir! });
    const inputs = Array.from({ length: count }, (_, i) =>
      makeInput({
        id: `burst-${process.pid}-${i}`,
        initiator: { user: 'user-00000000000000ff', via: 'cli' },
      }),
    );
    let t0 = process.hrtime.bigint();
    const recs = await Promise.all(inputs.map((input) => journal.append(input)));
    const burstMs = ms(t0);
    await journal.close();
    const rawFile = path.join(dataDir!, 'executions', 'raw-burst.tmp');
    const fd = openSync(rawFile, 'a');
    t0 = process.hrtime.bigint();
    for (const rec of recs) {
      writeSync(fd, Buffer.from(`${JSON.stringify(rec)}\n`));
      fdatasyncSync(fd);
    }
    const rawMs = ms(t0);
    closeSync(fd);
    rmSync(rawFile);
    return { count, burstMs, rawMs };
  }
  throw new Error(`unknown phase ${phase}`);
}

main().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
