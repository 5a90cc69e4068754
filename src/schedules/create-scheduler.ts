import { hostname } from 'node:os';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { startRun } from '../executions/start-run.js';
import type { ExecutionInput, ExecutionRecord } from '../executions/types.js';
import type { HistoryIndex } from '../history/types.js';
import { startRunbookRun, type RunbookJournal } from '../runbooks/start-runbook-run.js';
import { listSchedules, type ScheduleEntry } from './list-schedules.js';
import { claimFiring, pruneClaims } from './claim-firing.js';
import { firingId, planFirings, scheduleKey } from './plan-firings.js';

export interface SchedulerOptions {
  repo: string;
  dataDir: string;
  branch: string;
  journal: RunbookJournal;
  history: HistoryIndex;
  env: Readonly<Record<string, string | undefined>>;
  definitionsDir?: string;
  now?: () => Date;
  /** The user scheduled runs are initiated by; default: each definition's `owner`. */
  serviceUser?: string;
  /** Longest wait between two looks at the branch and the clock (default 1000 ms). */
  maxSleepMs?: number;
  signal?: AbortSignal;
  onEvent?: (message: string) => void;
  onError?: (err: unknown) => void;
  /** Runs started, so a shutdown can wait for them. */
  inflight?: Set<Promise<unknown>>;
  /** Claim a firing for this instance (default: a claim file in the data dir; PostgreSQL: `pg-claim-firing.ts`). */
  claim?: (firingId: string) => Promise<boolean>;
}

export interface Scheduler {
  /** Look at the clock once and fire what is due (tests call this with a controlled clock). */
  tick(): Promise<void>;
  /** Tick on timers until stopped: each wait ends at the next fire time (or after `maxSleepMs`). */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The scheduler of `opsledger serve` (docs/schedules.md). Reads the schedules at the tip of the history index on
 * every tick (so a merged change takes effect at the next history refresh), records missed firings at start-up,
 * applies `overlap`, and starts each due firing through the recorder with `trigger: schedule` and its planned time.
 * Every firing has an id derived from the firing itself, claimed with a conditional append under the journal lock:
 * with several services on one journal each firing is recorded and run once.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const cursors = new Map<string, Date>();
  const queued = new Map<string, { entry: ScheduleEntry; planned: Date; tip: string }>();
  const running = new Set<Promise<unknown>>();
  let started = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let ticking: Promise<void> | null = null;

  const track = (p: Promise<unknown>): void => {
    const settled = p.catch((err: unknown) => options.onError?.(err));
    running.add(settled);
    options.inflight?.add(settled);
    void settled.finally(() => {
      running.delete(settled);
      options.inflight?.delete(settled);
    });
  };

  async function tick(): Promise<void> {
    const at = now();
    const tip = options.history.tip();
    if (!tip) return;
    const entries = listSchedules(
      [...options.history.definitionsAt('action', tip), ...options.history.definitionsAt('runbook', tip)],
      at,
      1,
    );
    const startup = !started;
    if (startup) {
      await options.journal.refresh();
      pruneClaims(options.dataDir, at);
    }
    for (const entry of entries) {
      const key = scheduleKey(entry);
      if (!cursors.has(key)) cursors.set(key, (startup ? await lastPlanned(entry) : null) ?? at);
    }
    const plan = planFirings(entries, cursors, at, startup);
    started = true;
    for (const entry of entries) cursors.set(scheduleKey(entry), at);
    for (const m of plan.missed) await recordMissed(m.entry, m.count, m.first, m.last, at);
    for (const [key, q] of queued) {
      if (!(await isBusy(q.entry))) {
        queued.delete(key);
        await fire(q.entry, q.planned, q.tip);
      }
    }
    // Definitions are independent: their firings start side by side (each resolves once its start is durable).
    await Promise.all(plan.fire.map((f) => decide(f.entry, f.planned, tip)));
  }

  /** The latest planned time this schedule was recorded at (a run, a skip or a missed record), from the journal. */
  async function lastPlanned(entry: ScheduleEntry): Promise<Date | null> {
    let latest = 0;
    for (const r of await options.journal.query({ action: entry.id, trigger: 'schedule', limit: 50 })) {
      if (r.schedule?.kind !== entry.kind) continue;
      for (const t of [r.planned_at, r.missed?.last]) if (t) latest = Math.max(latest, Date.parse(t));
    }
    return latest > 0 ? new Date(latest) : null;
  }

  async function isBusy(entry: ScheduleEntry): Promise<boolean> {
    await options.journal.refresh();
    return (await options.journal.query({ action: entry.id, trigger: 'schedule', limit: 20 })).some(
      (r) => r.schedule?.kind === entry.kind && (r.status === 'running' || r.status === 'waiting'),
    );
  }

  async function decide(entry: ScheduleEntry, planned: Date, tip: string): Promise<void> {
    if (entry.overlap !== 'allow' && (await isBusy(entry))) {
      if (entry.overlap === 'queue' && !queued.has(scheduleKey(entry))) {
        queued.set(scheduleKey(entry), { entry, planned, tip });
        options.onEvent?.(
          `${scheduleKey(entry)}: firing of ${planned.toISOString()} queued behind the running one`,
        );
        return;
      }
      await appendOnce(
        baseInput(entry, firingId(entry, planned), planned, now(), {
          status: 'skipped',
          error: `skipped: an earlier scheduled run of ${entry.kind} "${entry.id}" was still running (overlap: ${entry.overlap})`,
        }),
      );
      return;
    }
    await fire(entry, planned, tip);
  }

  /** Start one firing: resolves once its start is durable (or another service claimed it); its end is tracked. */
  async function fire(entry: ScheduleEntry, planned: Date, tip: string): Promise<void> {
    const id = firingId(entry, planned);
    const claimed = options.claim ? await options.claim(id) : claimFiring(options.dataDir, id);
    if (!claimed) return; // another service instance has this firing
    const extra = { planned_at: planned.toISOString(), schedule: scheduleOf(entry) };
    const initiator = {
      user: options.serviceUser ?? entry.owner,
      via: 'scheduler' as const,
      host: hostname(),
    };
    try {
      // What a scheduled run of an action and of a runbook share.
      const common = {
        repo: options.repo,
        dataDir: options.dataDir,
        branch: options.branch,
        journal: options.journal,
        history: options.history,
        definitionsDir: options.definitionsDir,
        params: {},
        targets: [],
        initiator,
        trigger: 'schedule' as const,
        env: options.env,
        now,
        makeId: () => id,
        claim: true,
        extra,
        ...(options.signal ? { signal: options.signal } : {}),
      };
      const run =
        entry.kind === 'action'
          ? await startRun({
              ...common,
              actionId: entry.id,
              allowDirty: false,
              allowUnreleased: false,
              atCommit: tip,
            })
          : await startRunbookRun({ ...common, runbookId: entry.id, access: 'none' });
      options.onEvent?.(`${scheduleKey(entry)}: started ${id} planned at ${extra.planned_at}`);
      track(run.done);
    } catch (err) {
      if (err instanceof OpsledgerError && err.code === 'FIRING_CLAIMED') return; // another service has it
      // Refused before it ran (not released, a required parameter without default): recorded, never silent.
      await appendOnce(
        baseInput(entry, id, planned, now(), {
          status: 'failed',
          error: `the scheduled run could not start: ${(err as Error).message}`,
        }),
      ).catch(() => undefined);
      options.onError?.(err);
    }
  }

  async function recordMissed(
    entry: ScheduleEntry,
    count: number,
    first: Date,
    last: Date,
    at: Date,
  ): Promise<void> {
    const appended = await appendOnce({
      ...baseInput(entry, firingId(entry, first, 'missed'), last, at, {
        status: 'missed',
        error: `missed: ${count} firing${count === 1 ? '' : 's'} from ${first.toISOString()} to ${last.toISOString()} did not run (the scheduler was not running)${entry.catch_up === 'latest' ? '; catch_up: latest runs the last one now' : ''}`,
      }),
      missed: { count, first: first.toISOString(), last: last.toISOString() },
    });
    if (appended) options.onEvent?.(`${scheduleKey(entry)}: ${count} missed firing(s) recorded`);
  }

  function baseInput(
    entry: ScheduleEntry,
    id: string,
    planned: Date,
    at: Date,
    end: Pick<ExecutionInput, 'status' | 'error'>,
  ): ExecutionInput {
    return {
      id,
      ...(entry.kind === 'runbook' ? { kind: 'runbook_run' as const } : {}),
      action_id: entry.id,
      definition: {
        commit: entry.commit,
        blob: null,
        path: null,
        version: entry.version,
        status: null,
        dirty: false,
      },
      trigger: 'schedule',
      initiator: { user: options.serviceUser ?? entry.owner, via: 'scheduler' },
      targets: [],
      parameters: {},
      started_at: at.toISOString(),
      finished_at: at.toISOString(),
      duration_ms: 0,
      exit_code: null,
      planned_at: planned.toISOString(),
      schedule: scheduleOf(entry),
      ...end,
    };
  }

  /** Append a record whose id is derived from the firing, unless another service recorded it first. */
  function appendOnce(input: ExecutionInput): Promise<ExecutionRecord | null> {
    return options.journal.appendIf(input, (latest) => latest === null);
  }

  function loop(): void {
    if (stopped) return;
    ticking = tick()
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        ticking = null;
        if (stopped) return;
        timer = setTimeout(loop, sleepMs());
      });
  }

  /** Until the next fire time of any schedule (at least 5 ms), at most `maxSleepMs` so git changes are seen. */
  function sleepMs(): number {
    const max = options.maxSleepMs ?? 1000;
    const tip = options.history.tip();
    if (!tip) return max;
    const at = now();
    const next = listSchedules(
      [...options.history.definitionsAt('action', tip), ...options.history.definitionsAt('runbook', tip)],
      at,
      1,
    )
      .map((e) => (e.next[0] ? Date.parse(e.next[0]) : Infinity))
      .reduce((a, b) => Math.min(a, b), Infinity);
    return Math.max(5, Math.min(max, next - at.getTime() + 1));
  }

  return {
    tick: () => tick(),
    start: () => loop(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await Promise.allSettled([...running]);
    },
  };
}

function scheduleOf(entry: ScheduleEntry): NonNullable<ExecutionInput['schedule']> {
  return {
    kind: entry.kind,
    cron: entry.schedule.cron,
    timezone: entry.schedule.timezone,
    commit: entry.commit,
  };
}
