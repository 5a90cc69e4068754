import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../state/durable-write.js';

/**
 * With the journal lock held: move the bytes of `segment` from `from` (just after its last newline) to its end (an
 * unfinished append) into `<dir>/quarantine/<segment>-at-<from>-<time>.torn`, durably, then cut them off the
 * segment. Returns the quarantine file (relative to `dir`), how many bytes moved and what they were, or null when
 * there was nothing past `from`.
 */
export function quarantineTail(
  dir: string,
  segment: string,
  from: number,
  now: Date,
): { file: string; bytes: number; content: Buffer } | null {
  const file = path.join(dir, segment);
  const size = statSync(file).size;
  if (from >= size) return null;
  const fd = openSync(file, 'r+');
  try {
    const bytes = Buffer.alloc(size - from);
    readSync(fd, bytes, 0, bytes.length, from);
    const qdir = path.join(dir, 'quarantine');
    mkdirSync(qdir, { recursive: true, mode: 0o700 });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const qname = `${segment.replace(/\.jsonl$/, '')}-at-${from}-${stamp}.torn`;
    const qfd = openSync(path.join(qdir, qname), 'wx', 0o600);
    try {
      writeSync(qfd, bytes);
      fsyncSync(qfd);
    } finally {
      closeSync(qfd);
    }
    fsyncDir(qdir);
    // Only now that the copy is durable is the line cut off the segment.
    ftruncateSync(fd, from);
    fsyncSync(fd);
    return { file: `quarantine/${qname}`, bytes: bytes.length, content: bytes };
  } finally {
    closeSync(fd);
  }
}
