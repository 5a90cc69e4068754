import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APPROVALS_NOTES_REF, parseApprovalNoteText } from '../../src/review/approval-note.js';
import { DEMO_ROLE_FILES } from '../helpers/demo-roles.js';
import { BOB, CAROL } from '../helpers/git-repo.js';
import type { FakePull } from './fake-github/fake-github-state.js';
import {
  createGithubWorld,
  git,
  LOGINS,
  mergePull,
  OWNER,
  REPO,
  runCliAsync,
  TOKEN,
  type GithubWorld,
} from './github-world.js';

const ACTION = 'definitions/actions/restart-web.yaml';
const action = (timeout: number): string =>
  `id: restart-web\nname: Restart web\nowner: bob@example.com\nstatus: released\nscript:\n  shell: sh\n  inline: echo restarting\ntargets: [web-01]\ntimeout: ${timeout}\n`;

const PING = 'definitions/actions/ping.yaml';
const ping = (timeout: number): string =>
  `id: ping\nname: Ping\nowner: bob@example.com\nstatus: draft\nscript:\n  shell: sh\n  inline: echo pong\ntimeout: ${timeout}\n`;

let world: GithubWorld;
let pingChange: string;

beforeAll(async () => {
  world = await createGithubWorld({ ...DEMO_ROLE_FILES, [ACTION]: action(300), [PING]: ping(10) });
  // Versions 2 (600) and 3 (900) of restart-web land on main and on the remote.
  await world.dev.commit({ message: 'Slower restarts (#3)', author: BOB, files: { [ACTION]: action(600) } });
  await world.dev.commit({
    message: 'Even slower restarts (#4)',
    author: BOB,
    files: { [ACTION]: action(900) },
  });
  pingChange = await world.dev.commit({
    message: 'Ping takes longer',
    author: BOB,
    files: { [PING]: ping(20) },
  });
  await git(world.dev.dir, 'push', '-q', 'origin', 'main');
  // The CLI reads github: from the repo's opsledger.yaml (left untracked here).
  await writeFile(
    path.join(world.dev.dir, 'opsledger.yaml'),
    `github:\n  owner: ${OWNER}\n  repo: ${REPO}\n  api_url: ${world.fake.url}\n  remote: origin\n  token_env: GH_TOKEN\n`,
  );
}, 60_000);
afterAll(async () => world?.close());
afterEach(() => expect(world.fake.violations).toEqual([]));

describe('revert through a pull request', () => {
  it('`revert restart-web --to 2 --pr` opens a pull request whose body shows the restored values', async () => {
    const headBefore = world.dev.git('rev-parse', 'HEAD').trim();
    const res = await runCliAsync(['revert', 'restart-web', '--to', '2', '--pr', '--json'], {
      cwd: world.dev.dir,
      env: { GH_TOKEN: TOKEN },
    });
    expect(res.stderr).not.toMatch(/error\[/);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { url: string; number: number; branch: string; commit: string };
    expect(out.url).toBe(`https://github.com/${OWNER}/${REPO}/pull/${out.number}`);
    expect(out.branch).toMatch(/^opsledger\/revert-restart-web-v2-[0-9a-f]{7}$/);

    const pr = world.fake.state.pulls.get(out.number)!;
    expect(pr).toMatchObject({ title: 'Revert action restart-web to version 2', base: { ref: 'main' } });
    expect(pr.body).toContain('/timeout 900 → 600');
    // The rendered body, with commit ids and the fake's address made stable.
    const stable = pr
      .body!.replaceAll(world.fake.url, 'https://github.example')
      .replace(/[0-9a-f]{40}/g, '<sha>')
      .replace(/[0-9a-f]{12}/g, '<short>');
    expect(stable).toMatchSnapshot();
    expect(pr.body).toContain('restored: version 2');
    expect(pr.body!.trimEnd().split('\n').at(-1)).toBe('Reverts-Audit: restart-web@v2');
    expect(pr.body).toMatch(
      new RegExp(
        `replaced: version 3 \\(current\\) \\| \\[[0-9a-f]{12}\\]\\(${world.fake.url}/acme/ops/commit/[0-9a-f]{40}\\)`,
      ),
    );
    // The branch is on the remote with the same commit `opsledger revert` makes; the user's work tree is untouched.
    expect((await git(world.origin, 'rev-parse', `refs/heads/${out.branch}`)).trim()).toBe(out.commit);
    expect(await git(world.origin, 'log', '-1', '--format=%B', out.commit)).toContain(
      'Reverts-Audit: restart-web@v2',
    );
    expect(await git(world.origin, 'show', `${out.commit}:${ACTION}`)).toBe(action(600));
    expect(world.dev.git('rev-parse', 'HEAD').trim()).toBe(headBefore);
    expect(world.dev.git('status', '--porcelain', '--untracked-files=no')).toBe('');
  });

  it('`revert --commit SHA --pr` opens a pull request that git-reverts the commit', async () => {
    const res = await runCliAsync(['revert', '--commit', pingChange.slice(0, 10), '--pr'], {
      cwd: world.dev.dir,
      env: { GH_TOKEN: TOKEN },
    });
    expect(res.stderr).not.toMatch(/error\[/);
    expect(res.code).toBe(0);
    const url = res.stdout.trim();
    const pr = [...world.fake.state.pulls.values()].find((p) => url.endsWith(`/pull/${p.number}`))!;
    expect(pr.title).toBe('Revert "Ping takes longer"');
    expect(pr.body).toContain('/timeout 20 → 10');
    expect(pr.body!.trimEnd().split('\n').at(-1)).toBe(`This reverts commit ${pingChange}.`);
    expect(await git(world.origin, 'show', `refs/heads/${pr.head.ref}:${PING}`)).toBe(ping(10));
  });

  it('GitHub refusing the pull request (a bad token) is GITHUB_FAILED, exit 2, and the pushed branch is taken back', async () => {
    const branches = await git(world.origin, 'for-each-ref', '--format=%(refname)', 'refs/heads/opsledger');
    const res = await runCliAsync(['revert', 'restart-web', '--to', '1', '--pr'], {
      cwd: world.dev.dir,
      env: { GH_TOKEN: 'ghs_not_the_token' },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /error\[GITHUB_FAILED\]: opening the pull request from opsledger\/revert-restart-web-v1-[0-9a-f]{7}: GitHub answered 401/,
    );
    expect(res.stderr).toMatch(/hint: /);
    expect(await git(world.origin, 'for-each-ref', '--format=%(refname)', 'refs/heads/opsledger')).toBe(
      branches,
    );
    world.fake.violations.splice(0); // the fake records the refused credentials; that refusal is what this test wants
  });

  it('merged after approval, the revert shows in history with `restores`, and its approval note is on the remote', async () => {
    const [number, pr] = [...world.fake.state.pulls.entries()].find(([, p]) =>
      p.title.includes('restart-web'),
    )! as [number, FakePull];
    await git(world.dev.dir, 'fetch', '-q', 'origin', `${pr.head.ref}:${pr.head.ref}`);
    pr.head.sha = world.dev.git('rev-parse', pr.head.ref).trim();
    world.fake.state.addReview(number, {
      login: LOGINS.carol,
      state: 'APPROVED',
      commit_id: pr.head.sha,
      submitted_at: new Date().toISOString(),
      body: '',
    });
    const merge = await mergePull(world, pr, CAROL, { squash: true });
    await world.deliver('pull_request', world.payload('pull_request', 'closed', pr));
    await world.settle();
    const [note] = parseApprovalNoteText(
      await git(world.origin, 'notes', `--ref=${APPROVALS_NOTES_REF}`, 'show', merge),
    );
    expect(note!.approvals).toContainEqual(
      expect.objectContaining({ reviewer_login: LOGINS.carol, state: 'APPROVED' }),
    );

    await git(world.dev.dir, 'fetch', '-q', 'origin', `+${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`);
    const history = await runCliAsync(['history', 'restart-web', '--json'], { cwd: world.dev.dir });
    expect(history.code).toBe(0);
    const last = (
      JSON.parse(history.stdout) as { version: number; restores: unknown; audited_changes: unknown }[]
    ).at(-1)!;
    expect(last).toMatchObject({
      version: 4,
      pull_request: number,
      audited_changes: { '/timeout': [900, 600] },
      restores: { version: 2 },
      approvals: [
        expect.objectContaining({
          reviewer_login: LOGINS.carol,
          email: 'carol@example.com',
          state: 'APPROVED',
        }),
      ],
    });
  });

  it('POST /api/v1/actions/{id}/revert opens the pull request for a holder of definitions:modify (201 with its URL)', async () => {
    // The service's clone follows the remote (docs/github.md): bring it up to date and refresh its index.
    await git(world.serverRepo, 'pull', '-q', '--ff-only', 'origin', 'main');
    await world.server.deps.refreshHistory();
    const key = world.server.firstKey!.key;
    const res = await fetch(`${world.server.url}/api/v1/actions/restart-web/revert`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'v3' }),
    });
    const body = (await res.json()) as { url: string; number: number; commit: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(res.headers.get('location')).toBe(body.url);
    expect(world.fake.state.pulls.get(body.number)!.body).toContain('/timeout 600 → 900');
    // The caller is the revert commit's author.
    expect((await git(world.origin, 'log', '-1', '--format=%ae', body.commit)).trim()).toBe(
      world.server.firstKey!.user,
    );

    const missing = await fetch(`${world.server.url}/api/v1/actions/restart-web/revert`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 99 }),
    });
    expect(missing.status).toBe(404);
  });
});
