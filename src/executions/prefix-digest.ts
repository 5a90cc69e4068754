import { createHash, type Hash } from 'node:crypto';
import { readSync, type Stats } from 'node:fs';

/** How often (bytes) a running hash is kept, so a shorter prefix of the same file resumes near its end. */
const STEP = 8 * 1024 * 1024;
/** Past this many states of a file version the lengths asked are no longer kept (the 8 MiB steps still are). */
const MAX_STATES = 32;
/** Files whose hashing states are kept (the last segments asked about; a report asks about one or two). */
const FILES = 4;

interface Kept {
  /** sha256 states after the first `offset` bytes, by ascending offset (the first at 0). */
  states: { offset: number; hash: Hash }[];
}

/** Per file version (path, inode, size, ctime): the running hashes of its prefixes. */
const kept = new Map<string, Kept>();
let hashed = 0;

/**
 * The sha256 of the first `length` bytes of the file open as `fd` (`stat` its current status), remembered within the
 * process per file version — path, inode, size and change time — so the three report caches' checkpoint checks and
 * writes hash a segment's prefix once (docs/reports.md, *Incremental reports*). A later, longer prefix continues the
 * kept hash instead of starting over. Any write to the file changes its size or change time (which no user can set
 * back), so a file edited in place is hashed again, never answered from memory: the same trust a checkpoint already
 * puts in the size and change time of the segments before its last one.
 */
export function digestPrefix(fd: number, file: string, stat: Stats, length: number): string {
  const key = `${file}\0${stat.ino}\0${stat.size}\0${stat.ctimeMs}`;
  let entry = kept.get(key);
  if (!entry) {
    entry = { states: [{ offset: 0, hash: createHash('sha256') }] };
    if (kept.size >= FILES) kept.delete(kept.keys().next().value!);
  } else kept.delete(key);
  kept.set(key, entry);
  const { states } = entry;
  let from = 0;
  for (let i = states.length - 1; i >= 0; i--) {
    if (states[i]!.offset <= length) {
      from = i;
      break;
    }
  }
  let at = states[from]!.offset;
  const hash = states[from]!.hash.copy();
  const buf = at < length ? Buffer.allocUnsafe(Math.min(STEP, length - at)) : null;
  while (buf && at < length) {
    const stop = Math.min(length, (Math.floor(at / STEP) + 1) * STEP);
    const got = readSync(fd, buf, 0, stop - at, at);
    if (got <= 0) break;
    hash.update(buf.subarray(0, got));
    at += got;
    hashed += got;
    if (at % STEP === 0 || (at === length && states.length < MAX_STATES)) keep(states, at, hash);
  }
  return hash.copy().digest('hex');
}

function keep(states: Kept['states'], offset: number, hash: Hash): void {
  let i = states.length;
  while (i > 0 && states[i - 1]!.offset > offset) i--;
  if (states[i - 1]?.offset === offset) return;
  states.splice(i, 0, { offset, hash: hash.copy() });
}

/** Bytes read and hashed by `digestPrefix` in this process so far (tests: a report hashes a prefix once). */
export function prefixBytesHashed(): number {
  return hashed;
}

/** Forget the running hashes kept in this process (tests: a report in another process remembers none of them). */
export function forgetPrefixStates(): void {
  kept.clear();
}
