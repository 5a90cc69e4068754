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

/**
 * Split a byte stream on NUL, synchronously: `push` returns the tokens a chunk completes (a token may span chunks;
 * its bytes are joined before decoding as UTF-8), `end` the unterminated rest. Hot loops use it directly.
 */
export class NulSplitter {
  private carry: Buffer | null = null;

  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const at = chunk.indexOf(0, start);
      if (at === -1) break;
      if (this.carry) {
        out.push(Buffer.concat([this.carry, chunk.subarray(start, at)]).toString('utf8'));
        this.carry = null;
      } else {
        out.push(chunk.toString('utf8', start, at));
      }
      start = at + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
    }
    return out;
  }

  end(): string[] {
    const rest = this.carry;
    this.carry = null;
    return rest && rest.length > 0 ? [rest.toString('utf8')] : [];
  }
}

/** `NulSplitter` over an async byte stream, one token at a time. */
export async function* splitNul(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const splitter = new NulSplitter();
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
