import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIN } from '../helpers/cli.js';
import type { CliRun } from './serve-process.js';

/**
 * An action in the operators' scope (disk-*) that writes its execution id to `<mark>.started`, then waits for
 * `<mark>.go` (or forever) and touches `<mark>.ran`.
 */
export const WAITING_ACTION = `id: disk-wait
name: Disk wait
owner: bob@example.com
tags: [disk]
status: released
script:
  shell: sh
  inline: |
    echo "$OPSLEDGER_EXECUTION_ID" > "$OPSLEDGER_PARAM_MARK.started"
    while [ ! -f "$OPSLEDGER_PARAM_MARK.go" ]; do sleep 0.05; done
    touch "$OPSLEDGER_PARAM_MARK.ran"
parameters:
  - name: mark
    type: string
timeout: 300
`;

/** A real `opsledger` child process the test may SIGKILL; `done` settles with how it ended. */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })),
  );
  return { child, done };
}

/** Poll until `check` holds; a generous deadline, never a timing assertion. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 90_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The execution id the waiting action wrote, once it started. */
export async function startedId(mark: string): Promise<string> {
  await waitUntil(
    () => existsSync(`${mark}.started`) && readFileSync(`${mark}.started`, 'utf8').trim() !== '',
    'the script to start',
  );
  return readFileSync(`${mark}.started`, 'utf8').trim();
}

/** `GET /api/v1/executions/{id}` at the service. */
export async function getExecution(base: string, key: string, id: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/api/v1/executions/${id}`, { headers: { Authorization: `Bearer ${key}` } });
  return (await res.json()) as Record<string, unknown>;
}

/** A proxy on 127.0.0.1 whose link can be cut (every connection reset) and restored: a network that goes away. */
export interface CutProxy {
  url: string;
  cut(on: boolean): void;
  close(): Promise<void>;
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  let cut = false;
  const server: Server = createServer((req, res) => {
    if (cut) {
      req.socket.destroy();
      return;
    }
    const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut(on) {
      cut = on;
      if (on) server.closeAllConnections();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
