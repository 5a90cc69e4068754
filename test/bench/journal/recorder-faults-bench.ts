import { loadavg } from 'node:os';
import { runFaultScenario, type FaultFigures } from '../../executions/recorder-fault-scenario.js';

/**
 * The recorder fault-injection benchmark (issue #13): `opsledger run` again and again (200 times by default), each
 * run hit at a random moment by SIGKILL, SIGHUP, closed stdout/stderr pipes, a full disk at its end (the documented
 * OPSLEDGER_FAULT=enospc-on-end test hook) or nothing; then `opsledger verify`, which closes what dead recorders left.
 * Prints the figures; the claims are records lost = 0, stuck running = 0, orphans = 0, temp dirs left = 0, chain whole.
 * Needs dist/ (npm run build).
 *
 *   npx tsx test/bench/journal/recorder-faults-bench.ts [runs] [seed]
 */
const runs = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 13);

function print(f: FaultFigures): void {
  console.log(`runs: ${f.runs} in ${f.seconds.toFixed(0)} s (seed ${seed})`);
  console.log(
    `kills by kind: ${Object.entries(f.kills)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `acknowledged: ${f.acknowledgedStarts} starts, ${f.acknowledgedEnds} ends, ${f.keptEnds} ends kept aside (disk full)`,
  );
  console.log(`records lost: ${f.recordsLost}; kept ends recovered with another status: ${f.keptEndsWrong}`);
  console.log(`stuck running: ${f.stuckRunning}; abandoned closed: ${f.abandonedClosed}`);
  console.log(`script processes left: ${f.orphanProcesses}; temp dirs left: ${f.tempDirsLeft}`);
  console.log(
    `final statuses: ${Object.entries(f.statuses)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `chain: ${f.verifyOk ? 'verifies' : `PROBLEMS ${JSON.stringify(f.verifyProblems.slice(0, 5))}`}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `# recorder fault injection — ${runs} runs — load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const figures = await runFaultScenario({
    runs,
    seed,
    onProgress: (done, f) => {
      if (done % 20 === 0) {
        process.stderr.write(
          `  ${done} runs, ${f.acknowledgedStarts} starts acknowledged, ${f.abandonedClosed} abandoned so far\n`,
        );
      }
    },
  });
  print(figures);
  const ok =
    figures.recordsLost === 0 &&
    figures.keptEndsWrong === 0 &&
    figures.stuckRunning === 0 &&
    figures.orphanProcesses === 0 &&
    figures.tempDirsLeft === 0 &&
    figures.verifyOk;
  if (!ok) process.exitCode = 1;
}

void main();
