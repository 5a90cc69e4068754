/**
 * The scheduler under load (docs/schedules.md, Benchmark): `defs` actions each on a per-second schedule — 17 give
 * 1,020 firings a minute — run for real (sh, one process per firing) by `createScheduler` on a real journal for
 * `seconds`, against a bare `setTimeout` loop aimed at the same second boundaries in the same process. Prints the start
 * lag (`started_at - planned_at` of each recorded run) and the bare loop's lag, p50/p99/max, the counts, and what
 * each firing cost this process (CPU time per run, the event loop's delay: a synchronous fsync or spawn shows there).
 * For a breakdown by function: `node --cpu-prof --import tsx test/bench/schedules/scheduler-bench.ts 17 20`.
 *
 *   npx tsx test/bench/schedules/scheduler-bench.ts [defs=17] [seconds=60]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openJournal } from '../../../src/executions/open-journal.js';
import { openHistoryIndex } from '../../../src/history/open-history-index.js';
import { createScheduler } from '../../../src/schedules/create-scheduler.js';

const defs = Number(process.argv[2] ?? 17);
const seconds = Number(process.argv[3] ?? 60);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const describe = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p99=${percentile(s, 99).toFixed(1)} ms max=${(s.at(-1) ?? NaN).toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-sched-bench-'));
  const repo = path.join(tmp, 'repo');
  mkdirSync(path.join(repo, 'definitions/actions'), { recursive: true });
  for (let i = 0; i < defs; i++) {
    writeFileSync(
      path.join(repo, `definitions/actions/beat-${i}.yaml`),
      `id: beat-${i}\nname: beat ${i}\nowner: ops@example.com\nstatus: released\nscript: { shell: sh, inline: 'true' }\ntimeout: 30\nschedule: '* * * * * *'\noverlap: allow\n`,
    );
  }
  writeFileSync(path.join(repo, '.gitignore'), '.opsledger/\n');
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@example.com',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench');
  const dataDir = path.join(tmp, 'data');
  const journal = await openJournal({ dataDir });
  const history = await openHistoryIndex({ repo, dataDir, branch: 'main', definitionsDir: 'definitions' });
  const scheduler = createScheduler({
    repo,
    dataDir,
    branch: 'main',
    journal,
    history,
    env: { PATH: process.env.PATH, TMPDIR: tmp },
  });

  // The bare loop: a setTimeout aimed at each second boundary, in the same process, at the same time.
  const bare: number[] = [];
  let stopBare = false;
  const arm = (): void => {
    const target = Math.ceil((Date.now() + 1) / 1000) * 1000;
    setTimeout(() => {
      bare.push(Date.now() - target);
      if (!stopBare) arm();
    }, target - Date.now());
  };
  const load0 = loadavg()[0]!;
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  scheduler.start();
  arm();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  stopBare = true;
  await scheduler.stop();
  loopDelay.disable();
  const cpu = process.cpuUsage(cpu0);
  await journal.refresh();
  const runs = await journal.query({ trigger: 'schedule', limit: Number.MAX_SAFE_INTEGER });
  const started = runs.filter((r) => r.planned_at && r.status !== 'missed' && r.status !== 'skipped');
  const lags = started.map((r) => Date.parse(r.started_at) - Date.parse(r.planned_at!));
  const byStatus: Record<string, number> = {};
  for (const r of runs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const elapsed = (Date.now() - t0) / 1000;
  console.log(
    `scheduler bench: ${defs} per-second schedules (${defs * 60} firings/minute) for ${elapsed.toFixed(0)} s on ${cpus().length} cores, load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `  firings recorded: ${runs.length} (${((runs.length / elapsed) * 60).toFixed(0)}/minute) ${JSON.stringify(byStatus)}`,
  );
  console.log(`  start lag (started_at - planned_at): ${describe(lags)}`);
  console.log(`  bare setTimeout loop lag:            ${describe(bare)}`);
  console.log(
    `  this process: ${((cpu.user + cpu.system) / 1000 / Math.max(1, started.length)).toFixed(1)} ms CPU per run; event loop delay p50=${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms p99=${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms max=${(loopDelay.max / 1e6).toFixed(1)} ms`,
  );
  await journal.close();
  rmSync(tmp, { recursive: true, force: true });
}

void main();
