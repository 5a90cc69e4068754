import { spawn } from 'node:child_process';
import type { CliContext } from './context.js';

/** The pager when `$PAGER` is unset: quit at once when the text fits, keep colours, leave the screen as it was. */
export const DEFAULT_PAGER = 'less -FRX';

/**
 * Print a command's text result, through `$PAGER` (default `less -FRX`) when a person reads it on a terminal and it
 * is taller than the terminal: never with `--json`, `--no-pager`, an empty `$PAGER`, or when stdout is piped.
 * A pager that cannot start (exit 126/127) falls back to printing. docs/executions.md#reading-runs-on-a-terminal
 */
export async function pageOutput(ctx: CliContext, text: string): Promise<void> {
  const rows = ctx.out.terminalRows();
  const pager = ctx.env.PAGER ?? DEFAULT_PAGER;
  const lines = text.split('\n').length;
  if (ctx.json || !ctx.pager || rows === null || lines < rows || pager.trim() === '' || pager === 'cat') {
    ctx.out.line(text);
    return;
  }
  const code = await runPager(pager, `${text}\n`, ctx.env, ctx.cwd);
  if (code === 126 || code === 127) ctx.out.line(text);
}

/** Run the pager through the shell (`$PAGER` may carry arguments) with the text on its stdin; resolve its exit code. */
function runPager(pager: string, text: string, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  // Ctrl-C while reading reaches the whole process group: the pager handles it, opsledger must not die under it.
  const ignoreInterrupt = (): void => undefined;
  process.on('SIGINT', ignoreInterrupt);
  return new Promise<number>((resolve) => {
    const child = spawn('/bin/sh', ['-c', pager], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { LESS: 'FRX', ...env },
      cwd,
    });
    // The reader may quit the pager before reading everything: that closes the pipe, which is not an error.
    child.stdin.on('error', () => undefined);
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 0));
    child.stdin.end(text);
  }).finally(() => process.off('SIGINT', ignoreInterrupt));
}
