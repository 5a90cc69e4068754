import { spawn } from 'node:child_process';
import { OpsledgerError } from '../errors/opsledger-error.js';

/**
 * Run one git command in `dir` and yield its stdout as it arrives, so a long `git log` is parsed while git still
 * writes. A non-zero exit becomes GIT_FAILED with git's message once the output is drained.
 */
export async function* streamGit(
  dir: string,
  args: readonly string[],
  options: { input?: string } = {},
): AsyncGenerator<Buffer> {
  const child = spawn('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e) =>
      reject(new OpsledgerError('GIT_FAILED', `cannot start git: ${e.message}`, { cause: e })),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  // Keep an unhandled rejection from surfacing before we await it below.
  exited.catch(() => undefined);
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input);
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString('utf8').trim();
    throw new OpsledgerError('GIT_FAILED', `git ${args.join(' ')} failed: ${message || code}`);
  }
}

/** Split a byte stream on NUL and decode each token as UTF-8 (a token may span chunks; bytes are joined first). */
export async function* splitNul(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const at = chunk.indexOf(0, start);
      if (at === -1) break;
      const piece = chunk.subarray(start, at);
      if (carry) {
        yield Buffer.concat([carry, piece]).toString('utf8');
        carry = null;
      } else {
        yield piece.toString('utf8');
      }
      start = at + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
    }
  }
  if (carry && carry.length > 0) yield carry.toString('utf8');
}
