import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { toHttpError } from '../http-error.js';
import type { RecordAccess } from '../record-access.js';
import { localsOf } from '../request-locals.js';

/**
 * Answer every error in the `{ error: { code, message, hint, request_id } }` shape with its HTTP status; unexpected
 * ones are logged (never their request's headers) and become a 500 without details (docs/api.md).
 */
export function handleErrors(logger: Logger, recordAccess: RecordAccess): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { requestId } = localsOf(res);
    const e = toHttpError(err, requestId);
    if (e.code === 'INTERNAL') logger.error({ err, req: { id: requestId } }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e.httpStatus === 401)
      res.setHeader('WWW-Authenticate', 'Basic realm="opsledger", Bearer realm="opsledger"');
    recordAccess(req, res, e.httpStatus, null);
    res.status(e.httpStatus).json(e.toJSON());
  };
}
