import cliProgress from 'cli-progress';

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
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: 'indexing history [{bar}] {value}/{total} commits',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
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
