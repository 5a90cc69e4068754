import type { Response } from 'express';
import type { Reply } from './route-spec.js';

/** Wait until the response can take more bytes (or the client went away). */
function drained(res: Response): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Write a handler's reply: JSON with its status and headers, an NDJSON stream (one document per line, with
 * backpressure, stopping when the client leaves), an HTML page or a file with its own CSP. `recordAccess` is called
 * with the status and item count before a JSON answer is sent, and when a stream ends.
 */
export async function sendReply(
  res: Response,
  reply: Reply,
  recordAccess: (status: number, count: number | null) => void,
): Promise<void> {
  if ('ndjson' in reply) {
    res.status(200).type('application/x-ndjson; charset=utf-8');
    let count = 0;
    for await (const item of reply.ndjson) {
      if (res.destroyed) break;
      count++;
      if (!res.write(`${JSON.stringify(item)}\n`)) await drained(res);
    }
    recordAccess(200, count);
    res.end();
    return;
  }
  if ('html' in reply) {
    if (reply.csp) res.setHeader('Content-Security-Policy', reply.csp);
    res.status(200).type('text/html; charset=utf-8').send(reply.html);
    return;
  }
  if ('file' in reply) {
    res.setHeader('Content-Security-Policy', reply.csp);
    res.setHeader('Cache-Control', reply.cacheControl ?? 'no-store');
    await new Promise<void>((resolve, reject) =>
      res.sendFile(
        reply.file,
        { dotfiles: 'allow', headers: { 'Content-Type': reply.contentType } },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    return;
  }
  if ('json' in reply) {
    const status = reply.status ?? 200;
    recordAccess(status, reply.count ?? null);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(reply.json));
    res.end(reply.json);
    return;
  }
  const status = reply.status ?? 200;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  recordAccess(status, reply.count ?? null);
  res.status(status).json(reply.body);
}
