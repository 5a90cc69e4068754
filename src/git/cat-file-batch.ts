import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { OpsledgerError } from '../errors/opsledger-error.js';

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

/** A long-lived `git cat-file --batch`: many object reads through one process, answered in request order. */
export interface CatFileBatch {
  /** The object a name resolves to (an oid, `rev:path`, `rev^{commit}`, ...), or null when it does not exist. */
  read(name: string): Promise<GitObject | null>;
  /** Read many objects, pipelined; results in the order of `names`. */
  readMany(names: readonly string[]): Promise<(GitObject | null)[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: GitObject | null) => void;
  reject: (err: Error) => void;
}

/** Start `git cat-file --batch` in `dir`. Names must not contain a newline (git reads one per line). */
export function openCatFileBatch(dir: string): CatFileBatch {
  const child: ChildProcessWithoutNullStreams = spawn('git', ['cat-file', '--batch'], {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const queue: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let failure: Error | null = null;
  let stderr = '';
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));

  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of queue.splice(0)) p.reject(err);
  };
  child.on('error', (e) =>
    fail(new OpsledgerError('GIT_FAILED', `cannot start git cat-file: ${e.message}`, { cause: e })),
  );
  child.stdin.on('error', (e) => fail(new OpsledgerError('GIT_FAILED', `git cat-file: ${e.message}`)));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  child.on('close', (code) => {
    if (queue.length > 0) {
      fail(new OpsledgerError('GIT_FAILED', `git cat-file --batch exited (${code}): ${stderr.trim()}`));
    }
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    drain();
  });

  function drain(): void {
    for (;;) {
      const pending = queue[0];
      if (!pending) return;
      const nl = buffer.indexOf(0x0a);
      if (nl === -1) return;
      const header = buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(nl + 1);
        queue.shift();
        pending.resolve(null);
        continue;
      }
      const [oid, type, sizeText] = header.split(' ');
      const size = Number(sizeText);
      if (!oid || !type || !Number.isInteger(size)) {
        fail(new OpsledgerError('GIT_FAILED', `unexpected git cat-file output: ${header}`));
        return;
      }
      // header, content, and one trailing newline
      if (buffer.length < nl + 1 + size + 1) return;
      const content = Buffer.from(buffer.subarray(nl + 1, nl + 1 + size));
      buffer = buffer.subarray(nl + 1 + size + 1);
      queue.shift();
      pending.resolve({ oid, type, content });
    }
  }

  function request(name: string): Promise<GitObject | null> {
    if (failure) return Promise.reject(failure);
    if (/[\n\r]/.test(name)) {
      return Promise.reject(new OpsledgerError('INPUT_INVALID', `object name contains a newline: ${name}`));
    }
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  return {
    read: request,
    readMany: (names) => Promise.all(names.map(request)),
    async close() {
      if (child.exitCode === null && !child.killed) child.stdin.end();
      await closed;
    },
  };
}
