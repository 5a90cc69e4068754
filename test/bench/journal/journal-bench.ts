import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyJournal } from '../../../src/executions/verify-journal.js';
import { generateJournal } from './generate-journal.js';

/**
 * The journal benchmark: for each size, generate a journal, then measure in fresh processes opening it (cold, then
 * from the index snapshot), the same filtered query through the index and by a full scan, durable appends beside raw
 * fsync'd appends of the same bytes, a burst of appends issued at once (group commit) beside the same bytes
 * fdatasync'd one by one, and verify beside sha256sum of the segment files.
 *
 *   npx tsx test/bench/journal/journal-bench.ts [sizes...]     e.g. 10000 100000 1000000 (the default)
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function phase(name: string, dataDir: string, arg = ''): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'measure-journal.ts'), name, dataDir, arg],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const f = (x: unknown): string =>
  typeof x === 'number' ? (x < 10 ? x.toFixed(3) : x.toFixed(1)) : String(x);

async function main(): Promise<void> {
  console.log(
    `# journal benchmark — ${new Date().toISOString()} — load average ${load()} — node ${process.version}`,
  );
  for (const size of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `opsledger-bench-journal-${size}-`));
    try {
      let t0 = performance.now();
      const gen = generateJournal(dataDir, size);
      console.log(
        `\n## ${size.toLocaleString('en')} records (${(gen.bytes / 1e6).toFixed(0)} MB in ${gen.segments.length} segments, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const cold = phase('open', dataDir);
      const warm = phase('open', dataDir);
      console.log(`open (no snapshot, folds every line): ${f(cold.openMs)} ms, RSS ${f(cold.rssMb)} MB`);
      console.log(`open (index snapshot):                ${f(warm.openMs)} ms, RSS ${f(warm.rssMb)} MB`);
      const q = phase('query', dataDir);
      const scan = phase('scan', dataDir);
      console.log(
        `query one action, one month, 100 rows: index p50 ${f(q.p50)} ms p99 ${f(q.p99)} ms (${f(q.rows)} rows) | full scan ${f(scan.ms)} ms (RSS ${f(scan.rssMb)} MB)`,
      );
      const a = phase('append', dataDir, '1000') as Record<string, { p50: number; p99: number }>;
      const durable = a.durable!;
      const raw = a.raw!;
      console.log(
        `append (load ${load()}): durable p50 ${f(durable.p50)} ms p99 ${f(durable.p99)} ms | raw write+fdatasync p50 ${f(raw.p50)} ms p99 ${f(raw.p99)} ms | raw+lock p50 ${f(a.rawPlusLock!.p50)} ms → durable/raw ${(durable.p50 / raw.p50).toFixed(2)}x`,
      );
      const b = phase('burst', dataDir, '1000');
      console.log(
        `append burst (${f(b.count)} at once, group commit): ${f(b.burstMs)} ms | raw write+fdatasync one by one ${f(b.rawMs)} ms → burst/raw ${((b.burstMs as number) / (b.rawMs as number)).toFixed(2)}x`,
      );
      t0 = performance.now();
      const report = await verifyJournal({ dataDir });
      const verifyMs = performance.now() - t0;
      const files = readdirSync(path.join(dataDir, 'executions'))
        .filter((x) => x.endsWith('.jsonl'))
        .map((x) => path.join(dataDir, 'executions', x));
      t0 = performance.now();
      execFileSync('sha256sum', files, { stdio: 'ignore', maxBuffer: 1 << 24 });
      const shaMs = performance.now() - t0;
      console.log(
        `verify: ${f(verifyMs)} ms (${report.ok ? 'ok' : 'PROBLEMS'}, ${report.records} records, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB) | sha256sum of the segments ${f(shaMs)} ms → ${(verifyMs / shaMs).toFixed(1)}x`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`\nload average at the end: ${load()}`);
}

void main();
