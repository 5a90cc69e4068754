import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Action, Scalar } from '../../src/definitions/types.js';
import { ROOT } from '../helpers/cli.js';
import { FIXTURES } from './fixture-repo.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'opsledger-demo-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function loadAction(id: string): Action {
  return parse(readFileSync(path.join(ROOT, 'definitions/actions', `${id}.yaml`), 'utf8')) as Action;
}

const INTERPRETER = { bash: 'bash', sh: 'sh', node: process.execPath, python: 'python3', pwsh: 'pwsh' };

/**
 * Run a demo action's script the way docs/definitions.md says the recorder does: parameters (defaults filled in)
 * as OPSLEDGER_PARAM_<NAME>, the target as OPSLEDGER_TARGET, an inline script from a file, never interpolated.
 */
async function runAction(
  id: string,
  params: Record<string, Scalar> = {},
  options: { target?: string; inlineExtension?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const action = loadAction(id);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, LC_ALL: 'C' };
  for (const parameter of action.parameters ?? []) {
    const value = params[parameter.name] ?? parameter.default;
    if (value !== undefined) env[`OPSLEDGER_PARAM_${parameter.name.toUpperCase()}`] = String(value);
  }
  if (options.target) env.OPSLEDGER_TARGET = options.target;
  let script: string;
  if (action.script.file !== undefined) {
    script = path.join(ROOT, action.script.file);
  } else {
    script = path.join(work, `${id}-inline${options.inlineExtension ?? ''}`);
    await writeFile(script, action.script.inline!);
  }
  return new Promise((resolve) => {
    execFile(
      INTERPRETER[action.script.shell],
      [script],
      { env, cwd: work, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the demo actions really run, harmlessly', () => {
  it('disk-usage-report lists the largest entries of a directory', async () => {
    const dir = path.join(work, 'usage');
    await mkdir(path.join(dir, 'big'), { recursive: true });
    await writeFile(path.join(dir, 'big/blob.bin'), Buffer.alloc(3 * 1024 * 1024));
    await writeFile(path.join(dir, 'small.txt'), 'x');
    const result = await runAction('disk-usage-report', { path: dir, top: 1 }, { target: 'web-01' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`disk usage report for ${dir} on web-01`);
    expect(result.stdout).toMatch(/largest 1 entries:\n\s+3\.\d MiB {2}.*\/big\n$/);
    expect((await runAction('disk-usage-report', { path: path.join(work, 'nope') })).code).toBe(2);
  });

  describe('http-health-check', () => {
    let server: Server;
    let base: string;
    const seenAuth: (string | undefined)[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seenAuth.push(req.headers.authorization);
        res.statusCode = req.url === '/down' ? 503 : 200;
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('passes on the expected status, sends the secret token and never prints it', async () => {
      const token = 'tok-canary-8d1f0c';
      const ok = await runAction('http-health-check', { url: `${base}/health`, auth_token: token });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^healthy: .* answered 200 in \d+ ms/);
      expect(seenAuth.at(-1)).toBe(`Bearer ${token}`);
      expect(ok.stdout + ok.stderr).not.toContain(token);
    });

    it('fails on another status and on a closed port', async () => {
      const down = await runAction('http-health-check', { url: `${base}/down` });
      expect(down.code).toBe(1);
      expect(down.stdout).toContain('UNHEALTHY');
      const closed = await runAction('http-health-check', { url: 'http://127.0.0.1:9/' });
      expect(closed.code).toBe(1);
      expect(closed.stderr).toContain('unreachable');
    });
  });

  it('rotate-logs compresses, shifts and keeps N copies, truncating in place', async () => {
    const dir = path.join(work, 'logs');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'app.log'), 'first\n');
    await writeFile(path.join(dir, 'empty.log'), '');
    await writeFile(path.join(dir, 'notes.txt'), 'not a log\n');
    for (const line of ['second\n', 'third\n']) {
      const result = await runAction('rotate-logs', { dir, keep: 2 });
      expect(result.code).toBe(0);
      await writeFile(path.join(dir, 'app.log'), line, { flag: 'a' });
    }
    const last = await runAction('rotate-logs', { dir, keep: 2 });
    expect(last.stdout).toContain('rotated 1 file(s)');
    expect((await readdir(dir)).sort()).toEqual([
      'app.log',
      'app.log.1.gz',
      'app.log.2.gz',
      'empty.log',
      'notes.txt',
    ]);
    expect(await readFile(path.join(dir, 'app.log'), 'utf8')).toBe('');
    expect(gunzipSync(await readFile(path.join(dir, 'app.log.1.gz'))).toString()).toBe('third\n');
    expect(gunzipSync(await readFile(path.join(dir, 'app.log.2.gz'))).toString()).toBe('second\n');
    expect((await runAction('rotate-logs', { dir, pattern: '../*' })).code).toBe(2);
  });

  it.each(['.js', '.cjs', '.mjs'])(
    'check-tls-expiry reads a PEM certificate (inline node script as %s)',
    async (ext) => {
      const cert = path.join(FIXTURES, 'demo/demo-cert.pem');
      const ok = await runAction('check-tls-expiry', { cert_file: cert }, { inlineExtension: ext });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('CN=demo.example.com');
      expect(ok.stdout).toMatch(/expires: 2126-.* \(\d+ days left\)/);
      const expiring = await runAction(
        'check-tls-expiry',
        { cert_file: cert, warn_days: 40_000 },
        { inlineExtension: ext },
      );
      expect(expiring.code).toBe(1);
      expect(expiring.stderr).toContain('EXPIRING');
      const missing = await runAction(
        'check-tls-expiry',
        { cert_file: path.join(work, 'none.pem') },
        { inlineExtension: ext },
      );
      expect(missing.code).toBe(2);
    },
  );

  it('restart-service stops the old demo process and starts a new one', async () => {
    const stateDir = path.join(work, 'state');
    const pidOf = (): number => Number(readFileSync(path.join(stateDir, 'demo-web.pid'), 'utf8'));
    const alive = (pid: number): boolean =>
      existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
    const params = { service: 'demo-web', state_dir: stateDir, lifetime_seconds: 30 };
    const first = await runAction('restart-service', params, { target: 'web-02' });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('started demo-web');
    const firstPid = pidOf();
    expect(alive(firstPid)).toBe(true);
    try {
      const second = await runAction('restart-service', params);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`stopped demo-web (pid ${firstPid})`);
      expect(alive(firstPid)).toBe(false);
      expect(alive(pidOf())).toBe(true);
    } finally {
      for (const pid of [firstPid, pidOf()]) {
        try {
          process.kill(pid);
        } catch {
          // already gone
        }
      }
    }
    expect((await runAction('restart-service', { ...params, service: 'x; reboot' })).code).toBe(2);
  });

  it('rotate-api-credential stores only a fingerprint of the secret and never prints it', async () => {
    const vault = path.join(work, 'vault');
    const secret = 'correct-horse-battery-staple-42';
    const result = await runAction('rotate-api-credential', {
      service_name: 'billing',
      new_secret: secret,
      vault_dir: vault,
    });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(secret);
    const fingerprint = createHash('sha256').update(secret).digest('hex');
    expect(result.stdout).toContain(`sha256:${fingerprint.slice(0, 12)}`);
    const stored = await readFile(path.join(vault, 'billing.sha256'), 'utf8');
    expect(stored.startsWith(`${fingerprint}  `)).toBe(true);
    expect(stored).not.toContain(secret);
    const short = await runAction('rotate-api-credential', {
      service_name: 'billing',
      new_secret: 'short',
      vault_dir: vault,
    });
    expect(short.code).toBe(2);
  });

  it('purge-old-files lists in a dry run and deletes only old files otherwise', async () => {
    const dir = path.join(work, 'archive');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'old.log'), 'old');
    await writeFile(path.join(dir, 'new.log'), 'new');
    const hundredDaysAgo = new Date(Date.now() - 100 * 86_400_000);
    await utimes(path.join(dir, 'old.log'), hundredDaysAgo, hundredDaysAgo);
    const dry = await runAction('purge-old-files', { dir, older_than_days: 30 });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: would delete 1 file(s)');
    expect((await readdir(dir)).sort()).toEqual(['new.log', 'old.log']);
    const real = await runAction('purge-old-files', { dir, older_than_days: 30, dry_run: false });
    expect(real.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['new.log']);
    expect((await runAction('purge-old-files', { dir: '/etc', dry_run: false })).code).toBe(2);
  });
});
