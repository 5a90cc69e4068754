import path from 'node:path';
import { Option } from 'commander';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { assertDataDirOutside } from '../../reports/assert-data-dir-outside.js';
import type { BootstrapKey } from '../../server/bootstrap-admin-key.js';
import { startServer } from '../../server/start-server.js';
import { parseTrustProxy } from '../../server/parse-trust-proxy.js';
import { journalUrl } from '../journal-target.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import { keepRunningOnClosedPipes } from '../closed-pipes.js';
import { parseWholeNumber } from '../parse-options.js';
import { createServeLogger } from '../serve-logger.js';
import { serveWorkers } from '../serve-workers.js';
import { setLockWaitReporter } from '../../state/lock-wait-reporter.js';

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
        const port = parseWholeNumber('--port', options.port, {
          min: 0,
          max: 65535,
          code: 'USAGE',
          expected: '0-65535',
        });
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
          workers: (deps) =>
            serveWorkers(ctx, config, deps, logger, {
              scheduler: (options as { scheduler?: boolean }).scheduler !== false,
              exporter,
            }),
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
