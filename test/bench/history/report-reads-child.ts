/**
 * What `opsledger report` asks of the history index, in a fresh process: open it (brought up to date with git, as
 * generateReport does), then read events, invalid entries, commits and the role definitions at each role epoch (as
 * createPointInTime's rolesOfEpoch does). Prints one JSON line: wall and CPU milliseconds and minor page faults of
 * the open and of the reads.
 *
 *   tsx test/bench/history/report-reads-child.ts <repo> <dataDir>
 */
import { openHistoryIndex } from '../../../src/history/open-history-index.js';

const [repo, dataDir] = process.argv.slice(2);
if (!repo || !dataDir) throw new Error('usage: report-reads-child.ts <repo> <dataDir>');

const mark = () => {
  const r = process.resourceUsage();
  return { t: performance.now(), cpu: (r.userCPUTime + r.systemCPUTime) / 1000, faults: r.minorPageFault };
};
const since = (a: ReturnType<typeof mark>) => {
  const b = mark();
  return { ms: Math.round(b.t - a.t), cpuMs: Math.round(b.cpu - a.cpu), faults: b.faults - a.faults };
};

let m = mark();
const history = await openHistoryIndex({ repo, dataDir, branch: 'main', definitionsDir: 'definitions' });
const open = since(m);
m = mark();
const events = history.events();
const eventsRead = since(m);
m = mark();
const invalid = history.invalid();
const commits = history.commits();
const rest = since(m);
m = mark();
const roleCommits = new Set<string>();
for (const e of events) if (e.auditable_type === 'Role') roleCommits.add(e.commit);
for (const e of invalid) if (e.auditable_type === 'Role') roleCommits.add(e.commit);
let roles = 0;
for (const sha of roleCommits) roles += history.definitionsAt('role', sha).length;
const roleEpochs = since(m);
console.log(
  JSON.stringify({
    open,
    events: eventsRead,
    invalidAndCommits: rest,
    roleEpochs: { ...roleEpochs, epochs: roleCommits.size, roles },
    counts: { events: events.length, invalid: invalid.length, commits: commits.length },
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  }),
);
