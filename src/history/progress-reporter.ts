import type cliProgress from 'cli-progress';
import { requirePackage } from '../package/require-package.js';

/**
 * A progress callback drawing a bar with cli-progress on `stream` when it is a TTY (never stdout: JSON output stays
 * clean); a no-op otherwise, so piped and CI runs print nothing.
 */
export function createProgressReporter(
  stream: NodeJS.WriteStream,
): ((phase: 'start' | 'tick' | 'stop', done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let bar: cliProgress.SingleBar | null = null;
  return (phase, done, total) => {
    if (phase === 'start') {
      // Loaded when a bar is drawn, not with the reporter: a warm history read never draws one (README, CLI start-up).
      const { SingleBar, Presets } = requirePackage('cli-progress') as typeof cliProgress;
      bar = new SingleBar(
        {
          stream,
          format: 'indexing history [{bar}] {value}/{total} commits',
          hideCursor: true,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, done);
    } else if (phase === 'tick') {
      bar?.update(done);
    } else {
      bar?.stop();
      bar = null;
    }
  };
}
