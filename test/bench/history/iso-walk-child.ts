/**
 * The naive isomorphic-git walk of one file's history (`log({filepath})`, then `readBlob` at each commit), in a fresh
 * process like the cold build it is compared with; prints commits, wall and CPU milliseconds as JSON.
 *
 *   tsx test/bench/history/iso-walk-child.ts <repo> <file>
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { cpuMs } from './measure.js';

const [dir, filepath] = process.argv.slice(2);
if (!dir || !filepath) throw new Error('usage: iso-walk-child.ts <repo> <file>');

const c = cpuMs();
const t = performance.now();
const commits = await git.log({ fs, dir, ref: 'main', filepath });
for (const commit of commits) {
  try {
    await git.readBlob({ fs, dir, oid: commit.oid, filepath });
  } catch {
    // deleted in that commit
  }
}
console.log(JSON.stringify({ commits: commits.length, ms: performance.now() - t, cpu: cpuMs() - c }));
