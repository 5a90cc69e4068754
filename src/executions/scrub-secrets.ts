import { NeedleAutomaton } from './needle-automaton.js';
import { deriveSecretNeedles } from './derive-secret-needles.js';

/** What stands in the output where a secret (or one of its lines or encodings) was. */
export const REDACTION_MARK = '[REDACTED]';
const MARK = Buffer.from(REDACTION_MARK);

/** Built automatons by the list they were built from: one run's processes and streams share one (never outliving it). */
const built = new WeakMap<readonly string[], NeedleAutomaton>();

/** The automaton of every needle of these secrets (docs/executions.md, Secrets). */
export function buildSecretMatcher(secrets: readonly string[]): NeedleAutomaton {
  let matcher = built.get(secrets);
  if (!matcher) {
    matcher = new NeedleAutomaton(deriveSecretNeedles(secrets));
    built.set(secrets, matcher);
  }
  return matcher;
}

/** Add [start, end) to sorted, merged ranges (flat pairs) whose ends come in increasing order. */
function addRange(ranges: number[], start: number, end: number): void {
  let from = start;
  while (ranges.length > 0 && ranges[ranges.length - 1]! >= from) {
    from = Math.min(from, ranges[ranges.length - 2]!);
    ranges.length -= 2;
  }
  ranges.push(from, end);
}

/** The ranges of `buf` covered by any needle (flat [start, end] pairs, sorted, overlapping ones merged). */
export function findNeedleRanges(buf: Uint8Array, matcher: NeedleAutomaton): number[] {
  const ranges: number[] = [];
  if (matcher.longest === 0) return ranges;
  let state = 0;
  for (let i = 0; i < buf.length; i++) {
    state = matcher.step(state, buf[i]!);
    const len = matcher.matchLength(state);
    if (len > 0) addRange(ranges, i + 1 - len, i + 1);
  }
  return ranges;
}

/** `buf[from..]` with every needle occurrence (found in the whole of `buf`) replaced by the mark. */
export function scrubBuffer(buf: Buffer, matcher: NeedleAutomaton, from = 0): Buffer {
  const parts: Buffer[] = [];
  let pos = from;
  const ranges = findNeedleRanges(buf, matcher);
  for (let k = 0; k < ranges.length; k += 2) {
    const start = ranges[k]!;
    const end = ranges[k + 1]!;
    if (end <= from) continue;
    if (start > pos) parts.push(buf.subarray(pos, start));
    parts.push(MARK);
    pos = Math.max(pos, end);
  }
  if (pos < buf.length) parts.push(buf.subarray(pos));
  return Buffer.concat(parts);
}

/** A text (an error message, an argv word) with every secret, line of one and encoding of one replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  return scrubBuffer(Buffer.from(text, 'utf8'), buildSecretMatcher(secrets)).toString('utf8');
}

/**
 * Scrubs a byte stream that arrives in chunks of any size: `push` returns the scrubbed bytes that are final, holding
 * back only the bytes that could still begin a needle (never more than the longest needle), so a secret split across
 * chunks is still found while ordinary output passes at once; `end` returns the rest.
 */
export class SecretScrubber {
  private state = 0;
  /** Bytes read but not yet returned; `held[0]` is byte number `heldFrom` of the stream. */
  private held: Buffer = Buffer.alloc(0);
  private heldFrom = 0;
  private read = 0;
  /** Needle occurrences (absolute [start, end] pairs) not yet returned. */
  private ranges: number[] = [];

  constructor(private readonly matcher: NeedleAutomaton) {}

  push(chunk: Buffer): Buffer {
    if (this.matcher.longest === 0) return chunk;
    for (let i = 0; i < chunk.length; i++) {
      this.state = this.matcher.step(this.state, chunk[i]!);
      this.read++;
      const len = this.matcher.matchLength(this.state);
      if (len > 0) addRange(this.ranges, this.read - len, this.read);
    }
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    let cut = this.read - this.matcher.partialLength(this.state);
    // Never cut inside an occurrence: its mark goes out whole.
    for (let k = this.ranges.length - 2; k >= 0; k -= 2) {
      if (this.ranges[k + 1]! <= cut) break;
      if (this.ranges[k]! < cut) cut = this.ranges[k]!;
    }
    return this.release(cut);
  }

  end(): Buffer {
    const rest = this.release(this.read);
    this.state = 0;
    return rest;
  }

  /** Return the held bytes before stream offset `cut`, occurrences replaced by the mark. */
  private release(cut: number): Buffer {
    if (cut <= this.heldFrom) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let pos = this.heldFrom;
    let k = 0;
    for (; k < this.ranges.length && this.ranges[k + 1]! <= cut; k += 2) {
      const start = this.ranges[k]!;
      if (start > pos) parts.push(this.held.subarray(pos - this.heldFrom, start - this.heldFrom));
      parts.push(MARK);
      pos = Math.max(pos, this.ranges[k + 1]!);
    }
    if (cut > pos) parts.push(this.held.subarray(pos - this.heldFrom, cut - this.heldFrom));
    this.ranges = this.ranges.slice(k);
    this.held = this.held.subarray(cut - this.heldFrom);
    this.heldFrom = cut;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
