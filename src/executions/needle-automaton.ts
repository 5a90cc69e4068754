/**
 * An Aho-Corasick automaton over bytes: finds every occurrence of many needles in one pass, in time linear in the
 * text (no backtracking), one byte at a time so a stream can be fed in chunks of any size. Children are kept as
 * sibling lists in typed arrays (a trie of long needles is mostly chains), the root's as a 256-entry table.
 */
export class NeedleAutomaton {
  /** The length of the longest needle (0 when there are none). */
  readonly longest: number;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly label: Uint8Array;
  private readonly fail: Int32Array;
  private readonly depth: Int32Array;
  /** The longest needle that ends at this state (following failure links), 0 when none. */
  private readonly match: Int32Array;
  private readonly rootNext = new Int32Array(256);
  private size = 1;

  constructor(needles: readonly Uint8Array[]) {
    const capacity = 1 + needles.reduce((n, s) => n + s.length, 0);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.label = new Uint8Array(capacity);
    this.fail = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.match = new Int32Array(capacity);
    this.longest = needles.reduce((n, s) => Math.max(n, s.length), 0);
    for (const needle of needles) this.insert(needle);
    this.link();
  }

  /** The state after reading `byte` in `state` (0 is the start). */
  step(state: number, byte: number): number {
    for (let s = state; ; s = this.fail[s]!) {
      if (s === 0) return this.rootNext[byte]!;
      const next = this.child(s, byte);
      if (next !== -1) return next;
    }
  }

  /** The length of the longest needle ending with the byte that led to `state`, 0 when none. */
  matchLength(state: number): number {
    return this.match[state]!;
  }

  /** How many of the last bytes read could still be the start of a needle. */
  partialLength(state: number): number {
    return this.depth[state]!;
  }

  private child(state: number, byte: number): number {
    if (state === 0) return this.rootNext[byte] || -1;
    for (let c = this.firstChild[state]!; c !== -1; c = this.nextSibling[c]!)
      if (this.label[c] === byte) return c;
    return -1;
  }

  private insert(needle: Uint8Array): void {
    if (needle.length === 0) return;
    let s = 0;
    for (const byte of needle) {
      let next = this.child(s, byte);
      if (next === -1) {
        next = this.size++;
        this.label[next] = byte;
        this.depth[next] = this.depth[s]! + 1;
        if (s === 0) this.rootNext[byte] = next;
        else {
          this.nextSibling[next] = this.firstChild[s]!;
          this.firstChild[s] = next;
        }
      }
      s = next;
    }
    this.match[s] = needle.length;
  }

  /** Failure links and inherited matches, breadth first. */
  private link(): void {
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) if (this.rootNext[b]) queue.push(this.rootNext[b]!);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (let c = this.firstChild[s]!; c !== -1; c = this.nextSibling[c]!) {
        const byte = this.label[c]!;
        let f = this.fail[s]!;
        let target = this.child(f, byte);
        while (target === -1 && f !== 0) {
          f = this.fail[f]!;
          target = this.child(f, byte);
        }
        this.fail[c] = target === -1 || target === c ? 0 : target;
        this.match[c] = Math.max(this.match[c]!, this.match[this.fail[c]!]!);
        queue.push(c);
      }
    }
  }
}
