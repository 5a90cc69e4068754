import type { Logger } from 'pino';
import type { OpsledgerConfig } from '../config/load-config.js';
import type { RunbookJournal } from '../runbooks/start-runbook-run.js';
import { createScheduler } from '../schedules/create-scheduler.js';
import type { HistoryIndex } from '../history/types.js';
import type { ServerDeps } from '../server/server-deps.js';
import type { ServerWorker } from '../server/server-worker.js';
import type { CliContext } from './context.js';

/** What a worker of the server has (the delivery worker and the exporter come with their own shape). */
interface ServerWorkerLike {
  start(): void;
  stop(): Promise<void>;
}

/** A server worker from an object with start/stop methods (class instances keep their methods). */
function asWorker(name: string, w: ServerWorkerLike): ServerWorker {
  return { name, start: () => w.start(), stop: () => w.stop() };
}

/** The workers `opsledger serve` runs beside the API: webhook delivery, the scheduled export, the scheduler. */
export function serveWorkers(
  ctx: CliContext,
  config: OpsledgerConfig,
  deps: ServerDeps,
  logger: Logger,
  options: { scheduler: boolean; exporter: (history: HistoryIndex) => ServerWorkerLike | null },
): ServerWorker[] {
  return [
    // Webhook deliveries from the durable outbox (docs/alerts.md); stopped again by deps.close().
    asWorker('webhook delivery', (deps as typeof deps & { deliveryWorker: ServerWorkerLike }).deliveryWorker),
    ...[options.exporter(deps.history)].flatMap((e) => (e ? [asWorker('export', e)] : [])),
    // Scheduled actions and runbooks (docs/schedules.md); several services may share one journal.
    ...(!options.scheduler
      ? []
      : [
          asWorker(
            'scheduler',
            createScheduler({
              repo: ctx.repo,
              dataDir: ctx.dataDir,
              branch: config.branch,
              definitionsDir: config.paths.definitions,
              journal: deps.journal as RunbookJournal,
              history: deps.history,
              env: ctx.env,
              now: ctx.now,
              ...(config.schedules.service_identity
                ? { serviceUser: config.schedules.service_identity }
                : {}),
              inflight: deps.inflightRuns,
              // Several services on one PostgreSQL journal claim each firing there (docs/postgres.md).
              ...(deps.claimFiring ? { claim: deps.claimFiring } : {}),
              onEvent: (message) => logger.info({ scheduler: true }, message),
              onError: (err) => logger.error({ err }, 'scheduled run failed'),
            }),
          ),
        ]),
  ];
}
