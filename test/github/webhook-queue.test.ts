import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGithubWorker } from '../../src/github/github-worker.js';
import { openWebhookQueue, type WebhookJob } from '../../src/github/webhook-queue.js';

const job = (delivery: string): WebhookJob => ({
  delivery,
  event: 'pull_request',
  received_at: '2026-01-05T09:00:00.000Z',
  payload: { action: 'opened', n: delivery },
});
const quiet = { info: () => {}, warn: () => {} };

async function withDataDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-ghq-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the GitHub delivery queue', () => {
  it('property: whatever the replays, restarts and processing in between, each acknowledged delivery is handled exactly once', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('deliver' as const),
        id: fc.constantFrom('a-1', 'b-2', 'c-3', 'd-4', 'e-5'),
      }),
      fc.record({ kind: fc.constant('work' as const) }),
      fc.record({ kind: fc.constant('restart' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) =>
        withDataDir(async (dir) => {
          let queue = openWebhookQueue(dir);
          const handled: string[] = [];
          const acknowledged = new Set<string>();
          const work = async (): Promise<void> => {
            for (const j of await queue.pending()) {
              handled.push(j.delivery);
              await queue.complete(j, { failed: false, note: 'ok', at: new Date() });
            }
          };
          for (const s of steps) {
            if (s.kind === 'deliver') {
              const queued = await queue.enqueue(job(s.id));
              // A replay is refused exactly when the id was acknowledged before.
              expect(queued).toBe(!acknowledged.has(s.id));
              acknowledged.add(s.id);
            } else if (s.kind === 'work') await work();
            // A restart is a new process: nothing survives but the files.
            else queue = openWebhookQueue(dir);
          }
          await work();
          expect([...handled].sort()).toEqual([...acknowledged].sort());
        }),
      ),
      { numRuns: 40 },
    );
  });

  it('keeps jobs in arrival order, and sets aside a damaged job file instead of retrying it forever', async () => {
    await withDataDir(async (dir) => {
      const queue = openWebhookQueue(dir);
      for (const id of ['z-1', 'a-2', 'm-3']) await queue.enqueue(job(id));
      await writeFile(path.join(dir, 'github/queue/00000000000000000000-bad-4.json'), '{"half":');
      expect((await queue.pending()).map((j) => j.delivery)).toEqual(['z-1', 'a-2', 'm-3']);
      expect(await readdir(path.join(dir, 'github/failed'))).toEqual(['bad-4.json']);
      await expect(queue.enqueue(job('../etc/passwd'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    });
  });

  it('the worker retries a failing job with a growing wait, then sets it aside in failed/', async () => {
    await withDataDir(async (dir) => {
      const queue = openWebhookQueue(dir);
      await queue.enqueue(job('f-1'));
      let attempts = 0;
      const worker = createGithubWorker({
        queue,
        handle: () => {
          attempts += 1;
          return Promise.reject(new Error('GitHub is down'));
        },
        now: () => new Date(),
        log: quiet,
        pollMs: 5,
        maxAttempts: 3,
      });
      worker.start();
      await expect
        .poll(() => readdir(path.join(dir, 'github/failed')), { timeout: 5000 })
        .toEqual(['f-1.json']);
      await worker.stop();
      expect(attempts).toBe(3);
      expect(await queue.pending()).toEqual([]);
      // Set aside is remembered too: a redelivery of it is a replay.
      expect(await queue.enqueue(job('f-1'))).toBe(false);
    });
  });
});
