import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey, hashSecret } from '../../src/access/api-key.js';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

describe('opsledger keys', () => {
  let repo: TestRepo;
  let dataDir: string;
  const cli = (...args: string[]) => runCli(['--repo', repo.dir, '--data-dir', dataDir, ...args]);

  beforeAll(async () => {
    repo = await createTestRepo([{ message: 'init', files: { 'README.md': 'x\n' } }]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-keys-'));
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a key, prints it once on stdout, stores only its hash', () => {
    const made = cli(
      'keys',
      'create',
      '--user',
      'Frank@Example.com',
      '--name',
      'splunk-export',
      '--expires',
      '30d',
    );
    expect(made.code).toBe(0);
    const key = made.stdout.trim();
    const parsed = parseApiKey(key);
    expect(parsed).not.toBeNull();
    expect(made.stderr).toContain('cannot be shown again');
    const stateFiles = readdirSync(path.join(dataDir, 'state')).map((f) =>
      readFileSync(path.join(dataDir, 'state', f), 'utf8'),
    );
    const all = stateFiles.join('\n');
    expect(all).not.toContain(parsed!.secret);
    expect(all).toContain(hashSecret(parsed!.secret));

    const listed = cli('--json', 'keys', 'list');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout);
    expect(rows).toEqual([
      expect.objectContaining({
        id: parsed!.id,
        name: 'splunk-export',
        user: 'frank@example.com',
        state: 'active',
        last_used_at: null,
      }),
    ]);
    expect(listed.stdout).not.toContain(parsed!.secret);
    expect(listed.stdout).not.toContain('hash');
    const table = cli('keys', 'list');
    expect(table.stdout).toMatch(/ID\s+NAME\s+USER\s+CREATED\s+LAST USED\s+EXPIRES\s+STATE/);
    expect(table.stdout).toContain('splunk-export');

    const revoked = cli('keys', 'revoke', parsed!.id);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(cli('--json', 'keys', 'list').stdout)[0].state).toBe('revoked');
  });

  it('--json gives the key, a ready Basic header and the record', () => {
    const made = cli(
      '--json',
      'keys',
      'create',
      '--user',
      'ci@example.com',
      '--name',
      'ci',
      '--rate-limit',
      'off',
    );
    const doc = JSON.parse(made.stdout);
    expect(Buffer.from(doc.authorization_basic.slice(6), 'base64').toString()).toBe(
      `ci@example.com:${doc.key}`,
    );
    expect(doc.record).toMatchObject({ user: 'ci@example.com', rate_limit: 'off' });
    expect(doc.record).not.toHaveProperty('hash');
  });

  it('refuses bad input with exit 2', () => {
    expect(cli('keys', 'create', '--user', 'not-an-email', '--name', 'x').code).toBe(2);
    expect(cli('keys', 'create', '--user', 'a@b.c', '--name', 'x', '--expires', 'soon').code).toBe(2);
    expect(cli('keys', 'create', '--user', 'a@b.c', '--name', 'x', '--rate-limit', '-3').code).toBe(2);
    const missing = cli('keys', 'revoke', '0123456789abcdef');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[NOT_FOUND]');
    expect(cli('keys', 'revoke', '../etc').stderr).toContain('error[INPUT_INVALID]');
  });
});
