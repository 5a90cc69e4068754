/**
 * Work the server runs beside its requests (the history refresh, key last-used flushes; later the scheduler and
 * webhook delivery). `start` is called once the server listens; `stop` at shutdown, which waits for it: a worker
 * stops starting new work there and settles what it has in hand (docs/api.md, "Running the server").
 */
export interface ServerWorker {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** A worker that calls `tick` every `ms` (never two at once) and lets one in flight finish on stop. */
export function intervalWorker(
  name: string,
  ms: number,
  tick: () => Promise<unknown>,
  onError: (err: unknown) => void,
): ServerWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    name,
    start() {
      timer = setInterval(() => {
        running ??= tick()
          .catch(onError)
          .finally(() => (running = null));
      }, ms);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
