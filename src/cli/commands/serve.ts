import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { Option } from 'commander';
import { parseExpiry } from '../../access/parse-expiry.js';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { assertDataDirOutside } from '../../reports/assert-data-dir-outside.js';
import { bootstrapAdminKey } from '../../server/bootstrap-admin-key.js';
import { createApp } from '../../server/create-app.js';
import { openServerDeps } from '../../server/open-server-deps.js';
import { parseTrustProxy } from '../../server/parse-trust-proxy.js';
import type { CommandModule } from '../cli-app.js';
import { keepRunningOnClosedPipes } from '../closed-pipes.js';
import { setLockWaitReporter } from '../../state/flock.js';

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

/** `opsledger serve`: the REST API (CONTRACTS.md §5). The only place that listens. */
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
        const logger = pino(
          {
            level: options.logLevel,
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
        const runs = new AbortController();
        const deps = await openServerDeps({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          config,
          logger,
          env: ctx.env,
          now: ctx.now,
          runSignal: runs.signal,
          allowShallow: options.allowShallow === true,
        });
        // The S3 client loads only when an export is configured; a bad schedule stops serve before it listens.
        let exporter: { start(): void; stop(): Promise<void> } | null = null;
        try {
          if (config.export) {
            exporter = (await import('./export.js')).openServeExport(ctx, config, deps.history, logger);
          }
        } catch (err) {
          await deps.close();
          throw err;
        }
        const first = await bootstrapAdminKey(
          deps.keys,
          deps.roles.roles(),
          ctx.now(),
          parseExpiry('90d', ctx.now()),
        );
        if (first) {
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

        const server = createApp(deps).listen(port, options.host);
        await new Promise<void>((resolve, reject) => {
          server.once('listening', resolve);
          server.once('error', (err) =>
            reject(
              new OpsledgerError('USAGE', `cannot listen on ${options.host}:${port}: ${err.message}`, {
                cause: err,
              }),
            ),
          );
        });
        // Slow clients cannot hold connections forever.
        server.requestTimeout = 30_000;
        server.headersTimeout = 10_000;
        server.keepAliveTimeout = 5_000;
        server.setTimeout(120_000);
        const address = server.address() as AddressInfo;
        ctx.out.info(
          `opsledger serve: listening on http://${address.address}:${address.port} (docs: /api/v1/docs, repo ${ctx.repo})`,
        );

        // Keep the history index (and with it the roles) current; last-used times of keys written in batches.
        const refreshTimer = setInterval(() => {
          deps.refreshHistory().catch((err: unknown) => logger.error({ err }, 'history refresh failed'));
        }, ctx.config.server.refresh_seconds * 1000);
        // Webhook deliveries run beside the API and never hold up a run (docs/alerts.md).
        deps.deliveryWorker.start();
        exporter?.start();
        const flushTimer = setInterval(() => {
          deps.keys
            .flush()
            .catch((err: unknown) => logger.error({ err }, 'writing key last-used times failed'));
        }, 5_000);

        const stopped = await new Promise<string>((resolve) => {
          process.once('SIGTERM', () => resolve('SIGTERM'));
          process.once('SIGINT', () => resolve('SIGINT'));
          // A hang-up (its session ended) stops it as gracefully; runs cut short are recorded with the reason.
          process.once('SIGHUP', () => resolve('SIGHUP'));
        });
        ctx.out.info(`opsledger serve: ${stopped}, finishing in-flight requests and runs`);
        clearInterval(refreshTimer);
        clearInterval(flushTimer);
        await exporter?.stop();
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          runs.abort(`opsledger serve received ${stopped} and its grace period ended`);
        }, graceMs);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await Promise.allSettled([...deps.inflightRuns]);
        clearTimeout(deadline);
        await deps.close();
        logger.flush();
        ctx.out.info('opsledger serve: stopped');
        return EXIT.ok;
      }),
    );
};
