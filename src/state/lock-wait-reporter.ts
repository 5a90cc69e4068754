let reportWait: (message: string) => void = () => undefined;

/**
 * Where "waiting for <what> held by pid N …" goes when a lock is not free after a second: set once by an entry point
 * (the CLI: stderr; the server: its log). Until then waits are silent. Apart from flock.ts so that setting it does not
 * load the native flock binding (every command's start-up sets it).
 */
export function setLockWaitReporter(report: (message: string) => void): void {
  reportWait = report;
}

/** Report a lock wait through the reporter the entry point set. */
export function reportLockWait(message: string): void {
  reportWait(message);
}
