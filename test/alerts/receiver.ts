import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  id: string;
  type: string;
  data: Record<string, unknown>;
  at: number;
  headers: IncomingHttpHeaders;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A webhook receiver on 127.0.0.1 that verifies every request with the Standard Webhooks library (as a receiver
 * would), records what it accepted, and answers what `answer` says (default 200).
 */
export interface Receiver {
  url: string;
  /** Every request that reached the receiver, verified, in arrival order (whatever was answered). */
  attempts: Received[];
  /** Requests whose signature did not verify. */
  rejected: { path: string; error: string }[];
  answer: (r: Received, n: number) => Answer;
  waitFor(predicate: (attempts: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const SECRET = `whsec_${Buffer.from('opsledger-test-secret-0123456789').toString('base64')}`;

export async function startReceiver(secret = SECRET): Promise<Receiver> {
  const verifier = new Webhook(secret);
  const receiver: Receiver = {
    url: '',
    attempts: [],
    rejected: [],
    answer: () => ({ status: 200 }),
    async waitFor(predicate, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(receiver.attempts)) {
        if (Date.now() > until) {
          throw new Error(`receiver: condition not met; got ${receiver.attempts.length} request(s)`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: { type: string; data: Record<string, unknown> };
      try {
        payload = verifier.verify(body, req.headers as Record<string, string>) as typeof payload;
      } catch (err) {
        receiver.rejected.push({ path: req.url ?? '', error: (err as Error).message });
        res.writeHead(400).end();
        return;
      }
      const got: Received = {
        path: req.url ?? '',
        id: String(req.headers['webhook-id']),
        type: payload.type,
        data: payload.data,
        at: Date.now(),
        headers: req.headers,
      };
      receiver.attempts.push(got);
      const answer = receiver.answer(got, receiver.attempts.length);
      setTimeout(() => res.writeHead(answer.status, answer.headers ?? {}).end('ok'), answer.delayMs ?? 0);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
