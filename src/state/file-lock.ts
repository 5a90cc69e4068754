/** Why a lock could not be taken: someone holds it past the deadline, or the place cannot be written at all. */
export class FileLockError extends Error {
  constructor(
    readonly reason: 'locked' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileLockError';
  }
}

export type ReleaseLock = () => void;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Call `attempt` until it returns the lock's release, waiting between tries with jittered backoff (from
 * `firstDelayMs`, ×1.6, at most 25 ms) while it answers null (held by someone else); after `timeoutMs`,
 * FileLockError 'locked'. `attempt` throws for anything else.
 */
export async function retryLock(
  target: string,
  timeoutMs: number,
  firstDelayMs: number,
  attempt: () => Promise<ReleaseLock | null> | ReleaseLock | null,
): Promise<ReleaseLock> {
  const deadline = Date.now() + timeoutMs;
  let delay = firstDelayMs;
  for (;;) {
    const release = await attempt();
    if (release) return release;
    if (Date.now() >= deadline) {
      throw new FileLockError('locked', `${target} is locked by another process (waited ${timeoutMs} ms)`);
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.6, 25);
  }
}
