import type { OpsledgerConfig } from '../config/load-config.js';
import type { DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { NativeHistoryIndex } from '../history/native-history-index.js';
import { revertTargetOf } from '../history/revert-target.js';
import { createGithubClient, type GithubLog, type GithubTuning } from './github-client.js';
import { openGithubApp, type GithubApp } from './open-github-app.js';
import { openRevertPullRequest, type RevertPullRequest } from './open-revert-pull-request.js';

/** A revert the API asks for: this definition back to `version`, authored by the caller. */
export interface RevertPullRequestRequest {
  kind: DefinitionKind;
  id: string;
  version: number;
  user: string;
}

/** What serve has of GitHub (docs/github.md): the App's webhook side, and reverts as pull requests. */
export interface GithubService {
  app: GithubApp | null;
  revert: ((request: RevertPullRequestRequest) => Promise<RevertPullRequest>) | null;
}

export interface OpenGithubServiceOptions {
  repo: string;
  dataDir: string;
  config: OpsledgerConfig;
  env: Readonly<Record<string, string | undefined>>;
  history: NativeHistoryIndex;
  now: () => Date;
  log: GithubLog;
  tuning?: GithubTuning & { pollMs?: number };
  /** Follow a push to the tracked branch: fetch it into the clone, refresh history (docs/github.md, "Pushes"). */
  followPush?: (after: string) => Promise<string>;
}

/** Nothing without GitHub auth in the config (`token_env`, or `app_id` + `private_key_env`): the routes answer 404. */
export function openGithubService(options: OpenGithubServiceOptions): GithubService {
  const { config, history } = options;
  const gh = config.github;
  if (!gh.token_env && gh.app_id === undefined) {
    if (gh.webhook_secret_env) {
      throw new OpsledgerError('CONFIG_INVALID', 'github.webhook_secret_env is set but no GitHub auth is', {
        hint: 'Add github.token_env, or github.app_id with github.private_key_env (docs/github.md).',
      });
    }
    return { app: null, revert: null };
  }
  const client = createGithubClient({
    config: gh,
    env: options.env,
    log: options.log,
    ...(options.tuning ? { tuning: options.tuning } : {}),
  });
  const app = openGithubApp({
    client,
    repo: options.repo,
    dataDir: options.dataDir,
    config,
    env: options.env,
    now: options.now,
    log: options.log,
    ...(options.tuning?.pollMs !== undefined ? { pollMs: options.tuning.pollMs } : {}),
    ...(options.followPush ? { followPush: options.followPush } : {}),
  });
  const revert = async (request: RevertPullRequestRequest): Promise<RevertPullRequest> => {
    const found = history.definitionAt(request.kind, request.id, request.version);
    if (!found) {
      throw new OpsledgerError(
        'VERSION_NOT_FOUND',
        `${request.kind} ${request.id} has no version ${request.version}`,
      );
    }
    const target = revertTargetOf(history, request.kind, request.id, found);
    const last = history.states(request.kind, request.id).at(-1);
    return openRevertPullRequest({
      repo: options.repo,
      config,
      client,
      request: {
        kind: 'version',
        target,
        current: last ? { version: last.version, commit: last.commit } : null,
      },
      author: { name: request.user, email: request.user },
    });
  };
  return { app, revert };
}
