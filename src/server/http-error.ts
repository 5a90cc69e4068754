import { OpsledgerError, toOpsledgerError } from '../errors/opsledger-error.js';

/**
 * Map anything thrown while serving a request to an OpsledgerError with the right status: our own errors as they
 * are, the body parser's and router's client errors to 4xx codes, everything else INTERNAL (500, message hidden).
 */
export function toHttpError(err: unknown, requestId: string): OpsledgerError {
  if (err instanceof OpsledgerError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number };
  switch (e?.type) {
    case 'entity.too.large':
      return new OpsledgerError('BODY_TOO_LARGE', `request body larger than ${e.limit ?? 'the limit'} bytes`);
    case 'entity.parse.failed':
      return new OpsledgerError('INPUT_INVALID', 'malformed JSON body', {
        hint: 'Send a JSON object with Content-Type: application/json.',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new OpsledgerError('UNSUPPORTED_MEDIA_TYPE', e.message ?? 'unsupported body encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return new OpsledgerError('INPUT_INVALID', 'incomplete request body');
    default:
      break;
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new OpsledgerError(
      'INPUT_INVALID',
      status === 400 ? 'bad request (malformed URL or header)' : `client error ${status}`,
    );
  }
  const internal = toOpsledgerError(err);
  return new OpsledgerError('INTERNAL', `internal error (request ${requestId})`, {
    cause: internal.cause ?? err,
    hint: 'This is a bug in opsledger; the server log has the details under this request id.',
  });
}
