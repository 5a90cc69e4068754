import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APPROVALS_NOTES_REF, parseApprovalNoteText } from '../../src/review/approval-note.js';
import { DEMO_ROLE_FILES } from '../helpers/demo-roles.js';
import { BOB, CAROL, gitAs } from '../helpers/git-repo.js';
import type { FakePull } from './fake-github/fake-github-state.js';
import { evidenceOf, findingsOf, modelFor } from '../reports/report-fixture.js';
import {
  createGithubWorld,
  git,
  runCliAsync,
  LOGINS,
  mergePull,
  OWNER,
  REPO,
  type GithubWorld,
} from './github-world.js';

const ACTION = 'definitions/actions/restart-web.yaml';
/** restart-web with its `targets` on line 14 (the story's bad target goes there). */
const action = (timeout: number, targets: string): string =>
  [
    'id: restart-web',
    'name: Restart web',
    'description: Restart the web tier',
    'owner: bob@example.com',
    'tags: [web]',
    'status: released',
    'script:',
    '  shell: sh',
    '  inline: echo restarting',
    'parameters:',
    '  - name: service',
    '    type: string',
    '    default: nginx',
    `targets: ${targets}`,
    `timeout: ${timeout}`,
    '',
  ].join('\n');

let world: GithubWorld;
let pull: FakePull;
/** The merge commits of pull requests #1 (approved) and #2 (not). */
const merges: string[] = [];

beforeAll(async () => {
  world = await createGithubWorld({ ...DEMO_ROLE_FILES, [ACTION]: action(300, '[web-01]') });
}, 60_000);
afterAll(async () => world?.close());
afterEach(() => {
  // A request GitHub's description refuses, or an answer it does not allow, fails the test that made it.
  expect(world.fake.violations).toEqual([]);
});

const runsOf = (sha: string) => world.fake.state.checkRunsFor(sha);
const latestRun = (sha: string) => runsOf(sha).at(-1)!;

describe('a pull request through the GitHub App (fake GitHub, real git remote, signed webhooks)', () => {
  it('opened with a timeout change and a bad target on line 14: check failure with the annotation, one comment, high risk', async () => {
    const { dev } = world;
    gitAs(dev, BOB, ['checkout', '-q', '-b', 'slower-restarts']);
    await dev.commit({
      message: 'Slower restarts, one more target',
      author: BOB,
      files: { [ACTION]: action(600, '[web-01, "web 02!"]') },
    });
    const head = await world.pushPull('slower-restarts', 1);
    const base = (await git(world.origin, 'rev-parse', 'main')).trim();
    pull = world.fake.state.addPull({
      number: 1,
      title: 'Slower restarts',
      body: null,
      user: LOGINS.bob,
      head: { ref: 'slower-restarts', sha: head },
      base: { ref: 'main', sha: base },
    });
    const res = await world.deliver('pull_request', world.payload('pull_request', 'opened', pull));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'queued', delivery: res.delivery });
    await world.settle();

    const run = latestRun(head);
    expect(run).toMatchObject({ name: 'opsledger', status: 'completed', conclusion: 'failure' });
    expect(run.writes[0]).toMatchObject({ status: 'in_progress' });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ path: ACTION, start_line: 14, end_line: 14, annotation_level: 'failure' }),
    );
    const comments = world.fake.state.commentsOn(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('/timeout 300 → 600');
    expect(comments[0]!.body).toContain('<!-- opsledger:pr-check -->');
    expect(world.fake.state.labels.get(1)).toEqual(['opsledger:risk-high']);
  });

  it('a pushed fix edits the same comment and the check asks for approval', async () => {
    const { dev } = world;
    await dev.commit({
      message: 'Fix the target',
      author: BOB,
      files: { [ACTION]: action(600, '[web-01, web-02]') },
    });
    pull.head.sha = await world.pushPull('slower-restarts', 1);
    expect(
      (await world.deliver('pull_request', world.payload('pull_request', 'synchronize', pull))).status,
    ).toBe(202);
    await world.settle();

    expect(latestRun(pull.head.sha)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    const comments = world.fake.state.commentsOn(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toBe(1);
    expect(comments[0]!.body).toContain('/timeout 300 → 600');
    expect(comments[0]!.body).not.toContain('web 02!');
  });

  it("the author's own approval does not count; an approver's does: success", async () => {
    const review = (login: string) => {
      world.fake.state.addReview(1, {
        login,
        state: 'APPROVED',
        commit_id: pull.head.sha,
        submitted_at: new Date().toISOString(),
        body: '',
      });
      return world.payload('pull_request_review', 'submitted', pull);
    };
    await world.deliver('pull_request_review', review(LOGINS.bob));
    await world.settle();
    expect(runsOf(pull.head.sha)).toHaveLength(1);
    expect(latestRun(pull.head.sha).conclusion).toBe('action_required');

    await world.deliver('pull_request_review', review(LOGINS.carol));
    await world.settle();
    // The same run is updated (its annotations kept, not sent again).
    expect(runsOf(pull.head.sha)).toHaveLength(1);
    expect(latestRun(pull.head.sha).conclusion).toBe('success');
    expect(world.fake.state.commentsOn(1)).toHaveLength(1);
  });

  it('merged: the approval evidence is a note on the merge commit, pushed to the remote', async () => {
    const merge = await mergePull(world, pull, CAROL);
    merges.push(merge);
    const res = await world.deliver('pull_request', world.payload('pull_request', 'closed', pull));
    expect(res.status).toBe(202);
    await world.settle();

    const text = await git(world.origin, 'notes', `--ref=${APPROVALS_NOTES_REF}`, 'show', merge);
    const [note, ...more] = parseApprovalNoteText(text);
    expect(more).toEqual([]);
    expect(note!.pull_request).toMatchObject({
      number: 1,
      url: `https://github.com/${OWNER}/${REPO}/pull/1`,
      head_sha: pull.head.sha,
      base_ref: 'main',
    });
    expect(note!.approvals).toContainEqual(
      expect.objectContaining({
        reviewer_login: LOGINS.carol,
        email: 'carol@example.com',
        state: 'APPROVED',
        commit_id: pull.head.sha,
      }),
    );
    expect(note!.approvals).toContainEqual(
      expect.objectContaining({ reviewer_login: LOGINS.bob, email: 'bob@example.com' }),
    );
  });

  it('a replayed delivery does nothing, a bad or missing signature gets 401 and does nothing', async () => {
    const payload = world.payload('pull_request', 'synchronize', pull);
    const first = await world.deliver('pull_request', payload);
    await world.settle();
    const calls = world.fake.calls.length;
    const replay = await world.deliver('pull_request', payload, { delivery: first.delivery });
    expect(replay).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    const forged = await world.deliver('pull_request', payload, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
    const unsigned = await world.deliver('pull_request', payload, { sign: false });
    expect(unsigned.status).toBe(401);
    await world.settle();
    expect(world.fake.calls.length).toBe(calls);
  });

  it('rate limits (403 x-ratelimit-remaining: 0, a secondary 429) are waited out without duplicate comments', async () => {
    const { dev } = world;
    gitAs(dev, BOB, ['checkout', '-q', '-b', 'faster-restarts', 'main']);
    await dev.commit({
      message: 'Faster restarts',
      author: BOB,
      files: { [ACTION]: action(120, '[web-01, web-02]') },
    });
    const second: FakePull = world.fake.state.addPull({
      number: 2,
      title: 'Faster restarts',
      body: null,
      user: LOGINS.bob,
      head: { ref: 'faster-restarts', sha: await world.pushPull('faster-restarts', 2) },
      base: { ref: 'main', sha: (await git(world.origin, 'rev-parse', 'main')).trim() },
    });
    world.fake.failNext('primary', 'issues/create-comment');
    world.fake.failNext('secondary', 'checks/update');
    world.fake.failNext('secondary', 'issues/add-labels');
    await world.deliver('pull_request', world.payload('pull_request', 'opened', second));
    await world.settle();
    expect(world.fake.calls.filter((c) => c === 'POST issues/create-comment').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(world.fake.state.commentsOn(2)).toHaveLength(1);
    expect(latestRun(second.head.sha).conclusion).toBe('action_required');
    expect(world.fake.state.labels.get(2)).toEqual(['opsledger:risk-medium']);

    // Merged without an approval: the note says so (no APPROVED review); the reports' finding reads it.
    const merge = await mergePull(world, second, BOB);
    await world.deliver('pull_request', world.payload('pull_request', 'closed', second));
    await world.settle();
    const [note] = parseApprovalNoteText(
      await git(world.origin, 'notes', `--ref=${APPROVALS_NOTES_REF}`, 'show', merge),
    );
    expect(note!.pull_request.number).toBe(2);
    expect(note!.approvals).toEqual([]);
    merges.push(merge);
  });

  it('in any clone that fetches the notes: history shows the approval, the approved merge is clean, the other a finding', async () => {
    const { dev } = world;
    await git(dev.dir, 'fetch', '-q', 'origin', `+${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`);
    const history = await runCliAsync(['history', 'restart-web', '--json'], { cwd: dev.dir });
    expect(history.code, history.stderr).toBe(0);
    const events = JSON.parse(history.stdout) as {
      commit: string;
      pull_request: number | null;
      approvals: unknown;
    }[];
    const first = events.find((e) => e.commit === merges[0])!;
    expect(first.pull_request).toBe(1);
    expect(first.approvals).toContainEqual(
      expect.objectContaining({
        reviewer_login: LOGINS.carol,
        email: 'carol@example.com',
        state: 'APPROVED',
      }),
    );
    const model = await modelFor(dev, { now: new Date().toISOString() });
    const unapproved = findingsOf(model, 'unapproved-change').map((f) => evidenceOf(f).Commit);
    expect(unapproved).toContain(merges[1]);
    expect(unapproved).not.toContain(merges[0]);
    expect(findingsOf(model, 'stale-approval')).toEqual([]);
  });
});
