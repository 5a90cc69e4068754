import { writeSync } from 'node:fs';
import type { OutputStream } from './output.js';

/** The errors of a stdout or stderr its reader closed: `| head` quit, or the terminal went away. */
const CLOSED = new Set(['EPIPE', 'EIO']);

/**
 * A writer straight to file descriptor 1 or 2 with `fs.writeSync`, for the index readers' entry (history-main.ts):
 * `process.stdout` and `process.stderr` load Node's stream, net and tty modules when first touched, a few
 * milliseconds of a warm `history` (README, CLI start-up). The bytes are the same and written before `write`
 * returns, as Node writes to files and terminals; a pipe that is full is waited for.
 *
 * A closed reader (EPIPE, EIO) calls `onClosed` on the next tick, when a stream would emit its 'error'; it may end
 * the process (as `history ID | head` wants). This and every later write are dropped. Any other error is thrown
 * outside the command, as a stream's unhandled 'error' would be.
 */
export function fdWriter(fd: 1 | 2, onClosed: () => void): OutputStream {
  let closed = false;
  return {
    write(text: string): boolean {
      if (closed) return false;
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? '';
          // A non-blocking pipe (another process may have made it so) that is full: wait for its reader.
          if (code === 'EAGAIN') pause(1);
          else if (CLOSED.has(code)) {
            // Heard on the next tick, as a stream's 'error' is: the command's exit code is set by then.
            closed = true;
            process.nextTick(onClosed);
            return false;
          } else {
            closed = true;
            process.nextTick(() => {
              throw err;
            });
            return false;
          }
        }
      }
      return true;
    },
    // Asked only before paging (page-output.ts), which the index readers never do: tty loads net, so not before.
    get isTTY(): boolean {
      return process.getBuiltinModule('node:tty').isatty(fd);
    },
    get rows(): number | undefined {
      return fd === 1 ? process.stdout.rows : process.stderr.rows;
    },
  };
}

/** Sleep `ms` milliseconds without spinning. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
