import type { HistoryIndex } from '../history/types.js';
import type { RunbookJournal } from '../runbooks/runbook-run-types.js';

/** What the scheduler reads, runs and records through (docs/schedules.md). */
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

/** The scheduler of `opsledger serve`: ticks on timers until stopped. */
export interface Scheduler {
  /** Look at the clock once and fire what is due (tests call this with a controlled clock). */
  tick(): Promise<void>;
  /** Tick on timers until stopped: each wait ends at the next fire time (or after `maxSleepMs`). */
  start(): void;
  stop(): Promise<void>;
}
