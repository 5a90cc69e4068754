import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the network does to one request on its way to the service and back. */
export type Fault = 'ok' | 'drop-request' | 'drop-response' | 'duplicate' | 'unavailable';

export interface FlakyProxy {
  url: string;
  /** Faults for the next requests, in order; once used up, requests pass. */
  plan(faults: readonly Fault[]): void;
  /** How many requests reached the service (a duplicate counts twice). */
  forwarded(): number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that drops a request before the service sees it, drops the answer after the service
 * acted, sends a request twice, or answers 503 itself: the faults a client meets on a real network.
 */
export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  let faults: Fault[] = [];
  let forwarded = 0;
  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      forwarded++;
      const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      up.on('error', reject);
      up.end(body);
    });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const fault = faults.shift() ?? 'ok';
    if (fault === 'drop-request') return void res.socket?.destroy();
    if (fault === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({ error: { code: 'JOURNAL_UNAVAILABLE', message: 'proxy', hint: 'retry' } }),
      );
    }
    const answers =
      fault === 'duplicate'
        ? await Promise.all([forward(req, body), forward(req, body)])
        : [await forward(req, body)];
    if (fault === 'drop-response') return void res.socket?.destroy();
    const answer = answers[answers.length - 1]!;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    plan: (next) => (faults = [...next]),
    forwarded: () => forwarded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
