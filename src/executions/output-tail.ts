const MARK = Buffer.from('[REDACTED]');

/** Ranges of `buf` covered by any of the secrets (sorted, merged). */
function secretRanges(buf: Buffer, secrets: readonly Buffer[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const s of secrets) {
    if (s.length === 0) continue;
    for (let at = buf.indexOf(s); at !== -1; at = buf.indexOf(s, at + 1)) ranges.push([at, at + s.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `buf[from..]` with every secret occurrence (found in the whole of `buf`) replaced by `[REDACTED]`. */
export function scrubSecrets(buf: Buffer, secrets: readonly Buffer[], from = 0): Buffer {
  const parts: Buffer[] = [];
  let pos = from;
  for (const [start, end] of secretRanges(buf, secrets)) {
    if (end <= from) continue;
    if (start > pos) parts.push(buf.subarray(pos, start));
    parts.push(MARK);
    pos = Math.max(pos, end);
  }
  if (pos < buf.length) parts.push(buf.subarray(pos));
  return Buffer.concat(parts);
}

/**
 * The last `cap` bytes of a stream, with secrets scrubbed. It keeps `longest secret − 1` bytes more than the cap,
 * so a secret that starts before the kept window is still recognised and its visible part replaced.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private held = 0;
  private total = 0;
  private readonly keep: number;
  private readonly secrets: Buffer[];

  constructor(
    private readonly cap: number,
    secrets: readonly string[],
  ) {
    this.secrets = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, 'utf8'));
    this.keep = cap + Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.chunks.length > 1 && this.held - this.chunks[0]!.length >= this.keep) {
      this.held -= this.chunks.shift()!.length;
    }
  }

  /** The scrubbed tail as text, and how many bytes of the stream were cut off before it. */
  finish(): { text: string; truncatedBytes: number } {
    const all = Buffer.concat(this.chunks);
    const from = Math.max(0, all.length - this.cap);
    const truncatedBytes = this.total - (all.length - from);
    return { text: scrubSecrets(all, this.secrets, from).toString('utf8'), truncatedBytes };
  }
}

/**
 * Turns a byte stream into complete lines with secrets scrubbed, for live display. A very long line is flushed in
 * pieces, holding back enough bytes that a secret split across two pieces is still found.
 */
export class ScrubbedLines {
  private pending = Buffer.alloc(0);
  private readonly secrets: Buffer[];
  private readonly holdBack: number;

  constructor(
    secrets: readonly string[],
    private readonly emit: (line: string) => void,
    private readonly maxLine = 64 * 1024,
  ) {
    this.secrets = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, 'utf8'));
    this.holdBack = Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }

  push(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let nl = this.pending.indexOf(10); nl !== -1; nl = this.pending.indexOf(10)) {
      this.emit(scrubSecrets(this.pending.subarray(0, nl), this.secrets).toString('utf8'));
      this.pending = this.pending.subarray(nl + 1);
    }
    if (this.pending.length > this.maxLine + this.holdBack) {
      const cut = this.pending.length - this.holdBack;
      const ranges = secretRanges(this.pending, this.secrets);
      // Never cut inside a secret occurrence.
      const safe = ranges.reduce((c, [s, e]) => (s < c && e > c ? s : c), cut);
      this.emit(scrubSecrets(this.pending.subarray(0, safe), this.secrets).toString('utf8'));
      this.pending = this.pending.subarray(safe);
    }
  }

  end(): void {
    if (this.pending.length > 0) this.emit(scrubSecrets(this.pending, this.secrets).toString('utf8'));
    this.pending = Buffer.alloc(0);
  }
}
