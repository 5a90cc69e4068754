import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET as HOOK_SECRET, startReceiver, type Receiver } from '../alerts/receiver.js';
import { startServe, type Serve } from '../alerts/serve-webhooks.js';
import { BOB, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_FILES, createFixtureRepo } from '../server/fixture-repo.js';
import { startFakeGithub, type FakeGithub } from './fake-github/fake-github.js';
import { git, OWNER, REPO, SECRET, TOKEN } from './github-world.js';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Record<string, unknown>[];
}[];

const DISK = 'definitions/actions/disk-usage.yaml';
const RESTART = 'definitions/actions/restart-web.yaml';

function config(fake: string, receiver: string): string {
  return `github:
  owner: ${OWNER}
  repo: ${REPO}
  api_url: ${fake}
  remote: origin
  token_env: GH_TOKEN
  webhook_secret_env: GH_WEBHOOK_SECRET
webhooks:
  - id: changes
    url: ${receiver}/changes
    events: [definition.changed, history.rewritten]
    secret_env: HOOK_SECRET
`;
}

/** GitHub's own example of a branch push (@octokit/webhooks-examples), moved to this repo, branch and commits. */
function pushPayload(ref: string, before: string, after: string, extra: Record<string, unknown> = {}) {
  const found = examples
    .find((e) => e.name === 'push')!
    .examples.find((e) => String(e.ref).startsWith('refs/heads/'))!;
  const p = structuredClone(found);
  return {
    ...p,
    ref,
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    repository: { ...(p.repository as object), name: REPO, full_name: `${OWNER}/${REPO}` },
    ...extra,
  };
}

/**
 * #19.3 "Definition changes made by a push reach the webhooks after the service's next history refresh, on a webhook
 * from GitHub": a real `opsledger serve` with the App configured against the fake GitHub, a bare repo as origin, and a
 * receiver that verifies every Standard Webhooks signature. No POST /api/v1/refresh is ever made.
 */
describe('#19 a push to the tracked branch reaches the webhooks without a refresh call', () => {
  let fake: FakeGithub;
  let receiver: Receiver;
  let dev: TestRepo;
  let work: string;
  let origin: string;
  let clone: string;
  let serve: Serve | undefined;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'opsledger-push-'));
    origin = path.join(work, 'origin.git');
    clone = path.join(work, 'clone');
    await git(work, 'init', '-q', '--bare', '-b', 'main', origin);
    receiver = await startReceiver();
    fake = await startFakeGithub({ owner: OWNER, repo: REPO, remoteDir: origin, token: TOKEN });
    dev = await createFixtureRepo();
    await dev.commit({
      message: 'GitHub App and webhooks',
      files: { 'opsledger.yaml': config(fake.url, receiver.url) },
    });
    dev.git('remote', 'add', 'origin', origin);
    dev.git('push', '-q', 'origin', 'main');
    await git(work, 'clone', '-q', origin, clone);
    serve = await startServe(clone, path.join(work, 'data'), {
      GH_TOKEN: TOKEN,
      GH_WEBHOOK_SECRET: SECRET,
      HOOK_SECRET,
    });
  });
  afterAll(async () => {
    await serve?.stop();
    await receiver?.close();
    await fake?.close();
    await dev?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const deliver = async (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const res = await fetch(`${serve!.url}/api/v1/github/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        'user-agent': 'GitHub-Hookshot/test',
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const tip = async (dir: string) => (await git(dir, 'rev-parse', 'main')).trim();
  const changes = () => receiver.attempts.filter((a) => a.path === '/changes');
  /** Commit a definition change in the dev clone and push it to origin; the push's before and after. */
  const pushChange = async (file: string, from: string, to: string) => {
    const before = await tip(dev.dir);
    await dev.commit({
      message: `${file}: ${to}`,
      author: BOB,
      files: { [file]: ACTION_FILES[file]!.replace(from, to) },
    });
    dev.git('push', '-q', 'origin', 'main');
    return { before, after: await tip(dev.dir) };
  };

  it('a signed push webhook: the clone fetches and fast-forwards, one definition.changed with the diff', async () => {
    const { before, after } = await pushChange(DISK, 'timeout: 30', 'timeout: 90');
    // Pushes that are not for the tracked branch of this repository are acknowledged and change nothing.
    expect((await deliver(pushPayload('refs/heads/feature', before, after))).status).toBe(202);
    const other = pushPayload('refs/heads/main', before, after, {
      repository: { name: 'elsewhere', full_name: `${OWNER}/elsewhere` },
    });
    expect((await deliver(other)).status).toBe(202);
    const res = await deliver(pushPayload('refs/heads/main', before, after));
    expect(res).toMatchObject({ status: 202, body: { status: 'queued' } });
    await receiver.waitFor(() => changes().length >= 1);
    expect(await tip(clone)).toBe(after);
    expect(await git(clone, 'status', '--porcelain')).toBe('');

    // A second push (delivered twice: the replay is recognised), after which nothing for the first can still come.
    const second = await pushChange(RESTART, 'timeout: 30', 'timeout: 45');
    const payload = pushPayload('refs/heads/main', second.before, second.after);
    expect((await deliver(payload)).status).toBe(202);
    await receiver.waitFor(() => changes().length >= 2);
    const got = changes();
    expect(got.map((c) => c.type)).toEqual(['definition.changed', 'definition.changed']);
    const first = got[0]!.data as { event: Record<string, unknown>; diff: unknown[] };
    expect(first.event).toMatchObject({
      auditable_type: 'Action',
      auditable_id: 'disk-usage',
      action: 'update',
    });
    // The fixture moved disk-usage to 60 s in its own history.
    expect(first.diff).toEqual([{ pointer: '/timeout', from: 60, to: 90 }]);
    expect((got[1]!.data as { diff: unknown[] }).diff).toEqual([{ pointer: '/timeout', from: 30, to: 45 }]);
    expect(new Set(got.map((c) => c.id)).size).toBe(2);
    expect(receiver.rejected).toEqual([]);
    expect(serve!.stderr()).toMatch(
      /push: ignored, a push to refs\/heads\/feature, not the tracked branch main/,
    );
    expect(serve!.stderr()).toMatch(/push: ignored, a push to acme\/elsewhere, not acme\/ops/);
    // The push path makes no GitHub API call; whatever the fake saw, GitHub's description allows.
    expect(fake.violations).toEqual([]);
  });

  it('a force-push is not followed: the clone keeps its branch, history.rewritten is told once', async () => {
    const kept = await tip(clone);
    const before = await tip(dev.dir);
    dev.git('reset', '-q', '--hard', 'HEAD~1');
    await dev.commit({
      message: 'restart-web: 50 s instead',
      author: BOB,
      files: { [RESTART]: ACTION_FILES[RESTART]!.replace('timeout: 30', 'timeout: 50') },
    });
    dev.git('push', '-q', '--force', 'origin', 'main');
    const after = await tip(dev.dir);
    const told = changes().length;
    expect((await deliver(pushPayload('refs/heads/main', before, after, { forced: true }))).status).toBe(202);
    await receiver.waitFor(() => changes().length > told);
    const [rewritten] = changes().slice(told);
    expect(rewritten!.type).toBe('history.rewritten');
    expect(rewritten!.data).toMatchObject({ rewrite: { branch: 'main', old_head: kept, new_head: after } });
    expect(
      (rewritten!.data as { rewrite: { lost_event_ids: string[] } }).rewrite.lost_event_ids,
    ).toHaveLength(1);
    expect(await tip(clone)).toBe(kept);
    expect(serve!.stderr()).toMatch(/a rewrite, not followed/);
    // The same rewrite met again (the next push on it) is not told twice; the next change after it still comes.
    const again = await pushChange(DISK, 'timeout: 30', 'timeout: 31');
    expect((await deliver(pushPayload('refs/heads/main', again.before, again.after))).status).toBe(202);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (serve!.stderr().includes(again.after.slice(0, 12))) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    expect(
      changes()
        .slice(told)
        .map((c) => c.type),
    ).toEqual(['history.rewritten']);
    expect(receiver.rejected).toEqual([]);
  });
});
