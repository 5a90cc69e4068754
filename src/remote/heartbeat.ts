import { isTransient, type ServiceClient } from './service-client.js';

export interface HeartbeatOptions {
  client: ServiceClient;
  executionId: string;
  /** The lease the service granted (`Opsledger-Lease-Seconds` of the start). */
  leaseSeconds: number;
  onWarning?: (message: string) => void;
}

/** A running heartbeat; `stop` ends it (an answer still on its way is ignored). */
export interface Heartbeat {
  stop(): void;
}

/**
 * Renew a remote run's lease every third of it while the script runs (docs/executions.md, Remote recording), one
 * request at a time, each given a third of the lease to answer. Nothing it meets stops or fails the run: a service
 * that cannot be reached is told once on stderr and tried again at the next beat; a service that says the run is no
 * longer running (it recorded it `abandoned`) ends the heartbeat — the end is delivered as usual and kept as its late
 * end. The timer does not keep the process alive.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const every = Math.max(250, Math.floor((options.leaseSeconds * 1000) / 3));
  const path = `/api/v1/recordings/${encodeURIComponent(options.executionId)}/heartbeat`;
  let busy = false;
  let stopped = false;
  let warned = false;
  const warn = (message: string): void => {
    if (warned || stopped) return;
    warned = true;
    try {
      options.onWarning?.(message);
    } catch {
      // A closed stderr never stops the run.
    }
  };
  const beat = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      await options.client.request('POST', path, { timeoutMs: every });
      warned = false;
    } catch (err) {
      if (isTransient(err)) {
        warn(
          `warning: ${options.executionId}: cannot renew the run's lease at the service (${(err as Error).message}); the run goes on`,
        );
      } else {
        warn(
          `warning: ${options.executionId}: the service no longer renews this run (${(err as Error).message}); the run goes on and its end is delivered as usual`,
        );
        stop();
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void beat().catch(() => undefined), every);
  timer.unref();
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  return { stop };
}
