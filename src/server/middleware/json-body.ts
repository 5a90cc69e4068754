import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { checkJsonDepth } from '../check-json-depth.js';

/** A request whose JSON body was read: its bytes as they came. */
export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * The body of a route that takes one: JSON only (415 otherwise; no Content-Type means no body), at most `maxBytes`
 * (413), strict JSON, and nested at most `MAX_JSON_DEPTH` deep (docs/security.md).
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.headers['content-type'] !== undefined && req.is('application/json') === false) {
      throw new OpsledgerError(
        'UNSUPPORTED_MEDIA_TYPE',
        `body of type ${req.headers['content-type'] ?? 'unknown'}`,
      );
    }
    next();
  };
  // The exact bytes stay on the request for routes that check a signature over them (the GitHub webhook).
  const parse = express.json({
    limit: maxBytes,
    strict: true,
    type: 'application/json',
    verify: (req, _res, buf) => {
      (req as RawBodyRequest).rawBody = buf;
    },
  });
  const boundDepth: RequestHandler = (req, _res, next) => {
    checkJsonDepth(req.body);
    next();
  };
  return [requireJson, parse, boundDepth];
}
