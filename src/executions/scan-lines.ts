import { readSync } from 'node:fs';

/**
 * How much of a segment one read takes. 1 MiB: reads of 64 KiB–8 MiB cost the same, but every buffer is memory touched
 * for the first time (on the bench VM ~3 ms/MiB: an 8 MiB buffer per segment cost a full fold of 10 segments ~0.2 s).
 */
const CHUNK = 1024 * 1024;

/**
 * Read `fd` from `from` to `to` and call `onLine` for every complete line (without its newline) with its offset.
 * Returns the offset just after the last newline: bytes from there to `to` are an incomplete line (a write in
 * progress, or torn by a crash). Lines longer than a chunk are handled by growing the buffer.
 */
export function scanLines(
  fd: number,
  from: number,
  to: number,
  onLine: (line: Buffer, offset: number) => void,
): number {
  let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(to - from, 1)));
  let carry = 0; // bytes of an unfinished line at the start of buf
  let bufStart = from; // file offset of buf[0]
  let pos = from; // next file offset to read
  let consumed = from;
  while (pos < to) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const want = Math.min(buf.length - carry, to - pos);
    const got = readSync(fd, buf, carry, want, pos);
    if (got === 0) break;
    pos += got;
    const end = carry + got;
    let lineStart = 0;
    let nl = buf.indexOf(10, carry);
    while (nl !== -1 && nl < end) {
      onLine(buf.subarray(lineStart, nl), bufStart + lineStart);
      lineStart = nl + 1;
      nl = buf.indexOf(10, lineStart);
    }
    consumed = bufStart + lineStart;
    carry = end - lineStart;
    if (carry > 0) buf.copy(buf, 0, lineStart, end);
    bufStart += lineStart;
  }
  return consumed;
}

/** The complete lines of `fd` between `from` and `to`, one at a time (for streaming readers). */
export function* iterateLines(
  fd: number,
  from: number,
  to: number,
  chunkBytes = CHUNK,
): Generator<{ line: Buffer; offset: number }> {
  let offset = from;
  for (const chunk of iterateLineChunks(fd, from, to, chunkBytes)) {
    let at = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, at)) {
      // Copy: the chunk's buffer is reused for the next one while the consumer may hold the line.
      yield { line: Buffer.from(chunk.subarray(at, nl)), offset: offset + at };
      at = nl + 1;
    }
    offset += chunk.length;
  }
}

/**
 * The complete lines of `fd` between `from` and `to`, a chunk at a time: each yielded buffer holds whole lines, each
 * ending with its newline. It is valid only until the next one is asked for (the buffer is reused: a full read copies
 * no line, docs/reports.md, *The run cache*). Bytes after the last newline are an incomplete line and are not
 * yielded. A line longer than a chunk grows the buffer.
 */
export function* iterateLineChunks(fd: number, from: number, to: number, chunk = CHUNK): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(Math.min(chunk, Math.max(to - from, 1)));
  let carry = 0;
  let pos = from;
  while (pos < to) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const got = readSync(fd, buf, carry, Math.min(buf.length - carry, to - pos), pos);
    if (got === 0) return;
    pos += got;
    const end = carry + got;
    const last = end > carry ? buf.lastIndexOf(10, end - 1) : -1;
    if (last < carry) {
      carry = end;
      continue;
    }
    yield buf.subarray(0, last + 1);
    carry = end - last - 1;
    if (carry > 0) buf.copy(buf, 0, last + 1, end);
  }
}
