import { OpsledgerError } from '../errors/opsledger-error.js';
import type { ExecutionInput, ExecutionRecord } from '../executions/types.js';
import { claimFiring, pruneClaims } from './claim-firing.js';
import { listSchedules, type ScheduleEntry } from './list-schedules.js';
import { firingId, planFirings, scheduleKey } from './plan-firings.js';
import { missedRecord, scheduledRecord } from './scheduled-records.js';
import { isBusy, lastPlanned } from './scheduled-runs.js';
import type { Scheduler, SchedulerOptions } from './scheduler-types.js';
import { startFiring } from './start-firing.js';

export type { Scheduler, SchedulerOptions } from './scheduler-types.js';

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
      if (!cursors.has(key))
        cursors.set(key, (startup ? await lastPlanned(options.journal, entry) : null) ?? at);
    }
    const plan = planFirings(entries, cursors, at, startup);
    started = true;
    for (const entry of entries) cursors.set(scheduleKey(entry), at);
    for (const m of plan.missed) await recordMissed(m.entry, m.count, m.first, m.last, at);
    for (const [key, q] of queued) {
      if (!(await isBusy(options.journal, q.entry))) {
        queued.delete(key);
        await fire(q.entry, q.planned, q.tip);
      }
    }
    // Definitions are independent: their firings start side by side (each resolves once its start is durable).
    await Promise.all(plan.fire.map((f) => decide(f.entry, f.planned, tip)));
  }

  async function decide(entry: ScheduleEntry, planned: Date, tip: string): Promise<void> {
    if (entry.overlap !== 'allow' && (await isBusy(options.journal, entry))) {
      if (entry.overlap === 'queue' && !queued.has(scheduleKey(entry))) {
        queued.set(scheduleKey(entry), { entry, planned, tip });
        options.onEvent?.(
          `${scheduleKey(entry)}: firing of ${planned.toISOString()} queued behind the running one`,
        );
        return;
      }
      await appendOnce(
        scheduledRecord(entry, firingId(entry, planned), planned, now(), userOf(entry), {
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
    try {
      const run = await startFiring(options, entry, planned, tip, id, now);
      options.onEvent?.(`${scheduleKey(entry)}: started ${id} planned at ${planned.toISOString()}`);
      track(run.done);
    } catch (err) {
      if (err instanceof OpsledgerError && err.code === 'FIRING_CLAIMED') return; // another service has it
      // Refused before it ran (not released, a required parameter without default): recorded, never silent.
      await appendOnce(
        scheduledRecord(entry, id, planned, now(), userOf(entry), {
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
    const id = firingId(entry, first, 'missed');
    const appended = await appendOnce(missedRecord(entry, id, count, first, last, at, userOf(entry)));
    if (appended) options.onEvent?.(`${scheduleKey(entry)}: ${count} missed firing(s) recorded`);
  }

  /** Who a firing's records name as initiator. */
  function userOf(entry: ScheduleEntry): string {
    return options.serviceUser ?? entry.owner;
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
