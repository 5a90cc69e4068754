/**
 * How a run was started (docs/executions.md): the one list the CLI's `--trigger`, the API's `?trigger=`, the OpenAPI
 * document and the record checks use. The journal index stores each by its place here: new ones go at the end.
 */
export const TRIGGERS = ['manual', 'api', 'schedule', 'runbook', 'external'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** The states of one action's run, as whoever ran it records them (docs/executions.md). */
export const RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'cancelled',
  'denied',
  // Left `running` by a recorder that died; closed by the next command (docs/executions.md).
  'abandoned',
] as const;

/**
 * Every state a record can hold: a run's, a runbook run's and a schedule's. The one list the CLI's `--status`, the
 * API's `?status=`, the OpenAPI document and the record checks use; the journal index stores each by its place here
 * (index snapshots keep the number), so new ones go at the end.
 */
export const EXECUTION_STATUSES = [
  ...RUN_STATUSES,
  // A runbook run waiting for someone to confirm a manual step (docs/runbooks.md).
  'waiting',
  // Scheduled firings that did not run while the service was down (docs/schedules.md).
  'missed',
  // A scheduled firing not started because the previous run still ran (`overlap: skip`).
  'skipped',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** How a started run ends, as its recorder reports it (`POST /recordings/{id}/end`, a late end). */
export const RUN_OUTCOMES = ['succeeded', 'failed', 'timed_out', 'cancelled'] as const;

/** What started a run on a person's behalf: the CLI, the API, or the scheduler of `opsledger serve`. */
export const INITIATOR_VIAS = ['cli', 'api', 'scheduler'] as const;

/** The states a run ends in: every state but the two of a run still going. */
export const FINAL_STATUSES: readonly ExecutionStatus[] = EXECUTION_STATUSES.filter(
  (s) => s !== 'running' && s !== 'waiting',
);

export type RecordedParameter = string | number | boolean | { redacted: true; hmac?: string };

/** The definition a run was pinned to; `commit`/`blob` are null for an unknown (uncommitted, never seen) definition. */
export interface PinnedDefinition {
  commit: string | null;
  blob: string | null;
  path: string | null;
  version: number | null;
  status: string | null;
  dirty: boolean;
}

/** What a recorder hands the journal: a record without its chain fields. */
export interface ExecutionInput {
  id: string;
  action_id: string;
  definition: PinnedDefinition;
  trigger: Trigger;
  initiator: { user: string; via: (typeof INITIATOR_VIAS)[number]; os_user?: string; host?: string };
  targets: string[];
  parameters: Record<string, RecordedParameter>;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  status: ExecutionStatus;
  exit_code: number | null;
  /** Per-target outcome, with output tails (size-capped; `truncated_bytes` says how much was cut). */
  results?: {
    target: string | null;
    status: ExecutionStatus;
    exit_code: number | null;
    /** The signal that ended the process (a timeout or cancel stops the group with SIGTERM/SIGKILL). */
    signal?: string;
    duration_ms: number;
    stdout_tail: string;
    stderr_tail: string;
    truncated_bytes: number;
  }[];
  /** Why a run was denied or could not start. */
  error?: string;
  /** `opsledger exec`: the command that ran (argv, secret parameter values scrubbed). */
  command?: string[];
  runbook?: { id: string; step: string; run_id: string };
  /** `runbook_run`: the record of a whole runbook run (docs/runbooks.md); absent on a single action's run. */
  kind?: 'runbook_run';
  /** A step's execution: the runbook run it belongs to and the step id. */
  runbook_run_id?: string;
  step_id?: string;
  /** A repetition of a step (`repeat`), from 1. */
  attempt?: number;
  /** A runbook run: the tracked branch commit every step's definition is read at (docs/runbooks.md). */
  pinned_commit?: string;
  /** A runbook run's steps as they stand (docs/runbooks.md). */
  steps?: RunbookStepState[];
  /** A request to cancel a runbook run, by whom and when (its recorder stops the running step). */
  cancel_requested?: { user: string; at: string };
  /** A scheduled firing: the time the schedule planned (the run's `started_at` is when it really started). */
  planned_at?: string;
  /** A `missed` record: how many firings of the outage did not run, the first and last planned times. */
  missed?: { count: number; first: string; last: string };
  /**
   * Who wrote the record into this journal: `local` (the CLI appended it to the journal itself) or `server` (the
   * service did, for an API run, a schedule or a remote recording: docs/executions.md, Remote recording). Absent on
   * records older than the field: read as `local` when `initiator.via` is `cli`, else `server` (`recordedVia`).
   */
  recorded_via?: 'local' | 'server';
  /** A scheduled run: the definition kind and the commit that carried the schedule. */
  schedule?: { kind: 'action' | 'runbook'; cron: string; timezone: string; commit: string };
  /**
   * A remote recording closed `abandoned` because its lease lapsed, whose CLI was only cut off and delivered its end
   * afterwards: the end as the CLI saw it, kept on a record of its own that leaves the run `abandoned` (the one
   * closing record stands; docs/executions.md, Remote recording).
   */
  late_end?: LateEnd;
}

/** The end a cut-off CLI delivered after the service had closed its run as `abandoned`. */
export interface LateEnd {
  status: ExecutionStatus;
  finished_at: string;
  duration_ms: number;
  exit_code: number | null;
  results?: ExecutionInput['results'];
  error?: string;
  /** When the service received it. */
  delivered_at: string;
}

/** The states of a runbook run's step (docs/runbooks.md): waiting on its turn, on a person, running, or over. */
export const STEP_STATUSES = [
  'pending',
  'waiting',
  'confirmed',
  'running',
  ...RUN_OUTCOMES,
  'skipped',
  'rejected',
] as const;

/** One step of a runbook run, as its `runbook_run` records show it. */
export interface RunbookStepState {
  id: string;
  action: string;
  status: (typeof STEP_STATUSES)[number];
  /** Why it was skipped or rejected. */
  reason?: string;
  /** The execution records of its runs (one per repetition). */
  executions: string[];
  exit_code: number | null;
  started_at?: string;
  finished_at?: string;
  /** Who confirmed (or rejected) a manual step, and when; the user is stored as a pseudonym. */
  decided_by?: { user: string; at: string };
}

/** One line of the journal. */
export interface ExecutionRecord extends ExecutionInput {
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface ExecutionQuery {
  action?: string;
  user?: string;
  status?: ExecutionStatus;
  target?: string;
  trigger?: Trigger;
  since?: string;
  until?: string;
  limit?: number;
  /** Opaque position from a previous page: only executions older than it (newest-first order). */
  before?: { started_at: string; id: string };
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The port of the execution journal, with two backends: the file journal (`open-journal.ts`, the default) and
 * PostgreSQL (`postgres/`). Reads are async so a database can serve them; tests of pure consumers may use a fake in
 * memory (docs/executions.md, docs/postgres.md).
 */
export interface Journal {
  /** Append one record durably (fsync / COMMIT) and return it with seq and hashes. Throws JOURNAL_UNAVAILABLE/LOCKED. */
  append(input: ExecutionInput): Promise<ExecutionRecord>;
  /**
   * Append only when `when` holds for the latest record of the input's execution, judged under the journal's lock
   * with the view current (closing an abandoned run must not race its recorder); null when it did not hold.
   */
  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null>;
  /** Latest state of each execution matching the query, newest first by started_at then id. */
  query(query: ExecutionQuery): Promise<ExecutionRecord[]>;
  /** How many executions match a query (its limit ignored). */
  count(query: ExecutionQuery): Promise<number>;
  /** Latest state of one execution, or null. */
  get(id: string): Promise<ExecutionRecord | null>;
  /** Every record ever appended for one execution id, in order (start, end). */
  records(id: string): Promise<ExecutionRecord[]>;
  /** Pick up records appended by other processes since the last call. */
  refresh(): Promise<void>;
  /** The chain head as of the last append or refresh (a retention checkpoint when every record was purged). */
  head(): ChainHead | null;
  /** Records in the journal (as of the last append or refresh). */
  recordCount(): number;
  /**
   * Users are stored as pseudonyms (anonymization, issue 4); this maps a stored `initiator.user` back to the email
   * while the vault still holds it, else returns the pseudonym unchanged.
   */
  resolveUser(stored: string): string;
  close(): Promise<void>;
  /**
   * Every record in journal (seq) order, read a batch at a time without holding them all in memory. A run's start
   * and end records both appear; the one with the higher seq is its state. With `afterSeq`, only the records after
   * that seq (an incremental report reads what was appended since its cache).
   */
  scan(options?: ScanOptions): AsyncIterable<ExecutionRecord>;
  /**
   * The records `scan` gives, in the same order, an array at a time (the file journal: one per chunk of a segment read
   * and decoded at once). Optional: `scanInBatches` batches `scan()` for a backend without it.
   */
  scanBatches?(options?: ScanOptions): AsyncIterable<readonly ExecutionRecord[]>;
}

export interface ScanOptions {
  /** Only records with a higher seq (0 or absent: all). */
  afterSeq?: number;
}

/** Per-action monthly summary kept when retention purges records, so reports still show purged history. */
export interface Rollup {
  action_id: string;
  /** YYYY-MM (UTC) of started_at. */
  month: string;
  counts: Partial<Record<ExecutionStatus, number>>;
  p50_ms: number | null;
  p95_ms: number | null;
  users: string[];
  targets: string[];
}

/** What `verify` finds wrong with a journal (docs/executions.md): the kinds its JSON and the API's document name. */
export const VERIFY_PROBLEM_KINDS = [
  'modified',
  'deleted',
  'inserted',
  'reordered',
  'truncated',
  'unparseable',
  'anchor_mismatch',
  'rolled_back',
] as const;

/** One problem `opsledger verify` found, with its place. */
export interface VerifyProblem {
  kind: (typeof VERIFY_PROBLEM_KINDS)[number];
  segment: string;
  line: number | null;
  seq: number | null;
  message: string;
}

/** The result of walking the chain: problems (tampering) and documented gaps (retention purges). */
export interface VerifyReport {
  ok: boolean;
  records: number;
  head: ChainHead | null;
  problems: VerifyProblem[];
  /** Purges by the retention policy: the records before `through_seq` are gone by design, from `checkpoint`. */
  gaps: { through_seq: number; checkpoint_hash: string; purged_at: string; reason: string }[];
  anchors_checked: number;
}
