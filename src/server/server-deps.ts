import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { KeyStore } from '../access/key-store.js';
import type { RolesProvider } from '../access/roles-at-tip.js';
import type { DeliveryRecord } from '../alerts/delivery-store.js';
import type { OpsledgerConfig } from '../config/load-config.js';
import type { Parameter, Scalar } from '../definitions/types.js';
import type {
  ExecutionRecord,
  Journal,
  RecordedParameter,
  Trigger,
  VerifyReport,
} from '../executions/types.js';
import type { GithubApp } from '../github/open-github-app.js';
import type { GithubService } from '../github/open-github-service.js';
import type { HistoryIndex, RefreshStats } from '../history/types.js';
import type { AccessLog } from './access-log.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { RecordingLeases } from './recording-leases.js';
import type { DatabaseHealth } from './open-shared-state.js';

/** A self-service run request, as the recorder takes it (the same recorder as `opsledger run`). */
export interface RunRequest {
  actionId: string;
  params: Record<string, unknown>;
  targets: string[];
  user: string;
  trigger: Trigger;
}

/** Start a run: resolves once the 'running' record is durable; `done` settles with the final record. */
export type StartRun = (
  request: RunRequest,
) => Promise<{ record: ExecutionRecord; done: Promise<ExecutionRecord> }>;

/** A runbook run request: like a run request, for a runbook. */
export interface RunbookRunRequest {
  runbookId: string;
  params: Record<string, unknown>;
  targets: string[];
  user: string;
  trigger: Trigger;
}

export type StartRunbookRun = (
  request: RunbookRunRequest,
) => Promise<{ record: ExecutionRecord; done: Promise<ExecutionRecord> }>;

/** Turn the parameters of a run reported from elsewhere into their recorded form (secrets redacted). */
export type RedactParameters = (
  actionParameters: readonly Parameter[],
  values: Readonly<Record<string, Scalar>>,
) => Record<string, RecordedParameter>;

/** Tunables of the HTTP layer; defaults come from the config and docs/api.md. */
export interface ServerLimits {
  /** Largest accepted request body in bytes (413 above). */
  bodyBytes: number;
  /** Requests per key per window, unless the key says otherwise. */
  rateLimit: number;
  rateWindowMs: number;
  /** Failed authentications per client address per window before 429 (slows key guessing). */
  authFailures: number;
  /** Failed authentications per key id (from any address) per window before 429. */
  keyIdFailures: number;
}

/** Everything `createApp` needs. Real adapters in production (`openServerDeps`), the same ports in tests. */
export interface ServerDeps {
  repo: string;
  config: OpsledgerConfig;
  history: HistoryIndex;
  journal: Journal;
  startRun: StartRun;
  redactParameters: RedactParameters;
  /** Bring the history index (and with it the roles) up to the branch tip. */
  refreshHistory: () => Promise<RefreshStats>;
  keys: KeyStore;
  idempotency: IdempotencyStore;
  accessLog: AccessLog;
  roles: RolesProvider;
  now: () => Date;
  newExecutionId: (now: Date) => string;
  logger: Logger;
  limits: ServerLimits;
  /** Start a runbook run (docs/runbooks.md); absent where the server cannot run runbooks. */
  startRunbookRun?: StartRunbookRun;
  /** Runs started through the API, so shutdown can wait for them. */
  inflightRuns: Set<Promise<unknown>>;
  /** `opsledger verify` over the service's journal (`GET /journal/verify`); absent: the route answers 503. */
  verifyJournal?: () => Promise<VerifyReport & { quarantined: string[] }>;
  /** The GitHub App (docs/github.md): webhook verification and its durable queue; absent when not configured. */
  github?: GithubApp;
  /** Revert a definition through a pull request (docs/github.md); absent without GitHub auth. */
  openRevertPullRequest?: NonNullable<GithubService['revert']>;
  /** Each webhook delivery's latest state, newest first (docs/alerts.md); absent: no webhooks here. */
  webhookDeliveries?: () => Promise<DeliveryRecord[]>;
  /** The rate-limit counters every instance shares (PostgreSQL); absent: counted in this process. */
  rateLimitStore?: Store;
  /** Claim a schedule firing in the journal's database (PostgreSQL); absent: claim files in the data dir. */
  claimFiring?: (firingId: string) => Promise<boolean>;
  /** The database's state for `GET /health` (PostgreSQL); absent: a file journal. */
  databaseHealth?: () => Promise<DatabaseHealth>;
  /**
   * The leases of remotely recorded runs (docs/executions.md, Remote recording): in the database on PostgreSQL, in
   * memory otherwise. Absent: remote runs get no lease, and one whose CLI died stays `running`.
   */
  recordingLeases?: RecordingLeases;
}

export function defaultLimits(config: OpsledgerConfig): ServerLimits {
  return {
    bodyBytes: 64 * 1024,
    rateLimit: config.server.rate_limit_per_minute,
    rateWindowMs: 60_000,
    authFailures: 30,
    keyIdFailures: 10,
  };
}
