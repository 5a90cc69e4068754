import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/postgres.js';

export interface PgServe {
  child: ChildProcess;
  url: string;
  /** What it wrote on stderr so far (its log). */
  log: () => string;
  /** What it wrote on stdout so far (the first-start admin key, if it made one). */
  stdout: () => string;
  /** SIGTERM and wait: a graceful shutdown. Resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL and wait: a crash. */
  kill: () => Promise<number | null>;
}

/** A real `opsledger serve --database-url` on 127.0.0.1 (its own data dir); resolves once it listens. */
export async function startPgServe(
  repo: string,
  dataDir: string,
  databaseUrl: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<PgServe> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--repo',
      repo,
      '--data-dir',
      dataDir,
      '--database-url',
      databaseUrl,
      'serve',
      '--port',
      '0',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let err = '';
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const end = (signal: NodeJS.Signals) => (): Promise<number | null> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  return { child, url, log: () => err, stdout: () => out, stop: end('SIGTERM'), kill: end('SIGKILL') };
}

/** `opsledger keys create` on the PostgreSQL journal: the key text. */
export async function createPgKey(
  repo: string,
  dataDir: string,
  databaseUrl: string,
  user: string,
  extra: string[] = [],
): Promise<string> {
  const made = await runCliAsync([
    '--repo',
    repo,
    '--data-dir',
    dataDir,
    '--database-url',
    databaseUrl,
    'keys',
    'create',
    '--user',
    user,
    '--name',
    'test',
    ...extra,
  ]);
  if (made.code !== 0) throw new Error(`keys create failed: ${made.stderr}`);
  return made.stdout.trim();
}

/** A JSON request with a bearer key. */
export async function call(
  base: string,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
