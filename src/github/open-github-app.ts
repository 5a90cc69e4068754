import { Webhooks } from '@octokit/webhooks';
import type { OpsledgerConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { GithubClient, GithubLog } from './github-client.js';
import { createGithubWorker, type GithubWorker } from './github-worker.js';
import { handleGithubDelivery, HANDLED_EVENTS } from './handle-github-delivery.js';
import { openWebhookQueue, type WebhookJob } from './webhook-queue.js';

/** The GitHub App side of `opsledger serve` (docs/github.md "GitHub App"). */
export interface GithubApp {
  /** Does `signature` (`X-Hub-Signature-256`) sign these exact body bytes with the webhook secret? */
  verify(rawBody: Buffer, signature: string | undefined): Promise<boolean>;
  /** Queue a verified delivery durably; 'duplicate' for a delivery id seen before, 'ignored' for other events. */
  receive(job: WebhookJob): Promise<'queued' | 'duplicate' | 'ignored'>;
  worker: GithubWorker;
}

export interface OpenGithubAppOptions {
  client: GithubClient;
  repo: string;
  dataDir: string;
  config: OpsledgerConfig;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  log: GithubLog;
  /** How often the worker looks at the queue without a wake, ms. */
  pollMs?: number;
  /** Follow a push to the tracked branch (docs/github.md, "Pushes"). */
  followPush?: (after: string) => Promise<string>;
}

/** The App, when `github.webhook_secret_env` is configured (else null: the webhook route answers 404). */
export function openGithubApp(options: OpenGithubAppOptions): GithubApp | null {
  const { config, env } = options;
  const secretEnv = config.github.webhook_secret_env;
  if (!secretEnv) return null;
  const secret = env[secretEnv];
  if (!secret) {
    throw new OpsledgerError(
      'CONFIG_INVALID',
      `the environment variable ${secretEnv} (github.webhook_secret_env) is not set`,
      {
        hint: `Export ${secretEnv} with the App's webhook secret before \`opsledger serve\` (docs/github.md).`,
      },
    );
  }
  const webhooks = new Webhooks({ secret });
  const queue = openWebhookQueue(options.dataDir);
  const ctx = {
    repo: options.repo,
    config,
    client: options.client,
    now: options.now,
    log: options.log,
    ...(options.followPush ? { followPush: options.followPush } : {}),
  };
  const worker = createGithubWorker({
    queue,
    handle: (job) => handleGithubDelivery(ctx, job),
    now: options.now,
    log: options.log,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  });
  return {
    async verify(rawBody, signature) {
      if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) return false;
      return webhooks.verify(rawBody.toString('utf8'), signature).catch(() => false);
    },
    async receive(job) {
      if (!(HANDLED_EVENTS as readonly string[]).includes(job.event)) return 'ignored';
      const queued = await queue.enqueue(job);
      if (queued) worker.wake();
      return queued ? 'queued' : 'duplicate';
    },
    worker,
  };
}
