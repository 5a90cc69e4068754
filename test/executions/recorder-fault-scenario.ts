import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

/** How a recorder is hit: killed outright, hung up on, its pipes closed, its disk full at the end, or left alone. */
export type FaultKind = 'sigkill' | 'sighup' | 'closed-pipe' | 'enospc' | 'none';
export const FAULT_KINDS: readonly FaultKind[] = ['sigkill', 'sighup', 'closed-pipe', 'enospc', 'none'];

export interface FaultFigures {
  runs: number;
  kills: Record<FaultKind, number>;
  /** Starts the CLI acknowledged (it printed "<id>: running"). */
  acknowledgedStarts: number;
  /** Ends the CLI acknowledged (exit 0/1 with the final record printed). */
  acknowledgedEnds: number;
  /** Ends the CLI said it could not record (RUN_END_UNRECORDED) and kept aside. */
  keptEnds: number;
  /** Acknowledged records (starts, ends, kept ends) missing from the journal afterwards. */
  recordsLost: number;
  /** Kept ends whose status is not the one the journal ends up with. */
  keptEndsWrong: number;
  /** Runs left `running` once the next command closed the abandoned ones. */
  stuckRunning: number;
  abandonedClosed: number;
  /** Processes of scripts still alive after their recorder was gone (checked with a bounded wait). */
  orphanProcesses: number;
  /** Temp dirs of scripts left behind. */
  tempDirsLeft: number;
  verifyOk: boolean;
  verifyProblems: string[];
  statuses: Record<string, number>;
  seconds: number;
}

const action = `id: work
name: work
owner: alice@example.com
status: released
script:
  shell: bash
  inline: |
    echo $$ >> "$OPSLEDGER_PARAM_PID_FILE"
    sleep 30 &
    echo $! >> "$OPSLEDGER_PARAM_PID_FILE"
    for i in $(seq 1 "$OPSLEDGER_PARAM_STEPS"); do echo "step $i"; sleep 0.05; done
    kill $!
parameters:
  - { name: pid_file, type: string, required: true }
  - { name: steps, type: integer, required: true }
timeout: 60
`;

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process still runs (a zombie waiting to be reaped has already died). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

interface Attempt {
  kind: FaultKind;
  startId: string | null;
  end: { id: string; hash: string } | null;
  kept: { id: string; status: string } | null;
  code: number | null;
}

/** One recorder run hit by one fault after `delayMs`. */
async function runOnce(
  repo: TestRepo,
  tmp: string,
  kind: FaultKind,
  delayMs: number,
  steps: number,
  pidFile: string,
): Promise<Attempt> {
  const child = spawn(
    process.execPath,
    [BIN, 'run', 'work', '--param', `pid_file=${pidFile}`, '--param', `steps=${steps}`, '--json'],
    {
      cwd: repo.dir,
      env: {
        ...process.env,
        TMPDIR: tmp,
        ...(kind === 'enospc' ? { OPSLEDGER_FAULT: 'enospc-on-end' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('error', () => undefined);
  child.stderr.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const timer = setTimeout(() => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (kind === 'sigkill') child.kill('SIGKILL');
    else if (kind === 'sighup') child.kill('SIGHUP');
    else if (kind === 'closed-pipe') {
      child.stdout.destroy();
      child.stderr.destroy();
    }
  }, delayMs);
  const code = await exited;
  clearTimeout(timer);
  const startId = /^([0-9A-Z]{26}): running work/m.exec(stderr)?.[1] ?? null;
  let end: Attempt['end'] = null;
  if ((code === 0 || code === 1) && stdout.trim().startsWith('{')) {
    const rec = JSON.parse(stdout) as { id: string; hash: string };
    end = { id: rec.id, hash: rec.hash };
  }
  const unrecorded = /error\[RUN_END_UNRECORDED\]: run (\S+) of work finished with status (\w+)/.exec(stderr);
  const kept =
    unrecorded && /The end record is kept in/.test(stderr)
      ? { id: unrecorded[1]!, status: unrecorded[2]! }
      : null;
  return { kind, startId, end, kept, code };
}

/** Every record of the journal's segments, as parsed lines. */
function readJournal(dataDir: string): { id: string; hash: string; status: string; seq: number }[] {
  const dir = path.join(dataDir, 'executions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('segment-'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { id: string; hash: string; status: string; seq: number }),
    );
}

/**
 * The fault-injection scenario (issue #13): `runs` recorder runs one after another, each hit at a random moment by a
 * random fault, then `opsledger verify` (which closes what dead recorders left) and the checks: no acknowledged record
 * lost, every run with a final status, none stuck `running`, no script or temp dir left, the chain whole.
 */
export async function runFaultScenario(options: {
  runs: number;
  seed: number;
  onProgress?: (done: number, figures: FaultFigures) => void;
}): Promise<FaultFigures> {
  const started = performance.now();
  const random = createRandom(options.seed);
  const repo = await createTestRepo([
    {
      message: 'Add work',
      files: { '.gitignore': '.opsledger/\n', 'definitions/actions/work.yaml': action },
    },
  ]);
  const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-faults-tmp-'));
  const pidFile = path.join(tmp, 'pids.txt');
  const dataDir = path.join(repo.dir, '.opsledger');
  const kills = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const attempts: Attempt[] = [];
  const figures = (): FaultFigures => summarize(dataDir, tmp, attempts, kills, started, [], false);
  try {
    for (let i = 0; i < options.runs; i++) {
      // Every kind in turn (so each is hit equally often), each at a random moment.
      const kind = FAULT_KINDS[i % FAULT_KINDS.length]!;
      kills[kind]++;
      attempts.push(
        await runOnce(
          repo,
          tmp,
          kind,
          150 + Math.floor(random() * 900),
          1 + Math.floor(random() * 12),
          pidFile,
        ),
      );
      options.onProgress?.(i + 1, figures());
    }
    // The next command closes what dead recorders left behind (and appends kept ends), then checks the chain.
    const verify = spawnSync(process.execPath, [BIN, 'verify', '--json'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp },
    });
    const report = JSON.parse(verify.stdout) as {
      ok: boolean;
      problems: { kind: string; message: string }[];
    };
    const pids = existsSync(pidFile)
      ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)
      : [];
    // The watchdog stops a dead recorder's group with SIGTERM, then SIGKILL after the grace period (5 s).
    for (let waited = 0; waited < 12_000 && pids.some(alive); waited += 200) await sleep(200);
    const orphans = pids.filter(alive);
    for (const pid of orphans) process.kill(pid, 'SIGKILL');
    return summarize(
      dataDir,
      tmp,
      attempts,
      kills,
      started,
      report.problems.map((p) => `${p.kind}: ${p.message}`),
      report.ok,
      orphans.length,
    );
  } finally {
    await repo.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function summarize(
  dataDir: string,
  tmp: string,
  attempts: readonly Attempt[],
  kills: Record<FaultKind, number>,
  started: number,
  problems: string[],
  verifyOk: boolean,
  orphans = 0,
): FaultFigures {
  const records = readJournal(dataDir);
  const hashes = new Set(records.map((r) => r.hash));
  const latest = new Map<string, string>();
  for (const r of records) latest.set(r.id, r.status);
  let lost = 0;
  let keptWrong = 0;
  for (const a of attempts) {
    if (a.startId && !latest.has(a.startId)) lost++;
    if (a.end && !hashes.has(a.end.hash)) lost++;
  }
  const statuses: Record<string, number> = {};
  for (const s of latest.values()) statuses[s] = (statuses[s] ?? 0) + 1;
  const kept = attempts.filter((a) => a.kept);
  for (const a of kept) {
    const status = latest.get(a.kept!.id);
    if (status === undefined) lost++;
    else if (verifyOk && status !== a.kept!.status) keptWrong++;
  }
  const tempDirs = existsSync(tmp) ? readdirSync(tmp).filter((f) => f.startsWith('opsledger-run-')) : [];
  return {
    runs: attempts.length,
    kills: { ...kills },
    acknowledgedStarts: attempts.filter((a) => a.startId).length,
    acknowledgedEnds: attempts.filter((a) => a.end).length,
    keptEnds: kept.length,
    recordsLost: lost,
    keptEndsWrong: keptWrong,
    stuckRunning: statuses.running ?? 0,
    abandonedClosed: statuses.abandoned ?? 0,
    orphanProcesses: orphans,
    tempDirsLeft: tempDirs.length,
    verifyOk,
    verifyProblems: problems,
    statuses,
    seconds: (performance.now() - started) / 1000,
  };
}
