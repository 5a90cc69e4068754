import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { localsOf } from '../request-locals.js';

/**
 * Give every request an id (`X-Request-Id`, also in the access log and error bodies) and log one line when its
 * answer is sent: method, path, status, who, how long. Never the headers (Authorization) nor bodies.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    // Below the level nothing is written, so nothing is measured either.
    if (!logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const { key } = localsOf(res);
      logger.info(
        {
          req: { id: requestId, method: req.method, path: req.path, remote: req.socket.remoteAddress },
          res: { status: res.statusCode },
          key_id: key?.id ?? null,
          user: key?.user ?? null,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
