/**
 * The three fields `verify` needs of a journal line — `seq`, `hash`, `prev_hash` — read from the line's bytes with no
 * record built (docs/executions.md, *Verifying*): a million lines decoded into strings and `JSON.parse`d cost
 * `opsledger verify` about half of its time. The line is checked to be exactly one JSON object, by the grammar
 * `JSON.parse` applies, while it is read; the fields are the last of each name at its top level, as `JSON.parse` keeps
 * them. Anything this reader does not handle in the way `JSON.parse` would is answered `null`, and the caller parses
 * the line: a key written with an escape (`"s\u0065q"` is `seq`), a `hash` that is not the last member ending the
 * line, a value nested deeper than `MAX_DEPTH`. A property test holds the columns made from these fields equal to
 * those made by parsing every line (`test/executions/sealed-line-fields.property.test.ts`).
 *
 * The bytes are read as they are, not decoded: every byte of JSON's structure is ASCII, and UTF-8 decoding never
 * takes an ASCII byte into another character (a broken sequence becomes U+FFFD and the byte is read again), so a line
 * is JSON as bytes exactly when it is JSON as the string it decodes to; a byte ≥ 0x80 is accepted only inside a
 * string, as its decoded characters are.
 */
export interface SealedLineFields {
  seq: number;
  /** Where the 64 characters of the last `hash` value start. */
  hashAt: number;
  /** Where the 64 characters of the last `prev_hash` value start. */
  prevAt: number;
}

/** Nesting past this is left to `JSON.parse` (no recursion deeper than this here). */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** A sealed line ends `,"hash":"<64 hex>"}`: its last key starts this many bytes before the end. */
const HASH_KEY_FROM_END = 74;
/** …and the hash value's opening quote this many. */
const HASH_VALUE_FROM_END = 67;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** The index after the string whose opening quote is at `i`, or -1. */
function skipString(b: Buffer, i: number, end: number): number {
  for (i++; i < end;) {
    const c = b[i]!;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const e = b[i + 1];
    if (e === 0x75) {
      if (!isHex(b[i + 2]) || !isHex(b[i + 3]) || !isHex(b[i + 4]) || !isHex(b[i + 5])) return -1;
      i += 6;
    } else if (
      e === QUOTE ||
      e === BACKSLASH ||
      e === 0x2f ||
      e === 0x62 ||
      e === 0x66 ||
      e === 0x6e ||
      e === 0x72 ||
      e === 0x74
    ) {
      i += 2;
    } else return -1;
  }
  return -1;
}

/** The index after the number starting at `i` (JSON's grammar: no `+`, no leading zeros, no bare `.`), or -1. */
function skipNumber(b: Buffer, i: number): number {
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === 0x2e) {
    i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}

const matchesWord = (b: Buffer, i: number, word: string): boolean => {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return false;
  return true;
};

/** The index after the value starting at `i` (no space before it), or -1. */
function skipValue(b: Buffer, i: number, end: number, depth: number): number {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i, end);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    if (depth >= MAX_DEPTH) return -1;
    const object = c === OPEN_OBJECT;
    const close = object ? CLOSE_OBJECT : CLOSE_ARRAY;
    i = skipSpace(b, i + 1, end);
    if (b[i] === close) return i + 1;
    for (;;) {
      if (object) {
        if (b[i] !== QUOTE) return -1;
        i = skipString(b, i, end);
        if (i < 0) return -1;
        i = skipSpace(b, i, end);
        if (b[i] !== COLON) return -1;
        i = skipSpace(b, i + 1, end);
      }
      i = skipValue(b, i, end, depth + 1);
      if (i < 0) return -1;
      i = skipSpace(b, i, end);
      if (b[i] === close) return i + 1;
      if (b[i] !== COMMA) return -1;
      i = skipSpace(b, i + 1, end);
    }
  }
  if (c === 0x74) return matchesWord(b, i, 'true') ? i + 4 : -1;
  if (c === 0x66) return matchesWord(b, i, 'false') ? i + 5 : -1;
  if (c === 0x6e) return matchesWord(b, i, 'null') ? i + 4 : -1;
  return skipNumber(b, i);
}

/** Which of the three fields the key between `from` (its opening quote) and `to` (after its closing quote) names. */
function fieldOf(b: Buffer, from: number, to: number): 'seq' | 'hash' | 'prev_hash' | null {
  const length = to - from - 2;
  if (length === 3 && matchesWord(b, from + 1, 'seq')) return 'seq';
  if (length === 4 && matchesWord(b, from + 1, 'hash')) return 'hash';
  if (length === 9 && matchesWord(b, from + 1, 'prev_hash')) return 'prev_hash';
  return null;
}

/**
 * `seq`, `hash` and `prev_hash` of a line (without its newline) that is one JSON object whose last member is its
 * `hash` (as every line `sealRecord` writes), the two hashes 64-character strings and `seq` a number; `null` for any
 * other line, or one to leave to `JSON.parse` (see above). The hashes are not checked to be hex here.
 */
export function sealedLineFields(line: Buffer): SealedLineFields | null {
  const end = line.length;
  if (end < HASH_KEY_FROM_END + 2 || line[0] !== OPEN_OBJECT) return null;
  let i = skipSpace(line, 1, end);
  let seq: number | null = null;
  let hashAt = -1;
  let prevAt = -1;
  let lastKey = -1;
  for (;;) {
    if (line[i] !== QUOTE) return null;
    const keyAt = i;
    i = skipString(line, i, end);
    if (i < 0) return null;
    // A key with an escape may spell one of the three: JSON.parse decodes it.
    for (let k = keyAt + 1; k < i - 1; k++) if (line[k] === BACKSLASH) return null;
    const field = fieldOf(line, keyAt, i);
    i = skipSpace(line, i, end);
    if (line[i] !== COLON) return null;
    const valueAt = skipSpace(line, i + 1, end);
    i = skipValue(line, valueAt, end, 1);
    if (i < 0) return null;
    if (field === 'seq') {
      const c = line[valueAt];
      seq = c === 0x2d || isDigit(c) ? Number(line.toString('latin1', valueAt, i)) : null;
    } else if (field !== null) {
      const at = line[valueAt] === QUOTE && i - valueAt === 66 ? valueAt + 1 : -1;
      if (field === 'hash') hashAt = at;
      else prevAt = at;
    }
    lastKey = keyAt;
    i = skipSpace(line, i, end);
    if (line[i] === CLOSE_OBJECT) break;
    if (line[i] !== COMMA) return null;
    i = skipSpace(line, i + 1, end);
  }
  if (i !== end - 1) return null;
  if (seq === null || hashAt < 0 || prevAt < 0) return null;
  // The sealed form: `,"hash":"…"}` ends the line, nothing between its parts.
  if (lastKey !== end - HASH_KEY_FROM_END || hashAt !== end - HASH_VALUE_FROM_END + 1) return null;
  if (line[lastKey - 1] !== COMMA || line[lastKey + 6] !== COLON) return null;
  return { seq, hashAt, prevAt };
}
