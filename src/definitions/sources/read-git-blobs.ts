import { spawn } from 'node:child_process';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { FileContent } from './definition-source.js';

/**
 * Read many blobs with one `git cat-file --batch`. Blobs over `maxBytes` are skipped while streaming (only their size
 * is kept), so a huge file never sits in memory. Missing objects are left out of the result.
 */
export function readGitBlobs(
  gitDir: string,
  oids: readonly string[],
  maxBytes: number,
): Promise<Map<string, FileContent>> {
  const unique = [...new Set(oids)];
  const result = new Map<string, FileContent>();
  if (unique.length === 0) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: gitDir,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const parser = createBatchParser(maxBytes, (oid, content) => result.set(oid, content));
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (err) =>
      reject(new OpsledgerError('GIT_FAILED', `cannot start git: ${err.message}`, { cause: err })),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        const message = Buffer.concat(stderr).toString('utf8').trim();
        reject(new OpsledgerError('GIT_FAILED', `git cat-file --batch failed: ${message || code}`));
        return;
      }
      resolve(result);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${unique.join('\n')}\n`);
  });
}

interface Pending {
  oid: string;
  size: number;
  keep: boolean;
  parts: Buffer[];
  /** Bytes still to come, including the newline git writes after the content. */
  remaining: number;
}

/** Incremental parser of `cat-file --batch` output: `<oid> <type> <size>\n<content>\n` or `<oid> missing\n`. */
export function createBatchParser(
  maxBytes: number,
  onBlob: (oid: string, content: FileContent) => void,
): { push(chunk: Buffer): void } {
  let buffer: Buffer = Buffer.alloc(0);
  let pending: Pending | null = null;
  return {
    push(chunk) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (pending === null) {
          const eol = buffer.indexOf(0x0a);
          if (eol < 0) return;
          const header = buffer.subarray(0, eol).toString('utf8').split(' ');
          buffer = buffer.subarray(eol + 1);
          if (header.length < 3) continue; // "<oid> missing"
          const size = Number(header[2]);
          pending = { oid: header[0]!, size, keep: size <= maxBytes, parts: [], remaining: size + 1 };
          continue;
        }
        const take = Math.min(pending.remaining, buffer.length);
        if (take === 0) return;
        if (pending.keep) pending.parts.push(Buffer.from(buffer.subarray(0, take)));
        pending.remaining -= take;
        buffer = buffer.subarray(take);
        if (pending.remaining > 0) return;
        const content: FileContent = { size: pending.size };
        if (pending.keep) content.bytes = Buffer.concat(pending.parts).subarray(0, pending.size);
        onBlob(pending.oid, content);
        pending = null;
      }
    },
  };
}
