import type { Command } from 'commander';
import { EXIT, OpsledgerError, formatError, toOpsledgerError } from '../errors/opsledger-error.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import type { Output } from './output.js';

/** What a command module gets to hook its handlers into the program. */
export interface CliApp {
  /** Wrap a handler: resolves the context, runs it, and records its exit code (errors become the contract format). */
  action<A extends unknown[]>(
    handler: (ctx: CliContext, ...args: A) => Promise<number>,
  ): (...args: A) => Promise<void>;
  /** The output streams, for commands that must run without a repo context. */
  out: Output;
  exitCode: number;
  /** Callbacks run once when the process is about to exit (close journals, stop children). */
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type CommandModule = (program: Command, app: CliApp) => void;

/** What an app reads its global options from: the parsed program, or the defaults of a run without parsing. */
export interface GlobalOptionsSource {
  opts(): GlobalOptions;
}

export function createCliApp(
  program: GlobalOptionsSource,
  io: { out: Output; env: NodeJS.ProcessEnv; cwd: string },
): CliApp {
  const app: CliApp = {
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    exitCode: EXIT.ok,
    action(handler) {
      return async (...args) => {
        const global = program.opts();
        try {
          const ctx = await createContext(global, io);
          app.exitCode = await handler(ctx, ...args);
        } catch (err) {
          app.exitCode = reportError(err, global.json === true, io.out);
        }
      };
    },
  };
  return app;
}

/** Print an error in the contract form (text on stderr; the JSON document on stdout with --json); return its exit code. */
export function reportError(err: unknown, json: boolean, out: Output): number {
  const e = toOpsledgerError(err);
  out.info(formatError(e));
  if (json) out.json(e.toJSON());
  if (e.code === 'INTERNAL' && !(err instanceof OpsledgerError) && err instanceof Error && err.stack) {
    out.info(err.stack);
  }
  return e.exitCode;
}
