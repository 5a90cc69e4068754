/**
 * The naive isomorphic-git walk of one file's history (`log({filepath})`, then `readBlob` at each commit), in a fresh
 * process like the cold build it is compared with; prints commits and the median wall and CPU milliseconds of
 * `runs` walks as JSON.
 *
 *   tsx test/bench/history/iso-walk-child.ts <repo> <file> [runs]
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { cpuMs, median } from './measure.js';

const [dir, filepath, runsArg = '1'] = process.argv.slice(2);
if (!dir || !filepath) throw new Error('usage: iso-walk-child.ts <repo> <file> [runs]');

async function walk(): Promise<{ commits: number; bytes: number }> {
  const commits = await git.log({ fs, dir: dir!, ref: 'main', filepath: filepath! });
  let bytes = 0;
  for (const commit of commits) {
    try {
      const { blob } = await git.readBlob({ fs, dir: dir!, oid: commit.oid, filepath: filepath! });
      bytes += blob.length;
    } catch {
      // deleted in that commit
    }
  }
  return { commits: commits.length, bytes };
}

const times: number[] = [];
const cpus: number[] = [];
let result = { commits: 0, bytes: 0 };
for (let i = 0; i < Number(runsArg); i++) {
  const c = cpuMs();
  const t = performance.now();
  result = await walk();
  times.push(performance.now() - t);
  cpus.push(cpuMs() - c);
}
console.log(JSON.stringify({ ...result, ms: median(times), cpu: median(cpus) }));
