import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/opsledger.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `opsledger` command (built dist/) as a child process. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Node's arguments and environment that run `opsledger ARGS` through dist/cli/main.js (the entry of every command
 * without one of its own), for tests that hold an own entry (history.cjs, report.cjs) to main's answers.
 */
export function viaMainJs(args: string[]): { argv: string[]; env: { ARGV: string } } {
  return {
    argv: [
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(path.join(ROOT, 'dist/cli/main.js'))});
       process.exitCode = await main(JSON.parse(process.env.ARGV));`,
    ],
    env: { ARGV: JSON.stringify([process.execPath, BIN, ...args]) },
  };
}
