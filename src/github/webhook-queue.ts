import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { fsyncDir, writeFileDurably } from '../state/durable-write.js';
import { withFlock } from '../state/flock.js';

/**
 * The durable queue between `POST /api/v1/github/webhook` and the worker that does the work (docs/github.md
 * "Deliveries"). A delivery is acknowledged only once its job file is fsync'd under `<data-dir>/github/queue/`; a job
 * done moves to `done/` (a small record, kept so a replayed `X-GitHub-Delivery` is recognised after a restart), one
 * that keeps failing to `failed/`. Enqueue and completion take one flock, so two servers on one data dir agree.
 */
export interface WebhookJob {
  delivery: string;
  event: string;
  received_at: string;
  payload: unknown;
}

export interface QueuedJob extends WebhookJob {
  /** The job file's name in `queue/` (ordered by arrival). */
  file: string;
}

export interface WebhookQueue {
  /** Queue a delivery; `false` when this delivery id was seen before (a replay: nothing is queued). */
  enqueue(job: WebhookJob): Promise<boolean>;
  /** The jobs waiting, oldest first. */
  pending(): Promise<QueuedJob[]>;
  /** The job is done (or given up: `failed`); it leaves the queue and its delivery id stays remembered. */
  complete(job: QueuedJob, outcome: { failed: boolean; note: string; at: Date }): Promise<void>;
}

/** GitHub's delivery ids are GUIDs; anything else is refused before it names a file. */
export const DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export function openWebhookQueue(dataDir: string): WebhookQueue {
  const root = path.join(dataDir, 'github');
  const dirs = {
    queue: path.join(root, 'queue'),
    done: path.join(root, 'done'),
    failed: path.join(root, 'failed'),
  };
  const lockFile = path.join(root, 'queue.lock');
  let ready: Promise<void> | null = null;
  let counter = 0;
  const prepare = (): Promise<void> =>
    (ready ??= (async () => {
      for (const d of Object.values(dirs)) await mkdir(d, { recursive: true, mode: 0o700 });
      await writeFile(lockFile, '', { flag: 'a', mode: 0o600 });
    })());
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    await prepare();
    return withFlock(lockFile, { what: 'the GitHub delivery queue' }, fn);
  };
  const exists = (file: string): Promise<boolean> =>
    access(file).then(
      () => true,
      () => false,
    );
  const seen = async (delivery: string): Promise<boolean> => {
    const name = `${delivery}.json`;
    if ((await exists(path.join(dirs.done, name))) || (await exists(path.join(dirs.failed, name))))
      return true;
    return (await readdir(dirs.queue)).some((f) => f.endsWith(`-${name}`));
  };
  return {
    async enqueue(job) {
      if (!DELIVERY_ID.test(job.delivery)) {
        throw new OpsledgerError(
          'INPUT_INVALID',
          `X-GitHub-Delivery ${JSON.stringify(job.delivery)} is not a delivery id`,
          {
            hint: 'GitHub sends a GUID in X-GitHub-Delivery.',
          },
        );
      }
      return locked(async () => {
        if (await seen(job.delivery)) return false;
        const seq = `${String(Date.now()).padStart(14, '0')}${String(counter++ % 10_000).padStart(4, '0')}`;
        await writeFileDurably(path.join(dirs.queue, `${seq}-${job.delivery}.json`), JSON.stringify(job));
        return true;
      });
    },
    async pending() {
      await prepare();
      const files = (await readdir(dirs.queue))
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .sort();
      const jobs: QueuedJob[] = [];
      for (const file of files) {
        try {
          jobs.push({
            ...(JSON.parse(await readFile(path.join(dirs.queue, file), 'utf8')) as WebhookJob),
            file,
          });
        } catch {
          // Written durably, so unreadable means damaged: set aside, never retried forever.
          await rename(path.join(dirs.queue, file), path.join(dirs.failed, file.replace(/^\d+-/, '')));
        }
      }
      return jobs;
    },
    async complete(job, outcome) {
      await locked(async () => {
        const record = {
          delivery: job.delivery,
          event: job.event,
          received_at: job.received_at,
          finished_at: outcome.at.toISOString(),
          failed: outcome.failed,
          note: outcome.note,
        };
        const target = path.join(outcome.failed ? dirs.failed : dirs.done, `${job.delivery}.json`);
        await writeFileDurably(target, JSON.stringify(record));
        await rm(path.join(dirs.queue, job.file), { force: true });
        fsyncDir(dirs.queue);
      });
    },
  };
}
