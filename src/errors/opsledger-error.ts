import { ERROR_CATALOG, type ErrorCode } from './catalog.js';

/** Exit codes of docs/cli.md. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorJson {
  error: { code: string; message: string; hint: string };
}

/**
 * The one error type that crosses module boundaries: a stable code from the catalog, a one-line message and a hint
 * that names the next thing to do. Entry points map `exitCode` / `httpStatus`; nothing below them exits.
 */
export class OpsledgerError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exitCode: ExitCode;
  readonly httpStatus: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = ERROR_CATALOG[code];
    this.name = 'OpsledgerError';
    this.code = code;
    this.hint = options.hint ?? entry.hint;
    this.exitCode = entry.exit;
    this.httpStatus = entry.http;
    this.details = options.details;
  }

  toJSON(): ErrorJson {
    return { error: { code: this.code, message: this.message, hint: this.hint } };
  }
}

/** Make an OpsledgerError from anything thrown; unknown errors become INTERNAL with the original as cause. */
export function toOpsledgerError(err: unknown): OpsledgerError {
  if (err instanceof OpsledgerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OpsledgerError('INTERNAL', message, { cause: err });
}

/** The docs/cli.md text form: `error[CODE]: message` and a `hint:` line. */
export function formatError(err: OpsledgerError): string {
  return `error[${err.code}]: ${err.message}\nhint: ${err.hint}`;
}
