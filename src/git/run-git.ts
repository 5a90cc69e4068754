import { OpsledgerError } from '../errors/opsledger-error.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Run one git command in `dir` and collect its output; never throws for a non-zero exit. */
export async function runGitRaw(
  dir: string,
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<GitResult> {
  // Loaded with the first git command (it brings net and dgram along): a warm `history` runs none (README, CLI
  // start-up).
  const { spawn } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(new OpsledgerError('GIT_FAILED', `cannot start git: ${e.message}`, { cause: e })),
    );
    child.on('close', (code) =>
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? 1,
      }),
    );
    child.stdin.end(options.input);
  });
}

/** Run one git command in `dir`; a non-zero exit becomes GIT_FAILED naming the command and git's message. */
export async function runGit(
  dir: string,
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const result = await runGitRaw(dir, args, options);
  if (result.code !== 0) {
    throw new OpsledgerError(
      'GIT_FAILED',
      `git ${args.join(' ')} failed: ${result.stderr.trim() || result.code}`,
    );
  }
  return result.stdout;
}
