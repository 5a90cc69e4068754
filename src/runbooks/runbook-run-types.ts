import type { Initiator } from '../executions/start-run.js';
import type { ExecutionInput, ExecutionRecord, Journal, Trigger } from '../executions/types.js';
import type { HistoryIndex } from '../history/types.js';

/** The journal a runbook run needs: conditional appends, so a confirmation or a cancel is never overwritten. */
export type RunbookJournal = Journal & {
  appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null>;
};

export interface StartRunbookRunOptions {
  repo: string;
  dataDir: string;
  branch: string;
  journal: RunbookJournal;
  runbookId: string;
  params: Readonly<Record<string, unknown>>;
  /** Targets for steps that name none (default: each action's own). */
  targets: readonly string[];
  initiator: Initiator;
  trigger: Trigger;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * `always` (the API), `when-roles` (the CLI: only when the repo has role files) or `none` (the scheduler: the
   * schedule itself was merged through review, docs/schedules.md).
   */
  access: 'always' | 'when-roles' | 'none';
  allowUnreleased?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
  makeId?: (now: Date) => string;
  history?: HistoryIndex;
  definitionsDir?: string;
  /** How often the run looks for a confirmation or a cancel request by another process (default 200 ms). */
  pollMs?: number;
  onOutput?: (step: string, target: string | null, line: string) => void;
  onProgress?: (message: string) => void;
  /** Record the start only if the id is new (a scheduled firing, docs/schedules.md). */
  claim?: boolean;
  extra?: Pick<ExecutionInput, 'planned_at' | 'schedule'>;
  killGraceMs?: number;
  tempDir?: string;
}

export interface StartedRunbookRun {
  record: ExecutionRecord;
  done: Promise<ExecutionRecord>;
}
