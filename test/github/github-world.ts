import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { withDefaults, type OpsledgerConfig } from '../../src/config/load-config.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { BIN, type CliResult } from '../helpers/cli.js';
import { ALICE, createTestRepo, gitAs, type Author, type TestRepo } from '../helpers/git-repo.js';
import { startFakeGithub, type FakeGithub } from './fake-github/fake-github.js';
import type { FakePull } from './fake-github/fake-github-state.js';

const run = promisify(execFile);
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Record<string, unknown>[];
}[];

export const OWNER = 'acme';
export const REPO = 'ops';
export const SECRET = 'whsec-test-secret-0123456789';
export const TOKEN = 'ghs_test_installation_token';
export const APP_ID = 77;
/** The installation the fake knows (and answers tokens for). */
export const INSTALLATION_ID = 4242;

/** GitHub logins of the story's people. */
export const LOGINS = { bob: 'bob-gh', carol: 'carol-gh', alice: 'alice-gh' } as const;

/**
 * The world of a pull request story: a bare repo on disk standing for the GitHub repo (`origin`), a developer's
 * clone that pushes branches and merges, the service's own clone, the fake GitHub, and `opsledger serve` (in
 * process, as serve wires it) configured for the App with a token.
 */
export interface GithubWorld {
  origin: string;
  dev: TestRepo;
  serverRepo: string;
  fake: FakeGithub;
  server: RunningServer;
  dataDir: string;
  /** Stop the server and start a new one on the same clone and data dir (a restart). */
  restart(): Promise<void>;
  config: OpsledgerConfig;
  /** Push `branch` from the dev clone to origin, with `refs/pull/N/head` as GitHub keeps it. */
  pushPull(branch: string, number: number): Promise<string>;
  /** Sign and POST a delivery; `sign: false` or a wrong secret to test refusals. */
  deliver(
    event: string,
    payload: Record<string, unknown>,
    options?: { delivery?: string; secret?: string; sign?: boolean },
  ): Promise<{ status: number; body: unknown; delivery: string }>;
  /** The example payload of `event`/`action` from @octokit/webhooks-examples, adjusted to this repo and pull. */
  payload(
    event: string,
    action: string,
    pull: FakePull,
    extra?: Record<string, unknown>,
  ): Record<string, unknown>;
  /** Let the worker empty its queue. */
  settle(): Promise<void>;
  git(dir: string, ...args: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
  return stdout;
}

function example(event: string, action: string): Record<string, unknown> {
  const found = examples.find((e) => e.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  return structuredClone(found);
}

export async function createGithubWorld(
  files: Record<string, string>,
  options: { author?: Author; config?: Record<string, unknown>; app?: boolean } = {},
): Promise<GithubWorld> {
  const originDir = await mkdtemp(path.join(tmpdir(), 'opsledger-origin-'));
  await git(originDir, 'init', '-q', '--bare', '-b', 'main');
  const dev = await createTestRepo([
    { message: 'Definitions and roles', files, author: options.author ?? ALICE },
  ]);
  dev.git('remote', 'add', 'origin', originDir);
  dev.git('push', '-q', 'origin', 'main');
  const serverParent = await mkdtemp(path.join(tmpdir(), 'opsledger-service-'));
  const serverRepo = path.join(serverParent, 'clone');
  await git(serverParent, 'clone', '-q', originDir, serverRepo);
  await git(serverRepo, 'config', 'user.name', 'opsledger service');
  await git(serverRepo, 'config', 'user.email', 'opsledger@example.com');
  // App mode: a real RSA key; the fake checks the JWTs signed with it and issues installation tokens.
  const keys = options.app ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : null;
  const fake = await startFakeGithub({
    owner: OWNER,
    repo: REPO,
    remoteDir: originDir,
    ...(keys
      ? { app: { id: APP_ID, publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() } }
      : { token: TOKEN }),
  });
  const auth = keys ? { app_id: APP_ID, private_key_env: 'GH_APP_KEY' } : { token_env: 'GH_TOKEN' };
  const secrets = keys
    ? { GH_APP_KEY: keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() }
    : { GH_TOKEN: TOKEN };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-data-'));
  const config = withDefaults({
    github: {
      owner: OWNER,
      repo: REPO,
      api_url: fake.url,
      remote: 'origin',
      ...auth,
      webhook_secret_env: 'GH_WEBHOOK_SECRET',
      github_logins: { [LOGINS.carol]: 'carol@example.com', [LOGINS.bob]: 'bob@example.com' },
    },
    ...options.config,
  } as Parameters<typeof withDefaults>[0]);
  const start = (): Promise<RunningServer> =>
    startServer({
      repo: serverRepo,
      dataDir,
      config,
      logger: pino({ level: 'silent' }),
      env: { PATH: process.env.PATH, ...secrets, GH_WEBHOOK_SECRET: SECRET },
      host: '127.0.0.1',
      port: 0,
      graceMs: 2000,
      githubTuning: { retryAfterBaseValue: 20, spaceWrites: false, pollMs: 100 },
    });
  const world: GithubWorld = {
    dataDir,
    server: await start(),
    async restart() {
      await world.server.close();
      world.server = await start();
    },
    origin: originDir,
    dev,
    serverRepo,
    fake,
    config,
    async pushPull(branch, number) {
      await git(
        dev.dir,
        'push',
        '-q',
        '--force',
        'origin',
        `${branch}:refs/heads/${branch}`,
        `${branch}:refs/pull/${number}/head`,
      );
      return (await git(dev.dir, 'rev-parse', branch)).trim();
    },
    async deliver(event, payload, o = {}) {
      const delivery = o.delivery ?? randomUUID();
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac('sha256', o.secret ?? SECRET)
        .update(body)
        .digest('hex')}`;
      const res = await fetch(`${world.server.url}/api/v1/github/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': delivery,
          'user-agent': 'GitHub-Hookshot/test',
          ...(o.sign === false ? {} : { 'x-hub-signature-256': signature }),
        },
        body,
      });
      return { status: res.status, body: await res.json(), delivery };
    },
    payload(event, action, pull, extra = {}) {
      const p = example(event, action);
      const pr = p.pull_request as Record<string, unknown>;
      const side = (
        s: Record<string, unknown>,
        v: { ref: string; sha: string },
      ): Record<string, unknown> => ({
        ...s,
        ref: v.ref,
        sha: v.sha,
        label: `${OWNER}:${v.ref}`,
      });
      p.number = pull.number;
      p.pull_request = {
        ...pr,
        number: pull.number,
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${pull.number}`,
        user: { ...(pr.user as object), login: pull.user },
        head: side(pr.head as Record<string, unknown>, pull.head),
        base: side(pr.base as Record<string, unknown>, pull.base),
        state: pull.state,
        merged: pull.merged,
        merge_commit_sha: pull.merge_commit_sha,
      };
      p.repository = { ...(p.repository as object), name: REPO, full_name: `${OWNER}/${REPO}` };
      if (keys)
        p.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
      return { ...p, ...extra };
    },
    settle: () => world.server.deps.github!.worker.idle(),
    git,
    async close() {
      await world.server.close();
      await fake.close();
      await dev.cleanup();
      for (const d of [originDir, serverParent, dataDir]) await rm(d, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * Merge the pull's branch into main in the dev clone as GitHub's merge button does (a merge commit, or a squash
 * whose message is the single commit's with `(#N)` on its subject), push, and mark the pull merged.
 */
export async function mergePull(
  world: GithubWorld,
  pull: FakePull,
  by: Author,
  options: { squash?: boolean } = {},
): Promise<string> {
  const { dev } = world;
  gitAs(dev, by, ['checkout', '-q', 'main']);
  if (options.squash) {
    const [subject, ...rest] = (await git(dev.dir, 'log', '-1', '--format=%B', pull.head.sha))
      .trim()
      .split('\n');
    gitAs(dev, by, ['merge', '-q', '--squash', pull.head.sha]);
    gitAs(dev, by, ['commit', '-q', '-m', [`${subject} (#${pull.number})`, ...rest].join('\n')]);
  } else
    gitAs(dev, by, [
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge pull request #${pull.number} from ${OWNER}/${pull.head.ref}`,
      pull.head.ref,
    ]);
  await git(dev.dir, 'push', '-q', 'origin', 'main');
  const sha = (await git(dev.dir, 'rev-parse', 'main')).trim();
  Object.assign(pull, { state: 'closed', merged: true, merge_commit_sha: sha });
  return sha;
}

/** Run the built CLI without blocking the test worker. */
export function runCliAsync(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
