import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN } from '../helpers/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `opsledger` as a child process without blocking the test worker. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })),
  );
}

/** A free TCP port on 127.0.0.1 (so a restarted service comes back at the same URL). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  /** SIGTERM and wait (a no-op when it already exited). */
  stop: () => Promise<void>;
  /** SIGKILL and wait: the service dies without a word, as a crash would. */
  kill: () => Promise<void>;
}

/** Start a real `opsledger serve` on 127.0.0.1:port; resolves once it listens. */
export async function startServe(repo: string, dataDir: string, port: number): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [BIN, '--repo', repo, '--data-dir', dataDir, 'serve', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const end = (signal: NodeJS.Signals) => (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { child, url, stdout: () => out, stop: end('SIGTERM'), kill: end('SIGKILL') };
}
