/**
 * One side of the history benchmark's cold-build figure, run in a fresh process so the generator's and the other
 * measurements' garbage does not weigh on it: builds the index `runs + 1` times from an empty data dir, and prints
 * the first build (engine not yet loaded or compiled) and the median of the others, wall and CPU, as JSON.
 *
 *   tsx test/bench/history/cold-build-child.ts <repo> <runs> <workDir>
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { refreshHistory } from '../../../src/history/refresh-history.js';
import { cpuMs, median } from './measure.js';

const [repo, runsArg, work] = process.argv.slice(2);
if (!repo || !runsArg || !work) throw new Error('usage: cold-build-child.ts <repo> <runs> <workDir>');

const times: number[] = [];
const cpus: number[] = [];
for (let i = 0; i <= Number(runsArg); i++) {
  const dataDir = path.join(work, `data-cold-${i}`);
  const c = cpuMs();
  const t = performance.now();
  await refreshHistory({ repo, dataDir, branch: 'main', definitionsDir: 'definitions' });
  times.push(performance.now() - t);
  cpus.push(cpuMs() - c);
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ first: times[0], median: median(times.slice(1)), cpu: median(cpus.slice(1)) }));
