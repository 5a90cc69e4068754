/** The 11-byte signature that opens COPY's binary format. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Where a tuple's fields lie in `buf`: field f is `buf[bounds[2f], bounds[2f + 1])`, both -1 for NULL. Valid during
 * the `onTuple` call only (the arrays are reused, the buffer is the stream's chunk).
 */
export type TupleBounds = Int32Array;

/**
 * A reader of `COPY … TO STDOUT (FORMAT binary)`, fed chunk by chunk as the stream delivers them: each complete tuple
 * goes to `onTuple` as the chunk and its fields' bounds. Nothing is decoded or copied per field (no strings, no
 * buffers made), which is the point: verify hashes the bytes where they arrived.
 */
export class CopyBinaryReader {
  private rest: Buffer | null = null;
  private header = false;
  private trailer = false;
  private bounds: TupleBounds = new Int32Array(8);

  constructor(private readonly onTuple: (buf: Buffer, bounds: TupleBounds, count: number) => void) {}

  push(chunk: Buffer): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let off = 0;
    if (!this.header) {
      if (buf.length < 19) {
        this.rest = buf;
        return;
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      off = 19 + buf.readUInt32BE(15);
      this.header = true;
    }
    const size = buf.length;
    while (!this.trailer && size - off >= 2) {
      const count = buf.readInt16BE(off);
      if (count === -1) {
        this.trailer = true;
        off += 2;
        break;
      }
      if (this.bounds.length < 2 * count) this.bounds = new Int32Array(2 * count);
      const bounds = this.bounds;
      // Find the tuple's end before handing it out: a tuple split across chunks waits for the next one.
      let p = off + 2;
      let f = 0;
      for (; f < count && size - p >= 4; f++) {
        const len = buf.readInt32BE(p);
        p += 4;
        if (len === -1) {
          bounds[2 * f] = bounds[2 * f + 1] = -1;
          continue;
        }
        if (size - p < len) break;
        bounds[2 * f] = p;
        bounds[2 * f + 1] = p += len;
      }
      if (f < count) break;
      this.onTuple(buf, bounds, count);
      off = p;
    }
    this.rest = off < size ? buf.subarray(off) : null;
  }

  /** Throws when the stream stopped before its trailer (a cut-off read must not pass for a short journal). */
  end(): void {
    if (!this.trailer || this.rest) throw new Error('the COPY stream ended before its trailer');
  }
}
