import { readSync } from 'node:fs';

const CHUNK = 256 * 1024;

/**
 * The complete lines of an append-only file, last first, read in chunks from the end (a few lines at the end cost
 * one read however long the file). What follows the last newline (an append that never finished) is not a line.
 * Lines are yielded without their newline.
 */
export function* linesBackwards(fd: number, size: number): Generator<Buffer> {
  let end = size;
  let atFileEnd = true;
  // The head of a line that began in the chunk before this one.
  let carry = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    const data = carry.length > 0 ? Buffer.concat([buf, carry]) : buf;
    const firstNl = start > 0 ? data.indexOf(10) : -1;
    end = start;
    if (start > 0 && firstNl === -1) {
      carry = data; // one line longer than the chunk: read further back
      continue;
    }
    carry = start > 0 ? Buffer.from(data.subarray(0, firstNl + 1)) : Buffer.alloc(0);
    const body = data.subarray(firstNl + 1);
    let lineEnd = body.length;
    if (atFileEnd) {
      // Drop what follows the last newline.
      lineEnd = body.lastIndexOf(10);
      atFileEnd = false;
      if (lineEnd === -1) continue;
    }
    // body[0, lineEnd) holds whole lines separated by newlines (the one at lineEnd excluded).
    let stop = lineEnd;
    while (stop > 0) {
      const nl = body.lastIndexOf(10, stop - 1);
      const line = body.subarray(nl + 1, stop);
      if (line.length > 0) yield line;
      if (nl === -1) break;
      stop = nl;
    }
  }
}
