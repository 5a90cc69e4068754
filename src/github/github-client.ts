import { App, Octokit } from 'octokit';
import type { GithubConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

/**
 * The octokit client of opsledger's GitHub side (docs/github.md "GitHub App"): App auth with installation tokens
 * (`app_id` + `private_key_env`) or a token (`token_env`); the throttling and retry plugins on (octokit's own), so a
 * rate limit (403 with `x-ratelimit-remaining: 0`, or a secondary 429) is waited out and the request retried.
 */
export interface GithubTuning {
  /** Milliseconds per second of `retry-after`/`x-ratelimit-reset` (1000; tests shorten it). */
  retryAfterBaseValue?: number;
  /** How many times a rate-limited request is retried (3). */
  rateLimitRetries?: number;
  /** Throttle writes to 1 per second as GitHub asks (true; tests turn it off). */
  spaceWrites?: boolean;
}

export interface GithubLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface GithubRepoRef {
  owner: string;
  repo: string;
}

/** Installation-authenticated octokit for the configured repo, created once per installation. */
export interface GithubClient extends GithubRepoRef {
  octokit(installationId?: number): Promise<Octokit>;
}

export interface GithubClientOptions {
  config: GithubConfig;
  env: Readonly<Record<string, string | undefined>>;
  log: GithubLog;
  tuning?: GithubTuning;
}

function required(value: string | undefined, key: string): string {
  if (!value) {
    throw new OpsledgerError('CONFIG_INVALID', `github.${key} is not set in opsledger.yaml`, {
      hint: 'The GitHub App mode needs github.owner, github.repo and either app_id + private_key_env or token_env (docs/github.md).',
    });
  }
  return value;
}

function secretFrom(env: GithubClientOptions['env'], name: string, what: string): string {
  const value = env[name];
  if (!value) {
    throw new OpsledgerError('CONFIG_INVALID', `the environment variable ${name} (${what}) is not set`, {
      hint: `Export ${name} before starting opsledger (docs/github.md).`,
    });
  }
  return value;
}

/** The Octokit class with opsledger's base URL, logging, throttling and retry settings. */
function octokitClass(options: GithubClientOptions): typeof Octokit {
  const { config, log, tuning = {} } = options;
  const retries = tuning.rateLimitRetries ?? 3;
  const onLimit =
    (what: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string; request: { retryCount: number } },
    ): boolean => {
      const again = request.request.retryCount < retries;
      log.warn(
        `GitHub ${what} on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return again;
    };
  const base = tuning.retryAfterBaseValue;
  return Octokit.defaults({
    ...(config.api_url ? { baseUrl: config.api_url.replace(/\/$/, '') } : {}),
    userAgent: 'opsledger',
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.warn(m),
    },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(base !== undefined ? { retryAfterBaseValue: base } : {}),
      ...(tuning.spaceWrites === false ? { write: noWait(), notifications: noWait() } : {}),
    },
    retry: { ...(base !== undefined ? { retryAfterBaseValue: base } : {}) },
  }) as typeof Octokit;
}

/** A stand-in for the throttling plugin's write limiter that never waits (only through `tuning.spaceWrites`). */
function noWait(): unknown {
  const limiter = { schedule: (_options: unknown, fn: () => Promise<void>) => fn() };
  return { key: () => limiter };
}

/** Build the client from `github:` in opsledger.yaml and the environment (nothing is called yet). */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const { config, env } = options;
  const owner = required(config.owner, 'owner');
  const repo = required(config.repo, 'repo');
  const Client = octokitClass(options);
  if (config.token_env) {
    const token = secretFrom(env, config.token_env, 'github.token_env');
    const octokit = new Client({ auth: token });
    return { owner, repo, octokit: () => Promise.resolve(octokit) };
  }
  const appId = required(config.app_id === undefined ? undefined : String(config.app_id), 'app_id');
  const privateKey = secretFrom(
    env,
    required(config.private_key_env, 'private_key_env'),
    'github.private_key_env',
  );
  const app = new App({ appId, privateKey, Octokit: Client });
  const byInstallation = new Map<number, Promise<Octokit>>();
  let repoInstallation: Promise<number> | null = null;
  return {
    owner,
    repo,
    async octokit(installationId) {
      const id =
        installationId ??
        (await (repoInstallation ??= app.octokit.rest.apps
          .getRepoInstallation({ owner, repo })
          .then((r) => r.data.id)
          .catch((err: unknown) => {
            repoInstallation = null;
            throw err;
          })));
      let client = byInstallation.get(id);
      if (!client) {
        client = app.getInstallationOctokit(id) as Promise<Octokit>;
        byInstallation.set(id, client);
      }
      return client;
    },
  };
}
