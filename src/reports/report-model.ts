import type { OpsledgerConfig } from '../config/load-config.js';
import type { Action, DefinitionKind, Role, Runbook } from '../definitions/types.js';
import type {
  ChainHead,
  ExecutionRecord,
  RecordedParameter,
  Rollup,
  VerifyReport,
} from '../executions/types.js';
import type { AuditEvent, HistoryRewrite, InvalidEntry } from '../history/types.js';

/** Everything the report is built from. Plain data and pure lookups: the edge (load-report-input.ts) fills it in. */
export interface ReportInput {
  repo: { name: string; branch: string; tip: string | null; web_url: string | null };
  /** Every audit event of the tracked branch (actions, runbooks, steps, roles), oldest first. */
  events: readonly AuditEvent[];
  invalid: readonly InvalidEntry[];
  /** Rewrites of the tracked branch the data dir recorded (force-pushes), oldest first; absent: none. */
  rewrites?: readonly HistoryRewrite[];
  /** First-parent commits of the tracked branch, oldest first. */
  commits: readonly { sha: string; created_at: string }[];
  /**
   * The history index's identity (HistoryIndex.identity) for `events`, `invalid` and `commits`: the same only while
   * they are. Null or absent: none, and nothing derived from them is kept by it.
   */
  historyIdentity?: string | null;
  /**
   * Per definition file (`kind:id`), the index's identity of the record its events were read from
   * (HistoryIndex.recordIdentities), taken with `historyIdentity`: one definition's events are the same while its
   * record's identity and which of them are listed are. Null or absent: none.
   */
  eventRecords?: ReadonlyMap<string, string> | null;
  /** The live definitions of a kind right after a first-parent commit (role files for point-in-time checks). */
  definitionsAt: (kind: DefinitionKind, commit: string) => readonly DefinitionAtCommit[];
  /** The latest state of each execution, in any order (a stream at journal scale; duplicates keep the highest seq). */
  executions: Iterable<ExecutionRecord>;
  /** Maps a stored `initiator.user` to an email while the anonymization vault still holds it. */
  resolveUser: (stored: string) => string;
  rollups: readonly Rollup[];
  verify: VerifyReport | null;
  head: ChainHead | null;
  config: Pick<OpsledgerConfig, 'reports' | 'retention'> & Partial<Pick<OpsledgerConfig, 'executions'>>;
  now: string;
  period: { since: string | null; until: string };
  /** Render every person as a stable pseudonym; the function maps an email to it. */
  pseudonymize: ((email: string) => string) | null;
  /**
   * The recorded parameters of one execution, looked up only for the runs a page lists (recent-runs tables), so a
   * million-run report never holds every run's parameters. Absent: no parameters are shown.
   */
  parametersOf?: (id: string) => Readonly<Record<string, RecordedParameter>> | null;
  /**
   * The latest record of one execution, looked up only for the runbook runs the report gives a page (their steps,
   * who decided, the step executions' repetitions). Absent: run pages show what the folded runs hold.
   */
  recordOf?: (id: string) => ExecutionRecord | null;
}

export interface DefinitionAtCommit {
  id: string;
  version: number;
  commit: string;
  path: string;
  value: Action | Runbook | Role;
}

export type Severity = 'high' | 'medium' | 'low';

export type FindingKind =
  | 'journal-tampered'
  | 'unauthorized-change'
  | 'missing-four-eyes'
  | 'unapproved-change'
  | 'stale-approval'
  | 'unauthorized-run'
  | 'unknown-definition-run'
  | 'dirty-definition-run'
  | 'unreleased-definition-run'
  | 'failing-streak'
  | 'abandoned-run'
  | 'locally-recorded-run'
  | 'missed-firing'
  | 'secret-default'
  | 'stale-action'
  | 'retention-gap'
  | 'invalid-definition'
  | 'history-rewritten';

/** One compliance finding with the evidence an auditor needs to check it without opsledger. */
export interface ComplianceFinding {
  kind: FindingKind;
  severity: Severity;
  subject: { type: 'action' | 'runbook' | 'role' | 'journal' | 'history'; id: string | null };
  /** When it happened (ISO 8601): the change, the run, the start of the streak, the purge. */
  at: string;
  summary: string;
  /** Ordered label → value pairs: commit, user, time, role files' commit, run ids, ... */
  evidence: [string, string][];
}

export interface FindingGroup {
  kind: FindingKind;
  severity: Severity;
  title: string;
  why: string;
  total: number;
  /** Newest first, at most FINDINGS_SHOWN of them; `total` counts all. */
  items: ComplianceFinding[];
}

export interface RateSummary {
  runs: number;
  succeeded: number;
  /** failed + timed_out */
  failed: number;
  /** cancelled, denied, running */
  other: number;
  /** succeeded / (succeeded + failed), null without finished runs */
  success_rate: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
}

export interface WeekCount {
  week: string;
  succeeded: number;
  failed: number;
  other: number;
}

export interface RunEntry {
  id: string;
  action: string;
  /** The runbook step that started it, if any. */
  step: string | null;
  started_at: string;
  duration_ms: number | null;
  status: string;
  user: string;
  trigger: string;
  targets: string[];
  version: string;
  commit: string | null;
  /** Its recorded parameters by name; secret values are never here (`redacted`). */
  parameters: RunParameter[];
  /** A runbook step's execution: the runbook run it belongs to (its page, when the report has one). */
  runbook_run: string | null;
}

export interface RunParameter {
  name: string;
  /** The value as text, or `redacted` for a secret. */
  value: string;
  redacted: boolean;
}

export interface FieldChange {
  pointer: string;
  old: string;
  new: string;
}

export interface ChangeEntry {
  subject: string;
  type: string;
  action: string;
  version: number;
  commit: string;
  created_at: string;
  user: string;
  message: string;
  pull_request: number | null;
  revert_of: string | null;
  changes: FieldChange[];
}

export interface VersionStats extends RateSummary {
  version: string;
  commit: string | null;
}

export interface OutcomeEntry {
  version: number;
  commit: string;
  created_at: string;
  user: string;
  message: string;
  fields: string[];
  before: OutcomeSide;
  after: OutcomeSide;
  /** Both sides have at least MIN_OUTCOME_RUNS finished runs; otherwise the difference is not shown. */
  comparable: boolean;
}

/** The runs on one side of a change: all of them, the finished ones (n), the failed ones, failed / finished. */
export interface OutcomeSide {
  runs: number;
  finished: number;
  failed: number;
  rate: number | null;
}

export interface DefinitionSummary {
  id: string;
  name: string;
  status: string;
  owner: string;
  description: string;
  tags: string[];
  path: string;
  version: number;
  commit: string;
  updated_at: string;
  deleted: boolean;
  /** Label → value lines of the definition (shell, credential, timeout, schedule, targets, ...). */
  fields: [string, string][];
  parameters: {
    name: string;
    type: string;
    required: boolean;
    default: string;
    secret: boolean;
    notes: string;
  }[];
  script: { shell: string; file: string | null; inline: string | null } | null;
  steps: { id: string; name: string; action: string; when: string; automatic: boolean }[];
}

export interface ActionReport {
  id: string;
  /** Null when runs name an action the tracked branch never had. */
  definition: DefinitionSummary | null;
  changes: ChangeEntry[];
  /**
   * How many entries `changes` has: what the overview shows, without reading the list (a kept part's changes are read
   * only when its own page is rendered: part-codec.ts).
   */
  change_count: number;
  runs: RateSummary & { last_run_at: string | null; purged: number };
  recent: RunEntry[];
  versions: VersionStats[];
  weekly: WeekCount[];
  durations: { bucket: string; count: number }[];
  outcomes: OutcomeEntry[];
  /** The most runs counted on each side of a change (`reports.outcome_window`). */
  outcome_window: number;
  targets: { target: string; runs: number; last_run_at: string }[];
  untouched_targets: string[];
  findings: { total: number; items: ComplianceFinding[] };
}

export interface RunbookReport {
  id: string;
  definition: DefinitionSummary | null;
  changes: ChangeEntry[];
  /** How many entries `changes` has (as an action's: ActionReport). */
  change_count: number;
  runs: RateSummary & { last_run_at: string | null; runbook_runs: number };
  recent: RunEntry[];
  steps: { step: string; action: string; summary: RateSummary }[];
  /** Its latest runbook runs in the period, newest first (each has a page), of `runs.runbook_runs`. */
  runbook_runs: RunbookRunEntry[];
  findings: { total: number; items: ComplianceFinding[] };
}

/** One runbook run, for its page: the run and its steps as a timeline (docs/reports.md). */
export interface RunbookRunEntry {
  id: string;
  runbook: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  user: string;
  trigger: string;
  /** A scheduled run: when the schedule planned it. */
  planned_at: string | null;
  /** The commit every step's definition was read at, and the runbook's version there. */
  pinned_commit: string | null;
  version: string;
  targets: string[];
  /** Its parameters by name; secret values are never here (`redacted`). */
  parameters: RunParameter[];
  error: string | null;
  cancel_requested: { user: string; at: string } | null;
  steps: RunbookStepEntry[];
}

export interface RunbookStepEntry {
  id: string;
  action: string;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  exit_code: number | null;
  /** Why it was skipped or rejected (or failed before it ran). */
  reason: string | null;
  /** Who confirmed or rejected a manual step, and when. */
  decided_by: { user: string; at: string; decision: 'confirmed' | 'rejected' } | null;
  /** Its executions, one per repetition, in order. */
  executions: {
    id: string;
    attempt: number;
    status: string;
    started_at: string | null;
    duration_ms: number | null;
    exit_code: number | null;
  }[];
}

/** How one schedule kept to its plan in the period (docs/reports.md, *Schedule adherence*). */
export interface ScheduleAdherence {
  kind: 'action' | 'runbook';
  id: string;
  /** The schedule at the end of the period (`cron (zone)`), or null when the definition no longer has one. */
  schedule: string | null;
  /** Firings the schedule planned in the period: started + missed + skipped. */
  planned: number;
  started: number;
  /** How late the started runs began (start − planned time), ms. */
  late_p50_ms: number | null;
  late_max_ms: number | null;
  /** Firings that did not run while no scheduler ran (the sum of `missed` counts), and in how many outages. */
  missed: number;
  outages: number;
  /** Firings not started because the previous run still ran (`overlap: skip`). */
  skipped: number;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed) of the started runs, null without finished ones. */
  success_rate: number | null;
  last_planned_at: string | null;
}

export interface UserActivity {
  user: string;
  runs: number;
  failed: number;
  changes: number;
  actions: number;
  roles: string[];
  last_seen: string;
}

export interface RoleActivity {
  role: string;
  members: number;
  permissions: string[];
  runs: number;
  changes: number;
}

export interface ReportModel {
  generated_at: string;
  period: { since: string | null; until: string };
  repo: ReportInput['repo'];
  /** The last commit up to the end of the period that changed a definition (stable under unrelated commits). */
  definitions_as_of: { commit: string; at: string } | null;
  pseudonymized: boolean;
  journal: {
    head: ChainHead | null;
    verify: { ok: boolean; records: number; problems: number; gaps: number } | null;
  };
  counts: {
    actions: number;
    runbooks: number;
    roles: number;
    events: number;
    invalid: number;
    runs: number;
    runbook_runs: number;
    purged_runs: number;
    users: number;
    targets: number;
  };
  totals: RateSummary;
  weekly: WeekCount[];
  actions: ActionReport[];
  runbooks: RunbookReport[];
  usage: { weeks: string[]; rows: { action: string; counts: number[]; total: number }[] };
  rollups: Rollup[];
  users: UserActivity[];
  roles: RoleActivity[];
  coverage: {
    targets: { target: string; actions: string[]; runs: number; last_run_at: string }[];
    untouched: { target: string; named_by: string[] }[];
  };
  findings: FindingGroup[];
  /** Per schedule: planned against started, lateness, missed and skipped firings, success rate. */
  schedules: ScheduleAdherence[];
}

/**
 * What every fixed page (findings, usage, users, coverage, schedules) reads of the model besides its own part: the
 * page head and the HTML footer's time. Each such page is built from its inputs only (pages/*-page.ts), so it is the
 * same whenever they are (the report re-renders only pages whose inputs changed).
 */
export type FixedPageContext = Pick<ReportModel, 'generated_at' | 'period' | 'pseudonymized'> & {
  repo: Pick<ReportModel['repo'], 'name' | 'branch' | 'web_url'>;
};

/**
 * What a per-entity page (an action's, a runbook's) reads of the model besides its own entity: nothing else, so the
 * page is the same whenever these and the entity are (the report re-renders only pages whose inputs changed).
 */
export type PageContext = Pick<ReportModel, 'generated_at' | 'period' | 'pseudonymized'> & {
  repo: Pick<ReportModel['repo'], 'name' | 'branch' | 'web_url'>;
  /** Only which runbook runs have a page (a step's run links to it); the page digest includes that list. */
  runbooks: readonly { runbook_runs: readonly { id: string }[] }[];
};
