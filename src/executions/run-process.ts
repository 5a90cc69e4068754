import { spawn } from 'node:child_process';
import { OutputTail, ScrubbedLines } from './output-tail.js';
import { WATCHDOG_SOURCE } from './run-watchdog.js';

export interface ProcessSpec {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Kill the process group after this long (`timed_out`); null: no limit. */
  timeoutMs: number | null;
  /** Between SIGTERM and SIGKILL when a run is stopped (default 5 s). */
  killGraceMs?: number;
  /** Bytes of stdout and of stderr kept (the tail). */
  outputCapBytes: number;
  /** Values scrubbed out of the captured tails and the live lines. */
  secrets: readonly string[];
  /** Aborting stops the process group (`cancelled`). */
  signal?: AbortSignal;
  /** Live output, line by line, secrets scrubbed. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Live output as raw bytes (only when there are no secrets to scrub; `onLine` wins otherwise). */
  onChunk?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Give the child our stdin (for `exec`); default: no stdin. */
  inheritStdin?: boolean;
}

export interface ProcessResult {
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  exit_code: number | null;
  /** The signal that ended the process, when one did. */
  signal: string | null;
  duration_ms: number;
  stdout_tail: string;
  stderr_tail: string;
  truncated_bytes: number;
}

/** How long to wait for the pipes to close once the process exited (a background grandchild may hold them). */
const PIPE_GRACE_MS = 1_000;

/**
 * Run one command without a shell, in its own process group, with a timeout and cancellation that stop the whole
 * group (SIGTERM, then SIGKILL after a grace period), and capture the tail of its output with secrets scrubbed.
 * Never throws: a command that cannot start is a failed result (exit code 127, the reason on stderr).
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const started = performance.now();
  const stdout = new OutputTail(spec.outputCapBytes, spec.secrets);
  const stderr = new OutputTail(spec.outputCapBytes, spec.secrets);
  const liveOut = spec.onLine ? new ScrubbedLines(spec.secrets, (l) => spec.onLine!('stdout', l)) : null;
  const liveErr = spec.onLine ? new ScrubbedLines(spec.secrets, (l) => spec.onLine!('stderr', l)) : null;
  const raw = !spec.onLine && spec.secrets.length === 0 ? spec.onChunk : undefined;

  return new Promise((resolve) => {
    let stopping: 'timed_out' | 'cancelled' | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let finished = false;
    const timers: NodeJS.Timeout[] = [];

    // The watchdog leads the group and stops it if this process dies without stopping it (run-watchdog.ts).
    const grace = spec.killGraceMs ?? 5_000;
    const child = spawn(
      process.execPath,
      ['-e', WATCHDOG_SOURCE, '--', String(grace), spec.command, ...spec.args],
      {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: [spec.inheritStdin ? 'inherit' : 'ignore', 'pipe', 'pipe', 'pipe'],
      },
    );
    const lifeline = child.stdio[3] ?? null;
    lifeline?.on('error', () => undefined);

    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const stop = (why: 'timed_out' | 'cancelled'): void => {
      if (stopping || finished) return;
      stopping = why;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), grace));
    };
    const onAbort = (): void => stop('cancelled');

    const finish = (startError?: Error): void => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      spec.signal?.removeEventListener('abort', onAbort);
      if (stopping) killGroup('SIGKILL'); // nothing of a stopped run may outlive it
      child.stdout?.destroy();
      child.stderr?.destroy();
      lifeline?.destroy();
      liveOut?.end();
      liveErr?.end();
      if (startError) stderr.push(Buffer.from(`cannot start ${spec.command}: ${startError.message}\n`));
      const out = stdout.finish();
      const err = stderr.finish();
      const code = startError ? 127 : (exit?.code ?? null);
      resolve({
        status: stopping ?? (code === 0 ? 'succeeded' : 'failed'),
        exit_code: code,
        signal: exit?.signal ?? null,
        duration_ms: Math.round(performance.now() - started),
        stdout_tail: out.text,
        stderr_tail: err.text,
        truncated_bytes: out.truncatedBytes + err.truncatedBytes,
      });
    };

    child.stdout?.on('data', (b: Buffer) => {
      stdout.push(b);
      liveOut?.push(b);
      raw?.('stdout', b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      stderr.push(b);
      liveErr?.push(b);
      raw?.('stderr', b);
    });
    child.on('error', (e) => finish(e));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      timers.push(setTimeout(() => finish(), PIPE_GRACE_MS));
    });
    child.on('close', () => finish());

    if (spec.timeoutMs !== null) timers.push(setTimeout(() => stop('timed_out'), spec.timeoutMs));
    if (spec.signal?.aborted) stop('cancelled');
    else spec.signal?.addEventListener('abort', onAbort);
  });
}
