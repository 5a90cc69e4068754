let keepRunning = false;

/**
 * From now on a closed stdout or stderr (EPIPE, or EIO from a terminal that went away) must not end the process: a
 * recorder has a run to supervise and its end to record (docs/executions.md, "When the recorder dies").
 */
export function keepRunningOnClosedPipes(): void {
  keepRunning = true;
}

/** Whether the entry point may exit at once when stdout or stderr is closed (as `audit --json | head` wants). */
export function mayExitOnClosedPipe(): boolean {
  return !keepRunning;
}
