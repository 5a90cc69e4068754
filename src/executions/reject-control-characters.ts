import { OpsledgerError } from '../errors/opsledger-error.js';

/** Control characters (Unicode Cc: C0, DEL, C1) other than tab, newline and carriage return. */
const FORBIDDEN = /(?![\t\n\r])\p{Cc}/u;

/** The names of the parameters whose (string) value holds a forbidden control character. */
export function findControlCharacters(raw: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(raw)
    .filter(([, value]) => typeof value === 'string' && FORBIDDEN.test(value))
    .map(([name]) => name);
}

/**
 * Refuse parameter values with control characters other than tab, newline and carriage return (a NUL cannot reach a
 * script's environment, an escape sequence would rewrite a terminal). PARAM_INVALID names the parameters, never the
 * values: a multi-line value such as a PEM key stays valid (docs/executions.md, Parameters).
 */
export function rejectControlCharacters(raw: Readonly<Record<string, unknown>>): void {
  const names = findControlCharacters(raw);
  if (names.length === 0) return;
  throw new OpsledgerError(
    'PARAM_INVALID',
    `${names.map((n) => `parameter ${JSON.stringify(n)}`).join(', ')} ${names.length === 1 ? 'contains' : 'contain'} a control character`,
    {
      hint: 'Parameter values may hold tabs, newlines and carriage returns but no other control characters (NUL, ESC, …); remove them.',
    },
  );
}
