import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { openKeyStore } from '../access/open-key-store.js';
import { rolesAtTip } from '../access/roles-at-tip.js';
import type { OpsledgerConfig } from '../config/load-config.js';
import { recordParameters } from '../executions/check-parameters.js';
import { newExecutionId } from '../executions/execution-id.js';
import { closeAbandonedRuns } from '../executions/close-abandoned-runs.js';
import { alertOnAppend, levelOutbox } from '../alerts/alert-on-append.js';
import { scanRecordsAfter } from '../executions/read-records-after.js';
import { readDeliveries } from '../alerts/delivery-store.js';
import { createDeliveryWorker, type DeliveryWorker } from '../alerts/delivery-worker.js';
import { openAlerts } from '../alerts/open-alerts.js';
import { openJournalAt } from '../executions/open-journal-at.js';
import { stampRecordedVia } from '../executions/recorded-via.js';
import { verifyJournal } from '../executions/verify-journal.js';
import { startRun } from '../executions/start-run.js';
import { startRunbookRun } from '../runbooks/start-runbook-run.js';
import { createPushFollower } from '../github/create-push-follower.js';
import { openGithubService, type OpenGithubServiceOptions } from '../github/open-github-service.js';
import { openHistoryIndex } from '../history/open-history-index.js';
import type { RefreshStats } from '../history/types.js';
import { hmacSecret, loadHmacKey } from '../state/hmac-key.js';
import { openState } from '../state/open-state.js';
import { openAccessLog } from './access-log.js';
import { openIdempotencyStore } from './open-idempotency-store.js';
import { openSharedState } from './open-shared-state.js';
import {
  adoptOpenRecordings,
  closeLapsedRecordings,
  type LapsedRecordingOptions,
} from './close-lapsed-recordings.js';
import { memoryRecordingLeases } from './recording-leases.js';
import { defaultLimits, type ServerDeps } from './server-deps.js';

export interface OpenServerOptions {
  repo: string;
  dataDir: string;
  /** A PostgreSQL journal instead of the data dir's files (docs/postgres.md). */
  databaseUrl?: string | null;
  config: OpsledgerConfig;
  logger: Logger;
  /** The environment scripts of self-service runs inherit. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Aborted at shutdown once the grace period is over: runs still going are cancelled (and recorded so). */
  runSignal?: AbortSignal;
  /** Serve a shallow clone's partial history instead of refusing to start (SHALLOW_REPOSITORY). */
  allowShallow?: boolean;
  /** Rate-limit waits and queue polling of the GitHub App (tests shorten them). */
  githubTuning?: OpenGithubServiceOptions['tuning'];
}

/** The real adapters behind the server: the native history index, the file journal, state, the access log. */
export async function openServerDeps(
  options: OpenServerOptions,
): Promise<ServerDeps & { close(): Promise<void>; deliveryWorker: DeliveryWorker }> {
  const { repo, dataDir, config, logger } = options;
  const now = options.now ?? (() => new Date());
  const branch = config.branch;
  const definitionsDir = config.paths.definitions;
  const allowShallow = options.allowShallow === true;
  const history = await openHistoryIndex({
    repo,
    dataDir,
    branch,
    definitionsDir,
    allowShallow,
    onWarning: (message) => logger.warn(message),
  });
  // On PostgreSQL, keys, idempotency keys, rate limits, firing claims and the alerts outbox are shared by every
  // instance (docs/postgres.md, "Several instances").
  const shared = options.databaseUrl ? openSharedState(options.databaseUrl, now) : null;
  // Runs and history changes reach the webhooks through the outbox; the worker is started by serve (docs/alerts.md).
  let worker: DeliveryWorker | null = null;
  const alerts = openAlerts({
    dataDir,
    config,
    now,
    onWarning: (message) => logger.warn(message),
    onAppended: () => worker?.wake(),
    ...(shared ? { outbox: shared.outbox } : {}),
  });
  worker = createDeliveryWorker({
    dataDir,
    outbox: alerts.outbox(),
    webhooks: config.webhooks,
    env: options.env,
    logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    ...(shared ? { store: shared.deliveryState } : {}),
  });
  const emitHistoryAlerts = (): Promise<void> =>
    alerts.emitHistoryAlerts(history).catch((err: unknown) => {
      logger.warn(`cannot put history alerts in the outbox: ${(err as Error).message}`);
    });
  await emitHistoryAlerts();
  // Everything the service appends is `recorded_via: server` (docs/executions.md, Remote recording).
  const opened = stampRecordedVia(
    // Pages of runs are served from parsed records kept in memory (docs/api.md, "Performance").
    await openJournalAt(
      options.databaseUrl ? { backend: 'postgres', url: options.databaseUrl } : { backend: 'file', dataDir },
      { now, onWarning: (message) => logger.warn(message), recordCache: 20_000 },
    ),
    'server',
  );
  // Crash recovery reads the records after the outbox's mark from the journal that is open (docs/postgres.md).
  const journalAlerts = alerts.journalAlerts(
    options.databaseUrl ? (seq) => scanRecordsAfter(opened, seq) : undefined,
  );
  // Each run's start and end reach the outbox before the append returns (docs/alerts.md, "Delivery").
  const journal = alertOnAppend(opened, journalAlerts);
  // Records a killed process appended without their alerts get them now, before anything else is appended.
  const owed = await levelOutbox(journal, journalAlerts);
  if (owed > 0)
    logger.warn(`alerts: ${owed} run record(s) appended before a crash had no alert yet; now in the outbox`);
  // Runs a killed server (or CLI) left running are closed before this one starts any (docs/executions.md).
  await closeAbandonedRuns({
    dataDir,
    journal,
    now,
    closedBy: 'serve',
    onWarning: (message) => logger.warn(message),
  });
  // Remote runs whose CLI died while this service was down, or that never got a lease, are closed in one lease's
  // time; leases that lapsed meanwhile (PostgreSQL keeps them) are closed now (docs/executions.md, Remote recording).
  const recordingLeases = shared?.recordingLeases ?? memoryRecordingLeases();
  await settleRecordingLeases({
    journal,
    leases: recordingLeases,
    now,
    leaseMs: config.server.recording_lease_seconds * 1000,
    onWarning: (message) => logger.warn(message),
  });
  const state = openState(dataDir);
  const keys = shared?.keys ?? openKeyStore(state);
  const hmacKey = await loadHmacKey(state, now);
  const accessLog = openAccessLog(dataDir);
  let refreshing: Promise<RefreshStats> | null = null;
  // One refresh at a time: the interval and POST /refresh share the one in flight.
  const refreshHistory = (): Promise<RefreshStats> =>
    (refreshing ??= history
      .refresh()
      .then(async (stats) => {
        await emitHistoryAlerts();
        return stats;
      })
      .finally(() => (refreshing = null)));
  // A push fetched the branch: a refresh in flight began before it, so wait for it and start one after.
  const refreshAfterNow = async (): Promise<RefreshStats> => {
    while (refreshing) await refreshing.catch(() => undefined);
    return refreshHistory();
  };
  // The GitHub App when configured (docs/github.md); its worker is started by startServer.
  const github = openGithubService({
    followPush: createPushFollower({
      repo,
      dataDir,
      remote: config.github.remote,
      branch,
      refresh: refreshAfterNow,
      now: () => now().getTime(),
      log: { warn: (m) => logger.warn({ github: true }, m) },
    }),
    repo,
    dataDir,
    config,
    env: options.env,
    history,
    now,
    log: { info: (m) => logger.info({ github: true }, m), warn: (m) => logger.warn({ github: true }, m) },
    ...(options.githubTuning ? { tuning: options.githubTuning } : {}),
  });
  const host = hostname();
  return {
    repo,
    config,
    history,
    journal,
    startRun: (req) =>
      startRun({
        repo,
        dataDir,
        branch,
        journal,
        history,
        definitionsDir,
        actionId: req.actionId,
        params: req.params,
        targets: req.targets,
        initiator: { user: req.user, via: 'api', host },
        trigger: req.trigger,
        // The API runs what is released on the branch; a dirty work tree or a draft is refused (409).
        allowDirty: false,
        allowUnreleased: false,
        env: options.env,
        now,
        ...(options.runSignal ? { signal: options.runSignal } : {}),
      }),
    startRunbookRun: (req) =>
      startRunbookRun({
        repo,
        dataDir,
        branch,
        journal,
        history,
        definitionsDir,
        runbookId: req.runbookId,
        params: req.params,
        targets: req.targets,
        initiator: { user: req.user, via: req.trigger === 'schedule' ? 'scheduler' : 'api', host },
        trigger: req.trigger,
        access: 'always',
        env: options.env,
        now,
        ...(options.runSignal ? { signal: options.runSignal } : {}),
      }),
    redactParameters: (defs, values) => recordParameters(defs, values, (v) => hmacSecret(hmacKey, v)),
    refreshHistory,
    webhookDeliveries: () => (shared ? shared.deliveryState.deliveries() : readDeliveries(dataDir)),
    // The journal this service writes: its database when it has one, else its data dir's files.
    verifyJournal: () =>
      options.databaseUrl
        ? import('../executions/postgres/verify-postgres.js').then((m) =>
            m.verifyPostgres({ url: options.databaseUrl!, repo }),
          )
        : verifyJournal({ dataDir, repo }),
    ...(github.app ? { github: github.app } : {}),
    ...(github.revert ? { openRevertPullRequest: github.revert } : {}),
    deliveryWorker: worker,
    keys,
    idempotency: shared?.idempotency ?? openIdempotencyStore(state, now),
    ...(shared
      ? {
          rateLimitStore: shared.rateLimitStore,
          claimFiring: shared.claimFiring,
          databaseHealth: shared.databaseHealth,
        }
      : {}),
    recordingLeases,
    accessLog,
    roles: rolesAtTip(history),
    now,
    newExecutionId,
    logger,
    limits: defaultLimits(config),
    inflightRuns: new Set(),
    async close() {
      await worker.stop();
      await keys.close();
      accessLog.close();
      await journal.close();
      await shared?.close();
    },
  };
}

/** The start-up check of the remote runs' leases; a failure is logged, never stops the service. */
async function settleRecordingLeases(options: LapsedRecordingOptions): Promise<void> {
  try {
    await closeLapsedRecordings(options);
    await adoptOpenRecordings(options);
  } catch (err) {
    options.onWarning?.(`cannot check the leases of remote runs now: ${(err as Error).message}`);
  }
}
