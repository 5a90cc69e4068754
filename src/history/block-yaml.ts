import jsyaml from 'js-yaml';

/**
 * A parser of plain YAML definitions that reuses work across versions of the same file. History parses thousands of
 * blobs that are mostly one edited line apart, so a document is cut into its top-level blocks (a `key:` line at
 * column 0 and every indented, `- ` item, comment or blank line after it) and each block's text is parsed once:
 * a later version re-parses only the blocks that changed.
 *
 * It answers only when the cut is safe — the same value as js-yaml on the whole text — and null otherwise, so the
 * caller parses the whole document (and the full parser reports any error). A block that holds anchors, aliases,
 * tags, directives or document markers (the only YAML that links one top-level block to another) or anything else
 * `needsFullParser` flags is refused; a block must parse on its own into a mapping of exactly the key its first line
 * names, keys must not repeat, and the text before the first key may only hold comments (which YAML ignores). A
 * multi-line quoted scalar cut at a column-0 line leaves a block that does not parse, so it falls back too.
 *
 * Parsed blocks are deep-frozen and shared between the values they appear in (nothing downstream mutates a parsed
 * value; a frozen one makes sure of it), which also lets a diff of two versions skip unchanged blocks by identity.
 */
export interface BlockYamlParser {
  /** The document's value, or null when it must be parsed whole. Throws nothing. */
  parse(text: string): Record<string, unknown> | null;
  /** Distinct blocks parsed so far (for tests and benchmarks). */
  readonly parsedBlocks: number;
}

type Parsed = { value: unknown } | null;

/** `parse` answering from a cache by text (a block's text determines its value). */
function memoByText(parse: (text: string) => Parsed): { get: (text: string) => Parsed; size: () => number } {
  const cache = new Map<string, Parsed>();
  return {
    get(text) {
      let hit = cache.get(text);
      if (hit === undefined) {
        hit = parse(text);
        cache.set(text, hit);
      }
      return hit;
    },
    size: () => cache.size,
  };
}

/**
 * YAML features on which js-yaml and `yaml` may disagree or that need `yaml`'s guards: anchors, aliases, tags,
 * directives, document markers, binary and signed hex/octal numbers. Conservative: a shell `&&` or `ls *.log` in an
 * inline script also sends the file down the full path, which is only slower.
 */
const NEEDS_FULL_PARSER =
  /(^|[\s[{,:-])[&*!][^\s]|^(%|---|\.\.\.)|(^|[\s[{,:-])([-+]0[xXoObB]|0[bB][01])|\t/m;
/** A cheap first look: only text holding one of these characters can need the full parser. */
const MAYBE_SPECIAL = /[&*!%\t]|---|\.\.\.|[-+]?0[xXoObB]/;

/** Whether a text (a document, or a block of one: the patterns never span lines) must go to the full parser. */
export function needsFullParser(text: string): boolean {
  return MAYBE_SPECIAL.test(text) && NEEDS_FULL_PARSER.test(text);
}

export function createBlockYamlParser(): BlockYamlParser {
  const items = memoByText(parseOneItem);
  // The key is the block's first word, so the text alone still determines the answer. Only a block not seen before
  // is looked at for YAML that needs the full parser (an edit changes a block or two of a version).
  const blocks = memoByText((text) =>
    needsFullParser(text) ? null : (parseSequenceBlock(text, items.get) ?? parseOne(text, keyAt(text, 0)!)),
  );
  return {
    get parsedBlocks() {
      return blocks.size() + items.size();
    },
    parse(text) {
      const cut = cutBlocks(text);
      if (!cut) return null;
      const out: Record<string, unknown> = {};
      for (const { text: blockText, key } of cut) {
        if (Object.hasOwn(out, key)) return null;
        const block = blocks.get(blockText);
        if (!block) return null;
        out[key] = block.value;
      }
      return out;
    },
  };
}

/** The top-level blocks of a document, or null when its shape is not one this parser may cut. */
function cutBlocks(text: string): { text: string; key: string }[] | null {
  const out: { text: string; key: string }[] = [];
  let start = -1;
  let key = '';
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const next = end < 0 ? text.length : end + 1;
    const c = text.charCodeAt(pos);
    // Blank lines, comments, indented lines and `- ` items continue the current block (or the preamble).
    const continues =
      c === 10 /* \n */ ||
      c === 13 /* \r */ ||
      c === 32 /* space */ ||
      c === 35 /* # */ ||
      (c === 45 /* - */ && isItemDash(text, pos + 1));
    if (!continues) {
      const found = keyAt(text, pos);
      if (found === null || found === '__proto__') return null;
      if (start >= 0) out.push({ text: text.slice(start, pos), key });
      start = pos;
      key = found;
    } else if (start < 0 && c !== 10 && c !== 13 && c !== 35 && !isBlankLine(text, pos, next)) {
      return null;
    }
    pos = next;
  }
  if (start < 0) return null;
  out.push({ text: text.slice(start), key });
  return out;
}

/**
 * The key of a `key:` line starting at `pos` (`/[A-Za-z0-9_][A-Za-z0-9_.-]*[ \t]*:(?:[ \t\r\n]|$)/` at `pos`,
 * scanned by hand: this runs for every top-level line of every blob), or null.
 */
function keyAt(text: string, pos: number): string | null {
  let i = pos;
  let c = text.charCodeAt(i);
  if (!(isWordChar(c) && c !== 45 && c !== 46)) return null;
  do c = text.charCodeAt(++i);
  while (isWordChar(c));
  const end = i;
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  if (c !== 58 /* : */) return null;
  const after = text.charCodeAt(i + 1);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10)) return null;
  return text.slice(pos, end);
}

/** [A-Za-z0-9_.-] */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45
  );
}

/** Whether the character after a column-0 `-` makes it a sequence item (`- x`, `-` alone) rather than a key `-x`. */
function isItemDash(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return Number.isNaN(c) || c === 32 || c === 10 || c === 13;
}

function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * A block that is `key:` over a block sequence (`steps:`, `parameters:`) is cut once more, into its items, so an edit
 * of one step re-parses only that step. Only when every line at or left of the items' dash column starts an item (or
 * is blank or a comment); otherwise the caller parses the block whole.
 */
function parseSequenceBlock(text: string, parseItem: (text: string) => Parsed): Parsed {
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0 || !/^[^:]*:[ \t]*(#.*)?\r?$/.test(text.slice(0, firstEnd))) return null;
  const parts: string[] = [];
  let dash = -1;
  let start = -1;
  let pos = firstEnd + 1;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const next = end < 0 ? text.length : end + 1;
    let indent = pos;
    while (text.charCodeAt(indent) === 32) indent++;
    const c = text.charCodeAt(indent);
    const blank = indent >= next || c === 10 || c === 13 || c === 35; /* # */
    if (!blank) {
      const col = indent - pos;
      if (dash < 0) {
        if (c !== 45 /* - */ || !isItemDash(text, indent + 1)) return null;
        dash = col;
      }
      if (col === dash && c === 45 && isItemDash(text, indent + 1)) {
        if (start >= 0) parts.push(text.slice(start, pos));
        start = pos;
      } else if (col <= dash) {
        return null;
      }
    }
    pos = next;
  }
  if (start < 0) return null;
  parts.push(text.slice(start));
  const value: unknown[] = [];
  for (const part of parts) {
    const item = parseItem(part);
    if (!item) return null;
    value.push(item.value);
  }
  return { value: Object.freeze(value) };
}

/** js-yaml's value of a piece, or a marker that it does not parse. */
function load(text: string): unknown {
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return FAILED;
  }
}
const FAILED = Symbol('does not parse');

function parseOneItem(text: string): Parsed {
  const parsed = load(text);
  if (!Array.isArray(parsed) || parsed.length !== 1) return null;
  return { value: deepFreeze(parsed[0]) };
}

function parseOne(text: string, key: string): Parsed {
  const parsed = load(text);
  if (parsed === FAILED || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return null;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== key) return null;
  return { value: deepFreeze((parsed as Record<string, unknown>)[key]) };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
