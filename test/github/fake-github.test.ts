import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/github/github-client.js';
import { startFakeGithub, type FakeGithub } from './fake-github/fake-github.js';

const quiet = { info: () => {}, warn: () => {} };
const tuning = { retryAfterBaseValue: 5, spaceWrites: false };
let fake: FakeGithub | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function tokenClient() {
  fake = await startFakeGithub({ owner: 'acme', repo: 'ops', token: 'ghp_test' });
  const client = createGithubClient({
    config: { owner: 'acme', repo: 'ops', api_url: fake.url, remote: 'origin', token_env: 'GH' },
    env: { GH: 'ghp_test' },
    log: quiet,
    tuning,
  });
  return { fake, octokit: await client.octokit() };
}

describe('the fake GitHub', () => {
  it('answers what GitHub answers, validated against its OpenAPI description, and keeps state', async () => {
    const { fake, octokit } = await tokenClient();
    const created = await octokit.rest.checks.create({
      owner: 'acme',
      repo: 'ops',
      name: 'opsledger',
      head_sha: 'a'.repeat(40),
      status: 'in_progress',
    });
    expect(created.status).toBe(201);
    await octokit.rest.checks.update({
      owner: 'acme',
      repo: 'ops',
      check_run_id: created.data.id,
      conclusion: 'success',
      output: { title: 't', summary: 's' },
    });
    expect(fake.state.checkRuns.get(created.data.id)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
    expect(fake.violations).toEqual([]);
  });

  it('refuses and records a request the real API would reject (51 annotations, a missing head_sha)', async () => {
    const { fake, octokit } = await tokenClient();
    const annotation = {
      path: 'a.yaml',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure' as const,
      message: 'm',
    };
    await expect(
      octokit.rest.checks.create({
        owner: 'acme',
        repo: 'ops',
        name: 'opsledger',
        head_sha: 'b'.repeat(40),
        output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'acme',
        repo: 'ops',
        name: 'x',
      } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.violations).toHaveLength(2);
    expect(fake.violations[0]).toMatch(/annotations/);
    expect(fake.violations[1]).toMatch(/head_sha/);
  });

  it('refuses a bad token with 401', async () => {
    fake = await startFakeGithub({ owner: 'acme', repo: 'ops', token: 'ghp_test' });
    const client = createGithubClient({
      config: { owner: 'acme', repo: 'ops', api_url: fake.url, remote: 'origin', token_env: 'GH' },
      env: { GH: 'ghp_wrong' },
      log: quiet,
      tuning,
    });
    const octokit = await client.octokit();
    await expect(
      octokit.rest.pulls.get({ owner: 'acme', repo: 'ops', pull_number: 1 }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });

  it('waits out a primary and a secondary rate limit and completes (throttling plugin)', async () => {
    const { fake, octokit } = await tokenClient();
    fake.failNext('primary', 'issues/create-comment');
    fake.failNext('secondary', 'issues/create-comment');
    const res = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'ops',
      issue_number: 3,
      body: 'hi',
    });
    expect(res.status).toBe(201);
    expect(fake.calls.filter((c) => c.endsWith('issues/create-comment'))).toHaveLength(3);
    expect(fake.state.commentsOn(3)).toHaveLength(1);
  });

  it('authenticates a GitHub App: a JWT for the installation, then an installation token', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fake = await startFakeGithub({
      owner: 'acme',
      repo: 'ops',
      app: { id: 77, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    const client = createGithubClient({
      config: {
        owner: 'acme',
        repo: 'ops',
        api_url: fake.url,
        remote: 'origin',
        app_id: 77,
        private_key_env: 'KEY',
      },
      env: { KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() },
      log: quiet,
      tuning,
    });
    const octokit = await client.octokit();
    await octokit.rest.issues.addLabels({ owner: 'acme', repo: 'ops', issue_number: 1, labels: ['x'] });
    expect(fake.calls).toEqual([
      'GET apps/get-repo-installation',
      'POST apps/create-installation-access-token',
      'POST issues/add-labels',
    ]);
    expect(fake.violations).toEqual([]);
  });
});
