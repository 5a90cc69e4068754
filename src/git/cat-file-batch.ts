import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { OpsledgerError } from '../errors/opsledger-error.js';

export interface GitObject {
  oid: string;
  type: string;
  /** A view into what git wrote (not copied); it keeps that output chunk alive while referenced. */
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
  // child_process (with net and dgram) loads with the first git process, not with every module that may start one:
  // `opsledger show` imports this and answers `--json` without git (README, CLI start-up).
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child: ChildProcessWithoutNullStreams = spawn('git', ['cat-file', '--batch'], {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const queue: Pending[] = [];
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
  // Chunks not yet consumed; joined only when an object spans them (most objects sit inside one chunk).
  const chunks: Buffer[] = [];
  let buffered = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    buffered += chunk.length;
    drain();
  });

  /** The first `n` unconsumed bytes as one buffer (a view when they lie in the first chunk). */
  function head(n: number): Buffer {
    if (chunks[0]!.length < n) {
      let count = 1;
      for (let have = chunks[0]!.length; have < n; count++) have += chunks[count]!.length;
      chunks.splice(0, count, Buffer.concat(chunks.slice(0, count)));
    }
    return chunks[0]!.subarray(0, n);
  }

  function consume(n: number): void {
    buffered -= n;
    while (n > 0) {
      const first = chunks[0]!;
      if (first.length > n) {
        chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      chunks.shift();
    }
  }

  /** The offset of the first newline among the unconsumed bytes, or -1. */
  function newline(): number {
    let offset = 0;
    for (const chunk of chunks) {
      const at = chunk.indexOf(0x0a);
      if (at !== -1) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }

  function drain(): void {
    for (;;) {
      const pending = queue[0];
      if (!pending) return;
      const nl = newline();
      if (nl === -1) return;
      const header = head(nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        consume(nl + 1);
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
      if (buffered < nl + 1 + size + 1) return;
      // A view, not a copy: the chunk it lies in is never written again.
      const content = head(nl + 1 + size).subarray(nl + 1);
      consume(nl + 1 + size + 1);
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
      if (unsent.length === 0) queueMicrotask(send);
      unsent.push(name);
    });
  }

  // Names asked for in one tick go to git in one write (a history build asks for thousands while reading the log).
  let unsent: string[] = [];
  function send(): void {
    const names = unsent;
    unsent = [];
    if (!failure) child.stdin.write(`${names.join('\n')}\n`);
  }

  return {
    read: request,
    readMany: (names) => Promise.all(names.map(request)),
    async close() {
      if (unsent.length > 0) send();
      if (child.exitCode === null && !child.killed) child.stdin.end();
      await closed;
    },
  };
}
