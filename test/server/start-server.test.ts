import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import type { ServerWorker } from '../../src/server/server-worker.js';
import { startServer, type StartServerOptions } from '../../src/server/start-server.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

let repo: TestRepo;
let dataDir: string;
beforeEach(async () => {
  repo = await createFixtureRepo();
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-start-server-'));
});
afterEach(async () => {
  await repo.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const options = (extra: Partial<StartServerOptions> = {}): StartServerOptions => ({
  repo: repo.dir,
  dataDir,
  config: withDefaults({}),
  logger: pino({ level: 'silent' }),
  env: { PATH: process.env.PATH },
  host: '127.0.0.1',
  port: 0,
  graceMs: 60_000,
  ...extra,
});

/** Whether a new TCP connection to the URL is accepted. */
async function accepts(url: string): Promise<boolean> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

describe('startServer, the lifecycle serve and the tests share', () => {
  it('#15.2 a close() during a slow request lets it finish, refuses new connections, and a second close() is harmless', async () => {
    const server = await startServer(options());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const adminKey = server.firstKey?.key;
    expect(adminKey).toMatch(/^olk_/);

    // A request whose body is still on its way when the server is told to stop.
    const body = JSON.stringify({ user: 'dave@example.com', name: 'made-while-stopping' });
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const arrived = once(server.http, 'request');
    socket.write(
      `POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminKey}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await arrived;

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    expect(await accepts(server.url)).toBe(false);
    expect(closed).toBe(false);

    const ended = once(socket, 'end');
    socket.write(body.slice(10));
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toContain('"made-while-stopping"');
    // Its keep-alive connection ends with the answer instead of holding the shutdown until it times out.
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    await closing;
    expect(closed).toBe(true);
    // Harmless twice, and after the end.
    await Promise.all([server.close(), server.close()]);
  });

  it('#15.2 close() stops every registered worker and waits for its stop() before closing the journal', async () => {
    const events: string[] = [];
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let stopBegun = (): void => undefined;
    const stopping = new Promise<void>((resolve) => (stopBegun = resolve));
    const worker = (journalRefresh: () => Promise<void>): ServerWorker => ({
      name: 'fake-scheduler',
      start: () => void events.push('started'),
      async stop() {
        events.push('stop begun');
        stopBegun();
        await released;
        // The journal is still open while a worker stops (a scheduler records what it cut short).
        await journalRefresh();
        events.push('stop done');
      },
    });
    const server = await startServer(options({ workers: (deps) => [worker(() => deps.journal.refresh())] }));
    expect(events).toEqual(['started']);
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await stopping;
    expect(closed).toBe(false);
    release();
    await closing;
    expect(events).toEqual(['started', 'stop begun', 'stop done']);
    expect(await accepts(server.url)).toBe(false);
  });

  it('#15.2 a worker that cannot start stops the server again: the ones started are stopped and nothing stays open', async () => {
    const events: string[] = [];
    const ok: ServerWorker = {
      name: 'ok',
      start: () => void events.push('ok started'),
      stop: async () => void events.push('ok stopped'),
    };
    const broken: ServerWorker = {
      name: 'broken',
      start: () => Promise.reject(new Error('no scheduler today')),
      stop: async () => void events.push('broken stopped'),
    };
    await expect(startServer(options({ workers: () => [ok, broken] }))).rejects.toThrow('no scheduler today');
    expect(events).toEqual(['ok started', 'ok stopped']);
    const again = await startServer(options());
    await again.close();
  });

  it('#15.2 a port already taken is a clear USAGE error, and the deps it opened are closed again', async () => {
    const first = await startServer(options());
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer(options({ port }))).rejects.toMatchObject({
        code: 'USAGE',
        message: expect.stringContaining(`cannot listen on 127.0.0.1:${port}`),
      });
    } finally {
      await first.close();
    }
    // Nothing of the failed start holds the data dir: a new server opens it.
    const again = await startServer(options());
    await again.close();
  });
});
