import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { parseExpiry } from '../access/parse-expiry.js';
import type { OpsledgerConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { bootstrapAdminKey, type BootstrapKey } from './bootstrap-admin-key.js';
import { createApp } from './create-app.js';
import { closeLapsedRecordings } from './close-lapsed-recordings.js';
import { openServerDeps, type OpenServerOptions } from './open-server-deps.js';
import type { RecordingLeases } from './recording-leases.js';
import type { ServerDeps, ServerLimits } from './server-deps.js';
import { intervalWorker, type ServerWorker } from './server-worker.js';

export interface StartServerOptions {
  repo: string;
  dataDir: string;
  /** A PostgreSQL journal instead of the data dir's files (docs/postgres.md). */
  databaseUrl?: string | null;
  config: OpsledgerConfig;
  logger: Logger;
  /** The environment scripts of self-service runs inherit. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  host: string;
  /** 0: any free port. */
  port: number;
  /** How long `close()` waits for in-flight requests and API-started runs before cutting them short. */
  graceMs: number;
  /** Started once the server listens, stopped (and awaited) by `close()`, in this order. */
  workers?: (deps: ServerDeps) => ServerWorker[];
  limits?: Partial<ServerLimits>;
  /** Serve a shallow clone as a partial history instead of refusing it (docs/history.md "Shallow clones"). */
  allowShallow?: boolean;
  /** Rate-limit waits and queue polling of the GitHub App (tests shorten them). */
  githubTuning?: OpenServerOptions['githubTuning'];
}

export interface RunningServer {
  /** `http://host:port`, the port the system gave for port 0. */
  url: string;
  deps: ServerDeps;
  /** The listening node:http server (tests watch its requests). */
  http: Server;
  /** The admin key created because no key existed (shown once), or null. */
  firstKey: BootstrapKey | null;
  /**
   * Stop: accept no more connections, let running requests and runs finish within the grace period (then cut them
   * short, runs recorded as cancelled with `reason`), stop the workers, close the journal and state. Idempotent.
   */
  close(reason?: string): Promise<void>;
}

/** Slow clients cannot hold connections forever. */
function setTimeouts(server: Server): void {
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.setTimeout(120_000);
}

async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (err) {
    throw new OpsledgerError('USAGE', `cannot listen on ${host}:${port}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return server.address() as AddressInfo;
}

/** The workers every server has: the history index (and roles) kept current, key last-used times written. */
function builtInWorkers(deps: ServerDeps, config: OpsledgerConfig, logger: Logger): ServerWorker[] {
  return [
    intervalWorker('history-refresh', config.server.refresh_seconds * 1000, deps.refreshHistory, (err) =>
      logger.error({ err }, 'history refresh failed'),
    ),
    intervalWorker(
      'key-last-used',
      5_000,
      () => deps.keys.flush(),
      (err) => logger.error({ err }, 'writing key last-used times failed'),
    ),
    // GitHub deliveries from the durable queue (docs/github.md); jobs a stopped server left are done now.
    ...(deps.github ? [deps.github.worker] : []),
    // Remote runs whose CLI stopped renewing its lease are closed `abandoned` (docs/executions.md, Remote recording).
    ...(deps.recordingLeases ? [recordingLeaseWatchdog(deps, deps.recordingLeases, config, logger)] : []),
  ];
}

/** The watchdog of the remote runs' leases: a round every quarter lease (at most every 5 s). */
function recordingLeaseWatchdog(
  deps: ServerDeps,
  leases: RecordingLeases,
  config: OpsledgerConfig,
  logger: Logger,
): ServerWorker {
  const leaseMs = config.server.recording_lease_seconds * 1000;
  return intervalWorker(
    'recording-leases',
    Math.max(250, Math.min(5_000, Math.floor(leaseMs / 4))),
    () =>
      closeLapsedRecordings({
        journal: deps.journal,
        leases,
        now: deps.now,
        leaseMs,
        onWarning: (message) => logger.warn(message),
      }),
    (err) => logger.error({ err }, 'closing remote runs whose lease lapsed failed'),
  );
}

/**
 * Keep-alive connections would hold `server.close()` until they time out: once draining, every answer still to be
 * sent says `Connection: close` and its socket ends with it; idle sockets are closed at once.
 */
function trackConnections(server: Server): { drain(): void } {
  let draining = false;
  const running = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    running.add(res);
    res.on('close', () => running.delete(res));
  });
  return {
    drain() {
      draining = true;
      for (const res of running) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
    },
  };
}

/**
 * The audit service's lifecycle, for `opsledger serve` and the tests alike: open the deps (closing runs a killed
 * server left running), create the first admin key if there is none, listen, start the workers; `close()` drains
 * (docs/api.md, "Running the server").
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const runs = new AbortController();
  const opened = await openServerDeps({
    repo: options.repo,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? null,
    config: options.config,
    logger,
    env: options.env,
    now,
    runSignal: runs.signal,
    allowShallow: options.allowShallow === true,
    ...(options.githubTuning ? { githubTuning: options.githubTuning } : {}),
  });
  const deps: ServerDeps = { ...opened, limits: { ...opened.limits, ...options.limits } };
  const server = createServer(createApp(deps));
  setTimeouts(server);
  const connections = trackConnections(server);
  let firstKey: BootstrapKey | null;
  let address: AddressInfo;
  let workers: ServerWorker[];
  try {
    // Workers are made before the server listens: one that cannot be made (a bad schedule) stops the start.
    workers = [...builtInWorkers(deps, options.config, logger), ...(options.workers?.(deps) ?? [])];
    firstKey = await bootstrapAdminKey(deps.keys, deps.roles.roles(), now(), parseExpiry('90d', now()));
    address = await listen(server, options.host, options.port);
  } catch (err) {
    await opened.close();
    throw err;
  }
  const started: ServerWorker[] = [];

  const drain = async (reason: string): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    connections.drain();
    // At the end of the grace period: connections cut, runs still going cancelled (and recorded so).
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      runs.abort(reason);
    }, options.graceMs);
    try {
      await Promise.all([
        // Once no request is running no run can start: then the runs started through the API are waited for.
        closed.then(() => Promise.allSettled([...deps.inflightRuns])),
        Promise.allSettled(started.map((w) => w.stop())).then((results) => {
          results.forEach((r, i) => {
            if (r.status === 'rejected')
              logger.error({ err: r.reason }, `worker ${started[i]!.name} failed to stop`);
          });
        }),
      ]);
    } finally {
      clearTimeout(deadline);
    }
    await opened.close();
  };
  let closing: Promise<void> | null = null;
  const close = (reason = 'the server is shutting down'): Promise<void> => (closing ??= drain(reason));
  try {
    for (const worker of workers) {
      await worker.start();
      started.push(worker);
    }
  } catch (err) {
    // A worker that cannot start stops the server: nothing half-started keeps running.
    await close(`a worker failed to start: ${(err as Error).message}`);
    throw err;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    deps,
    http: server,
    firstKey,
    close,
  };
}
