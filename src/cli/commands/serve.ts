import path from 'node:path';
import { pino, type Logger } from 'pino';
import { Option } from 'commander';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { assertDataDirOutside } from '../../reports/assert-data-dir-outside.js';
import type { BootstrapKey } from '../../server/bootstrap-admin-key.js';
import { startServer } from '../../server/start-server.js';
import type { ServerWorker } from '../../server/server-worker.js';
import type { RunbookJournal } from '../../runbooks/start-runbook-run.js';
import { createScheduler } from '../../schedules/create-scheduler.js';
import { parseTrustProxy } from '../../server/parse-trust-proxy.js';
import { journalUrl } from '../journal-target.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import { keepRunningOnClosedPipes } from '../closed-pipes.js';
import { setLockWaitReporter } from '../../state/lock-wait-reporter.js';

/** What a worker of the server has (the delivery worker and the exporter come with their own shape). */
interface ServerWorkerLike {
  start(): void;
  stop(): Promise<void>;
}

/** A server worker from an object with start/stop methods (class instances keep their methods). */
function asWorker(name: string, w: ServerWorkerLike): ServerWorker {
  return { name, start: () => w.start(), stop: () => w.stop() };
}

interface ServeOptions {
  host: string;
  port: string;
  logLevel: string;
  shutdownGrace: string;
  trustProxy?: string;
  allowShallow?: boolean;
}

/** How long shutdown waits for in-flight requests and API-started runs before cancelling them. */
const DEFAULT_GRACE_SECONDS = 30;

/** The admin key made on the first start: on stdout, once. */
function printFirstKey(ctx: CliContext, first: BootstrapKey): void {
  ctx.out.line(
    [
      `opsledger: no API keys existed, so this admin key was created for ${first.user} (id ${first.id}, expires ${first.expires_at}).`,
      'It is shown this once and never again; store it now:',
      '',
      first.key,
      '',
      'Send it as "Authorization: Bearer <key>"; create more with `opsledger keys create --user EMAIL --name NAME`.',
    ].join('\n'),
  );
}

/** A pino logger of JSON lines on stderr that never writes a key or an Authorization header. */
function createServeLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'opsledger' },
      // Defence in depth: nothing logs headers or keys, and these paths are censored if anything ever does.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'key',
          '*.key',
          'secret',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}

/** `opsledger serve`: the REST API (docs/api.md). The only place that listens. */
export const serveCommand: CommandModule = (program, app) => {
  program
    .command('serve')
    .description('serve the REST API: audit and execution logs, self-service runs, reports (127.0.0.1:8080)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .addOption(
      new Option('--log-level <level>', 'request log level (JSON lines on stderr)')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
        .default('info'),
    )
    .option(
      '--shutdown-grace <seconds>',
      'on SIGTERM/SIGINT, wait this long for requests and runs',
      String(DEFAULT_GRACE_SECONDS),
    )
    .option('--no-scheduler', 'do not start scheduled runs (docs/schedules.md)')
    .option(
      '--trust-proxy <value>',
      'behind a reverse proxy: true, a hop count, or proxy addresses/subnets (default: server.trust_proxy, false)',
    )
    .option('--allow-shallow', 'serve a shallow clone as a partial history instead of refusing to start')
    .addHelpText(
      'after',
      `
On the first start with no API keys, one admin key is created and printed once on stdout.
Logs are JSON lines on stderr (pino); Authorization headers and keys are never logged.

Examples:
  $ opsledger serve
  $ opsledger serve --host 0.0.0.0 --port 9000 --log-level warn
  $ opsledger serve --trust-proxy loopback                   # behind nginx on the same host
  $ curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8080/api/v1/executions?limit=10
  $ open http://127.0.0.1:8080/api/v1/docs`,
    )
    .action(
      app.action(async (ctx, options: ServeOptions) => {
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new OpsledgerError('USAGE', `--port ${options.port}: expected 0-65535`);
        }
        const graceMs = Number(options.shutdownGrace) * 1000;
        if (!Number.isFinite(graceMs) || graceMs < 0) {
          throw new OpsledgerError('USAGE', `--shutdown-grace ${options.shutdownGrace}: expected seconds`);
        }
        const logger = createServeLogger(options.logLevel);
        // A closed log pipe must not take the server (and the runs it records) down (docs/executions.md).
        keepRunningOnClosedPipes();
        const config =
          options.trustProxy === undefined
            ? ctx.config
            : { ...ctx.config, server: { ...ctx.config.server, trust_proxy: options.trustProxy } };
        parseTrustProxy(
          config.server.trust_proxy,
          options.trustProxy === undefined ? 'server.trust_proxy' : '--trust-proxy',
        );
        // GET /reports/ serves the reports folder: the journal, vault and HMAC key must never be in it.
        assertDataDirOutside(
          ctx.dataDir,
          path.resolve(ctx.repo, config.paths.reports),
          'the reports folder that serve publishes',
          ctx.repo,
        );
        setLockWaitReporter((message) => logger.warn(message));
        // The S3 client loads only when an export is configured (docs/export.md).
        const exportModule = config.export ? await import('./export.js') : null;
        const exporter = (history: Parameters<NonNullable<typeof exportModule>['openServeExport']>[2]) =>
          exportModule?.openServeExport(ctx, config, history, logger) ?? null;
        const server = await startServer({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          databaseUrl: journalUrl(ctx),
          config,
          logger,
          env: ctx.env,
          now: ctx.now,
          host: options.host,
          port,
          graceMs,
          allowShallow: options.allowShallow === true,
          workers: (deps) => [
            // Webhook deliveries from the durable outbox (docs/alerts.md); stopped again by deps.close().
            asWorker(
              'webhook delivery',
              (deps as typeof deps & { deliveryWorker: ServerWorkerLike }).deliveryWorker,
            ),
            ...[exporter(deps.history)].flatMap((e) => (e ? [asWorker('export', e)] : [])),
            // Scheduled actions and runbooks (docs/schedules.md); several services may share one journal.
            ...((options as { scheduler?: boolean }).scheduler === false
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
                      inflight: deps.inflightRuns,
                      ...(deps.claimFiring ? { claim: deps.claimFiring } : {}),
                      onEvent: (message) => logger.info({ scheduler: true }, message),
                      onError: (err) => logger.error({ err }, 'scheduled run failed'),
                    }),
                  ),
                ]),
          ],
        });
        if (server.firstKey) printFirstKey(ctx, server.firstKey);
        ctx.out.info(`opsledger serve: listening on ${server.url} (docs: /api/v1/docs, repo ${ctx.repo})`);
        const stopped = await new Promise<string>((resolve) => {
          // A hang-up (its session ended) stops it as gracefully; runs cut short are recorded with the reason.
          for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
            process.once(signal, () => resolve(signal));
        });
        ctx.out.info(`opsledger serve: ${stopped}, finishing in-flight requests and runs`);
        await server.close(`opsledger serve received ${stopped} and its grace period ended`);
        logger.flush();
        ctx.out.info('opsledger serve: stopped');
        return EXIT.ok;
      }),
    );
};
