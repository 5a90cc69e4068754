import { OpsledgerError } from '../errors/opsledger-error.js';

/** How deep a request body may nest (objects and arrays); the API's own bodies need 3 (docs/security.md). */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuse a parsed JSON body that nests deeper than `max`, walking it without recursion, before anything (schema
 * checks, canonical hashing of an Idempotency-Key body) recurses into it. Returns the body unchanged.
 */
export function checkJsonDepth<T>(body: T, max = MAX_JSON_DEPTH): T {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) {
      throw new OpsledgerError('INPUT_INVALID', `the JSON body nests deeper than ${max} levels`, {
        hint: 'Send the body the route documents (docs/api.md); no request needs that much nesting.',
      });
    }
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return body;
}
