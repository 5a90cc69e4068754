import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { RequestLocals } from '../request-locals.js';

/**
 * Give a request its id (`X-Request-Id`, also in the access log and error bodies; kept in `locals`) and log one line
 * when its answer is sent: method, path, status, who, how long. Never the headers (Authorization) nor bodies. Shared
 * by the Express pipeline and the fast lane (`../fast-lane.ts`).
 */
export function startRequestLog(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  locals: RequestLocals,
  pathOf: () => string,
): void {
  const requestId = randomUUID();
  locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  // Below the level nothing is written, so nothing is measured either.
  if (!logger.isLevelEnabled('info')) return;
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const { key } = locals;
    logger.info(
      {
        req: { id: requestId, method: req.method, path: pathOf(), remote: req.socket.remoteAddress },
        res: { status: res.statusCode },
        key_id: key?.id ?? null,
        user: key?.user ?? null,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      'request',
    );
  });
}

/** The request log as the first middleware of the Express pipeline. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    startRequestLog(logger, req, res, res.locals as RequestLocals, () => req.path);
    next();
  };
}
