import { OpsledgerError } from '../errors/opsledger-error.js';

/**
 * Cursors are opaque to clients: base64url of a small JSON array holding the sort key of the last item of a page.
 * A page after a cursor starts strictly after that key, so items appended meanwhile never shift a page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decode a cursor made by `encodeCursor`, checking the shape (`kinds` lists each element's type). */
export function decodeCursor<T extends (string | number)[]>(
  text: string,
  kinds: readonly ('string' | 'number')[],
): T {
  const invalid = (): OpsledgerError =>
    new OpsledgerError('INPUT_INVALID', 'invalid cursor', {
      hint: 'Pass the next_cursor of a previous page unchanged, or leave cursor out to start from the first page.',
    });
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== kinds.length) throw invalid();
  value.forEach((v, i) => {
    if (typeof v !== kinds[i]) throw invalid();
  });
  return value as T;
}
