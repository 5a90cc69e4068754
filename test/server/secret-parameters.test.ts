import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './test-server.js';

const PEM = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBzZWNyZXQta2V5LWNhbmFyeS1kby1ub3QtbGVhay0xMzQ1AAAAoGNhbmFy',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\r\n');

/** Every file below the data dir, as text. */
function dataFiles(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'latin1') }));
}

describe('secret parameters through the API', () => {
  let server: TestServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await createTestServer();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    server.deps.logger = pino({ level: 'info' }, sink);
  });
  afterAll(() => server.cleanup());

  const settle = (): Promise<unknown> => Promise.allSettled([...server.deps.inflightRuns]);
  const runCount = async (): Promise<number> => (await server.deps.journal.query({ limit: 10_000 })).length;

  it('#13.5 a parameter with a NUL or another control character is a 400 naming the parameter, and nothing is stored', async () => {
    const before = await runCount();
    const bad = [
      'canary-nul\u0000x',
      'canary-esc\u001b[31mred',
      'canary-bel\u0007',
      'canary-del\u007f',
      'canary-c1\u0085',
    ];
    for (const token of bad) {
      const run = await server.call('post', '/api/v1/actions/disk-usage/executions', {
        as: 'dave@example.com',
        body: { parameters: { token } },
      });
      await settle();
      expect(run.status, JSON.stringify(token)).toBe(400);
      expect(run.body.error.code).toBe('PARAM_INVALID');
      expect(run.body.error.message).toBe('parameter "token" contains a control character');
      expect(run.body.error.hint).toMatch(/tabs, newlines and carriage returns/);
      const recorded = await server.call('post', '/api/v1/executions', {
        as: 'dave@example.com',
        body: {
          action_id: 'disk-usage',
          status: 'failed',
          started_at: '2026-03-01T10:00:00Z',
          duration_ms: 5,
          parameters: { path: token },
        },
      });
      expect(recorded.status).toBe(400);
      expect(recorded.body.error.message).toBe('parameter "path" contains a control character');
    }
    expect(await runCount()).toBe(before);
    for (const { file, text } of dataFiles(server.dataDir))
      expect(text.includes('canary-'), file).toBe(false);
    expect(logged.join('')).not.toContain('canary-');
  });

  it('a multi-line secret (a PEM key, CRLF and tabs too) stays valid and shows nowhere (guard for #13.5)', async () => {
    const token = `${PEM}\tend`;
    const run = await server.call('post', '/api/v1/actions/disk-usage/executions', {
      as: 'dave@example.com',
      body: { parameters: { token, path: '/srv' } },
    });
    expect(run.status).toBe(202);
    await settle();
    const read = await server.call('get', run.body.links.self, { as: 'dave@example.com' });
    expect(read.body).toMatchObject({
      status: 'succeeded',
      parameters: { path: '/srv', token: { redacted: true } },
      results: [{ stdout_tail: 'usage of /srv on web-01\n' }, { stdout_tail: 'usage of /srv on web-02\n' }],
    });
    const line = PEM.split('\r\n')[1] as string;
    for (const { file, text } of dataFiles(server.dataDir)) expect(text.includes(line), file).toBe(false);
    expect(JSON.stringify(read.body)).not.toContain(line);
    expect(logged.join('')).not.toContain(line);
  });

  it('#13.4 a self-service run whose script prints a multi-line secret by line and base64-encoded keeps neither in the record', async () => {
    await server.repo.commit({
      message: 'An action that prints its key',
      files: {
        'definitions/actions/disk-print-key.yaml': `id: disk-print-key
name: Print key
owner: bob@example.com
status: released
script:
  shell: bash
  inline: |
    printf '%s\\n' "$OPSLEDGER_PARAM_KEY" | while IFS= read -r line; do echo "line: $line"; done
    printf '%s' "$OPSLEDGER_PARAM_KEY" | base64 -w0; echo
    echo "err: $OPSLEDGER_PARAM_KEY" >&2
parameters:
  - { name: key, type: string, required: true, secret: true }
timeout: 30
`,
      },
    });
    await server.deps.refreshHistory();
    const key = PEM.replaceAll('\r\n', '\n');
    const run = await server.call('post', '/api/v1/actions/disk-print-key/executions', {
      as: 'dave@example.com',
      body: { parameters: { key } },
    });
    expect(run.status).toBe(202);
    await settle();
    const read = await server.call('get', run.body.links.self, { as: 'dave@example.com' });
    expect(read.body.status).toBe('succeeded');
    const shown = key.split('\n').map((l) => (l === '' ? 'line: ' : 'line: [REDACTED]'));
    expect(read.body.results[0].stdout_tail).toBe(`${shown.join('\n')}\n[REDACTED]\n`);
    expect(read.body.results[0].stderr_tail).toBe('err: [REDACTED]\n');
    const forms = [
      ...key.split('\n').filter((l) => l.length > 20),
      Buffer.from(key).toString('base64').slice(0, 60),
    ];
    for (const { file, text } of dataFiles(server.dataDir))
      for (const form of forms) expect(text.includes(form), `${file} has ${form}`).toBe(false);
  });

  it('#13.5 the error text of a run recorded through the API loses the secret values given with it', async () => {
    const token = 'canary-in-error-7f3a91c2';
    const res = await server.call('post', '/api/v1/executions', {
      as: 'dave@example.com',
      body: {
        action_id: 'disk-usage',
        status: 'failed',
        started_at: '2026-03-01T10:00:00Z',
        duration_ms: 5,
        parameters: { token, path: '/srv' },
        error: `login failed for token ${token} (${encodeURIComponent(token)}) on /srv`,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.error).toBe('login failed for token [REDACTED] ([REDACTED]) on /srv');
    for (const { file, text } of dataFiles(server.dataDir)) expect(text.includes(token), file).toBe(false);
  });
});
