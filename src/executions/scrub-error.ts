import type { Parameter } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { scrubText } from './scrub-secrets.js';

/** The values given for the secret parameters among `definitions`, as text (what must never be echoed). */
export function listSecretValues(
  definitions: readonly Parameter[],
  values: Readonly<Record<string, unknown>>,
): string[] {
  return definitions
    .filter((p) => p.secret === true && Object.hasOwn(values, p.name))
    .map((p) => String(values[p.name]))
    .filter((v) => v !== '');
}

/**
 * The same error with every secret (its lines and encodings too) scrubbed from its message, hint and stack, and
 * without its cause and details (which could quote one): safe to answer, print or log (docs/executions.md, Secrets).
 */
export function scrubError(err: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return err;
  if (err instanceof OpsledgerError) {
    const scrubbed = new OpsledgerError(err.code, scrubText(err.message, secrets), {
      hint: scrubText(err.hint, secrets),
    });
    scrubbed.stack = scrubText(err.stack ?? '', secrets);
    return scrubbed;
  }
  const plain = new Error(scrubText(err instanceof Error ? err.message : String(err), secrets));
  plain.stack = scrubText(err instanceof Error ? (err.stack ?? '') : '', secrets);
  return plain;
}
