import { Cron } from 'croner';
import { OpsledgerError } from '../errors/opsledger-error.js';

/** The scheduled export of `serve` (docs/export.md), with the worker shape: start, stop. */
export interface ExportScheduler {
  start(): void;
  stop(): Promise<void>;
}

/** Run `exportOnce` on a cron schedule (default hourly); runs never overlap; a failure is logged, the next run retries. */
export function createExportScheduler(options: {
  schedule?: string;
  exportOnce: () => Promise<string>;
  logger: { info(msg: string): void; warn(msg: string): void };
}): ExportScheduler {
  const pattern = options.schedule ?? '0 * * * *';
  let job: Cron | null = null;
  let running: Promise<void> | null = null;
  // Checked when serve starts, so a typo is a config error, not a silent no-op.
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (err) {
    throw new OpsledgerError('CONFIG_INVALID', `export.schedule "${pattern}": ${(err as Error).message}`);
  }
  return {
    start() {
      job ??= new Cron(pattern, { protect: true }, () => {
        running = options
          .exportOnce()
          .then((summary) => options.logger.info(summary))
          .catch((err: unknown) => options.logger.warn(`scheduled export failed: ${(err as Error).message}`));
        return running;
      });
    },
    async stop() {
      job?.stop();
      job = null;
      await running;
    },
  };
}
