import type { QueuedJob, WebhookQueue } from './webhook-queue.js';

/** The worker that empties the GitHub delivery queue (docs/github.md "Deliveries"). */
export interface GithubWorker {
  name: string;
  start(): void;
  /** Lets the job in hand finish, starts no other. */
  stop(): Promise<void>;
  /** A delivery was queued: look now rather than at the next poll. */
  wake(): void;
  /** Resolves once the queue is empty and nothing runs (tests, shutdown). */
  idle(): Promise<void>;
}

export interface GithubWorkerOptions {
  queue: WebhookQueue;
  handle(job: QueuedJob): Promise<string>;
  now: () => Date;
  log: { info(message: string): void; warn(message: string): void };
  /** How often the queue is looked at without a wake (retries wait for it), ms. */
  pollMs?: number;
  /** Attempts before a job is set aside in `failed/` (each retry waits pollMs × 2^attempt). */
  maxAttempts?: number;
}

/**
 * One job at a time, oldest first. A job that throws is retried with a growing wait, then set aside; the queue is
 * files, so jobs a stopped or killed server left are done after the restart.
 */
export function createGithubWorker(options: GithubWorkerOptions): GithubWorker {
  const { queue, log } = options;
  const pollMs = options.pollMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const attempts = new Map<string, { count: number; notBefore: number }>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  const idleWaiters: (() => void)[] = [];

  const runOnce = async (): Promise<boolean> => {
    let didWork = false;
    for (const job of await queue.pending()) {
      if (stopped) return didWork;
      const tried = attempts.get(job.file);
      if (tried && tried.notBefore > Date.now()) continue;
      didWork = true;
      try {
        const note = await options.handle(job);
        log.info(`github ${job.event} ${job.delivery}: ${note}`);
        attempts.delete(job.file);
        await queue.complete(job, { failed: false, note, at: options.now() });
      } catch (err) {
        const count = (tried?.count ?? 0) + 1;
        const message = (err as Error).message;
        if (count >= maxAttempts) {
          log.warn(`github ${job.event} ${job.delivery}: given up after ${count} attempts: ${message}`);
          attempts.delete(job.file);
          await queue.complete(job, { failed: true, note: message, at: options.now() });
        } else {
          log.warn(`github ${job.event} ${job.delivery}: attempt ${count} failed, retrying: ${message}`);
          attempts.set(job.file, { count, notBefore: Date.now() + pollMs * 2 ** (count - 1) });
        }
      }
    }
    return didWork;
  };
  const settleIdle = async (): Promise<void> => {
    const waiting = (await queue.pending()).length;
    if (waiting === 0 && !again) idleWaiters.splice(0).forEach((r) => r());
  };
  const kick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch((err: unknown) => log.warn(`github queue: ${(err as Error).message}`));
      } while (again && !stopped);
      await settleIdle().catch(() => {});
    })().finally(() => (running = null));
  };
  return {
    name: 'github deliveries',
    start() {
      stopped = false;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    wake: kick,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        kick();
      }),
  };
}
