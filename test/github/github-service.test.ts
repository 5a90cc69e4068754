import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/github/github-client.js';
import { completeCheckRun, startCheckRun, type CheckAnnotation } from '../../src/github/publish-check-run.js';
import { DEMO_ROLE_FILES } from '../helpers/demo-roles.js';
import { BOB, gitAs } from '../helpers/git-repo.js';
import { createGithubWorld, git, LOGINS, OWNER, REPO, TOKEN, type GithubWorld } from './github-world.js';

const ACTION = 'definitions/actions/ping.yaml';
const ping = (timeout: number): string =>
  `id: ping\nname: Ping\nowner: bob@example.com\nstatus: released\nscript:\n  shell: sh\n  inline: echo pong\ntimeout: ${timeout}\n`;

let world: GithubWorld;
beforeAll(async () => {
  world = await createGithubWorld({ ...DEMO_ROLE_FILES, [ACTION]: ping(10) });
}, 60_000);
afterAll(async () => world?.close());
afterEach(() => expect(world.fake.violations).toEqual([]));

describe('the GitHub App in serve', () => {
  it('a delivery acknowledged (202) but not yet worked on when the server stops is done after the restart', async () => {
    gitAs(world.dev, BOB, ['checkout', '-q', '-b', 'slower-ping']);
    await world.dev.commit({ message: 'Slower ping', author: BOB, files: { [ACTION]: ping(30) } });
    const pull = world.fake.state.addPull({
      number: 7,
      title: 'Slower ping',
      body: null,
      user: LOGINS.bob,
      head: { ref: 'slower-ping', sha: await world.pushPull('slower-ping', 7) },
      base: { ref: 'main', sha: (await git(world.origin, 'rev-parse', 'main')).trim() },
    });
    await world.server.deps.github!.worker.stop();
    const res = await world.deliver('pull_request', world.payload('pull_request', 'opened', pull));
    expect(res.status).toBe(202);
    await world.restart();
    await world.settle();
    expect(world.fake.state.checkRunsFor(pull.head.sha).at(-1)).toMatchObject({
      status: 'completed',
      conclusion: 'action_required',
    });
    // The replay is still recognised by the new process.
    const replay = await world.deliver('pull_request', world.payload('pull_request', 'opened', pull), {
      delivery: res.delivery,
    });
    expect(replay.body).toMatchObject({ status: 'duplicate' });
  });

  it('events the App does not handle are acknowledged and ignored; a body over the limit is 413', async () => {
    const ping = await world.deliver('ping', { zen: 'Keep it logically awesome.', hook_id: 1 });
    expect(ping).toMatchObject({ status: 200, body: { status: 'ignored' } });
    const res = await fetch(`${world.server.url}/api/v1/github/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'big-1' },
      body: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('sends annotations 50 per request: 120 on one check run are all there, in three requests', async () => {
    const client = createGithubClient({
      config: { owner: OWNER, repo: REPO, api_url: world.fake.url, remote: 'origin', token_env: 'T' },
      env: { T: TOKEN },
      log: { info: () => {}, warn: () => {} },
      tuning: { spaceWrites: false },
    });
    const octokit = await client.octokit();
    const ref = { owner: OWNER, repo: REPO };
    const id = await startCheckRun(octokit, ref, 'c'.repeat(40), new Date());
    const annotations: CheckAnnotation[] = Array.from({ length: 120 }, (_, i) => ({
      path: ACTION,
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: 'notice',
      message: `line ${i + 1}`,
    }));
    const before = world.fake.calls.length;
    await completeCheckRun(
      octokit,
      ref,
      id,
      { conclusion: 'success', title: 't', summary: 's', annotations },
      { now: new Date(), withAnnotations: true },
    );
    expect(world.fake.calls.slice(before)).toEqual(Array(3).fill('PATCH checks/update'));
    const run = world.fake.state.checkRuns.get(id)!;
    expect(run.annotations.map((a) => a.start_line)).toEqual(annotations.map((a) => a.start_line));
    expect(run.conclusion).toBe('success');
  });
});

describe('the GitHub App in serve with App auth', () => {
  let app: GithubWorld;
  beforeAll(async () => {
    app = await createGithubWorld({ ...DEMO_ROLE_FILES, [ACTION]: ping(10) }, { app: true });
  }, 60_000);
  afterAll(async () => app?.close());

  it("uses the payload's installation: a JWT for its token, then the token for the check, comment and labels", async () => {
    gitAs(app.dev, BOB, ['checkout', '-q', '-b', 'slower-ping']);
    await app.dev.commit({ message: 'Slower ping', author: BOB, files: { [ACTION]: ping(30) } });
    const pull = app.fake.state.addPull({
      number: 3,
      title: 'Slower ping',
      body: null,
      user: LOGINS.bob,
      head: { ref: 'slower-ping', sha: await app.pushPull('slower-ping', 3) },
      base: { ref: 'main', sha: (await git(app.origin, 'rev-parse', 'main')).trim() },
    });
    expect((await app.deliver('pull_request', app.payload('pull_request', 'opened', pull))).status).toBe(202);
    await app.settle();
    expect(app.fake.calls[0]).toBe('POST apps/create-installation-access-token');
    expect(app.fake.calls).not.toContain('GET apps/get-repo-installation');
    expect(app.fake.state.checkRunsFor(pull.head.sha).at(-1)?.conclusion).toBe('action_required');
    expect(app.fake.state.commentsOn(3)).toHaveLength(1);
    expect(app.fake.violations).toEqual([]);
  });
});
