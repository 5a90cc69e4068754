import type { NeedleAutomaton } from './needle-automaton.js';
import { scrubBuffer, SecretScrubber, buildSecretMatcher } from './scrub-secrets.js';

/**
 * The last `cap` bytes of a stream, with secrets scrubbed (their lines and encodings too: docs/executions.md,
 * Secrets). It keeps `longest needle − 1` bytes more than the cap, so a secret that starts before the kept window is
 * still recognised and its visible part replaced.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private held = 0;
  private total = 0;
  private readonly keep: number;
  private readonly matcher: NeedleAutomaton;

  constructor(
    private readonly cap: number,
    secrets: readonly string[],
  ) {
    this.matcher = buildSecretMatcher(secrets);
    this.keep = cap + Math.max(0, this.matcher.longest - 1);
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
    return { text: scrubBuffer(all, this.matcher, from).toString('utf8'), truncatedBytes };
  }
}

/**
 * Turns a byte stream into complete lines with secrets scrubbed, for live display. The stream is scrubbed before it
 * is cut into lines, so a multi-line secret is found whole; a very long line is flushed in pieces.
 */
export class ScrubbedLines {
  private pending: Buffer = Buffer.alloc(0);
  private readonly scrubber: SecretScrubber;

  constructor(
    secrets: readonly string[],
    private readonly emit: (line: string) => void,
    private readonly maxLine = 64 * 1024,
  ) {
    this.scrubber = new SecretScrubber(buildSecretMatcher(secrets));
  }

  push(chunk: Buffer): void {
    this.take(this.scrubber.push(chunk));
  }

  end(): void {
    this.take(this.scrubber.end());
    if (this.pending.length > 0) this.emit(this.pending.toString('utf8'));
    this.pending = Buffer.alloc(0);
  }

  private take(scrubbed: Buffer): void {
    if (scrubbed.length === 0) return;
    this.pending = this.pending.length === 0 ? scrubbed : Buffer.concat([this.pending, scrubbed]);
    for (let nl = this.pending.indexOf(10); nl !== -1; nl = this.pending.indexOf(10)) {
      this.emit(this.pending.subarray(0, nl).toString('utf8'));
      this.pending = this.pending.subarray(nl + 1);
    }
    while (this.pending.length > this.maxLine) {
      this.emit(this.pending.subarray(0, this.maxLine).toString('utf8'));
      this.pending = this.pending.subarray(this.maxLine);
    }
  }
}
