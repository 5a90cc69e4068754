import type { RequestHandler } from 'express';
import { OpsledgerError } from '../../errors/opsledger-error.js';

/** C0 controls (NUL, ESC, CR, LF, ...), DEL and C1 controls: never part of an id, a filter or a report path. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Refuse a request whose path or query, once decoded, holds a control character or a malformed %-escape: a clear
 * 400 before anything is looked up, logged or stored (docs/api.md, "Limits and hardening"). Bodies are checked by
 * their routes (a multi-line secret is valid there).
 */
export const rejectControlCharacters: RequestHandler = (req, _res, next) => {
  checkUrlCharacters(req.originalUrl);
  next();
};

/** The check of `rejectControlCharacters` on a request target (path and query as sent); throws INPUT_INVALID. */
export function checkUrlCharacters(raw: string): void {
  // Without a %-escape nothing decodes to anything else: the raw text is all there is to check.
  if (!raw.includes('%')) {
    if (CONTROL.test(raw)) throw controlCharacter();
    return;
  }
  const query = raw.indexOf('?');
  const parts = [query === -1 ? raw : raw.slice(0, query)];
  if (query !== -1) {
    for (const pair of raw.slice(query + 1).split('&'))
      parts.push(...pair.split('=').map((p) => p.replace(/\+/g, ' ')));
  }
  for (const part of parts) {
    const decoded = decodeOrNull(part);
    if (decoded === null) {
      throw new OpsledgerError('INPUT_INVALID', 'the request path or query has a malformed %-escape', {
        hint: 'Percent-encode the URL as RFC 3986 says (e.g. a space is %20).',
      });
    }
    if (CONTROL.test(decoded) || CONTROL.test(part)) throw controlCharacter();
  }
}

function controlCharacter(): OpsledgerError {
  return new OpsledgerError('INPUT_INVALID', 'the request path or query has a control character', {
    hint: 'Ids, filters and report paths never contain control characters (NUL, CR, LF, ESC, ...).',
  });
}
