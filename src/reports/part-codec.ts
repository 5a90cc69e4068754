import { asciiJson } from './ascii-json.js';
import { findingDigest, findingText, type Kept } from './finding-catalog.js';
import type { ComplianceFinding } from './report-model.js';
import type { ActionPart, HistoryPart, RunbookPart } from './model-parts.js';

export type StoredPart = ActionPart | RunbookPart | HistoryPart;

/**
 * A kept part of the report model as its file stores it (docs/reports.md, *Incremental reports*): what every report
 * that keeps the part reads as one JSON document, the *skeleton*; what only its page shows, as JSON texts after it,
 * each parsed on first use; and the action's durations as numbers.
 *
 *   skeleton JSON | "\n" | deferred JSON texts, back to back | Float64 × durations (little-endian)
 *
 * all ASCII but the last (asciiJson: read back as latin1, a byte per character). Deferred: an action's changes, latest
 * runs, change outcomes and versions, a runbook's changes and latest step runs (DEFERRED), and the text of each kept
 * finding, once however many buckets hold it (a report merges every part's findings by time and shows only the newest
 * few; the skeleton keeps each one's time and its text's digest, which stands for it in page digests). A report with
 * every part kept parsed 18 MB of JSON at 500,000 runs, most of it never used: the lazily read fields stay where they
 * were in the object (the skeleton holds null there), so the part reads, compares and serializes as the one written.
 */
interface Skeleton {
  part: object;
  /** Each deferred field: its path in the part, where its text starts in the deferred section, its length. */
  deferred: [string[], number, number][];
  /** The part's findings (action and history parts), each finding's text deferred (KeptItem). */
  findings?: {
    kinds: [string, number, KeptItem[]][];
    subjects: [string, string, number, KeptItem[]][];
    cuts?: [string, number][];
  };
  /** How many durations follow the deferred texts (an action part's `overview.durations`). */
  durations?: number;
}

/** A kept finding in the skeleton: its time, where its text is in the deferred section, its text's digest. */
type KeptItem = [ms: number, start: number, length: number, digest: string];

/** The fields deferred, by the part's kind (its one top-level object): what only the part's own page shows. */
const DEFERRED: Record<string, readonly string[]> = {
  report: ['changes', 'recent', 'outcomes', 'versions'],
  runbook: ['changes', 'recent'],
};

/** A part as its file's body, in pieces (hashed and written one after the other, never joined). */
export function encodePart(part: StoredPart): Uint8Array[] {
  const texts: string[] = [];
  let length = 0;
  // A value still unread from the part it came from is given as the text it was read from (the same bytes).
  const defer = (text: string): [number, number] => {
    texts.push(text);
    length += text.length;
    return [length - text.length, text.length];
  };
  const skeleton: Skeleton = { part: { ...part }, deferred: [] };
  const top = skeleton.part as Record<string, Record<string, unknown>>;
  for (const [kind, fields] of Object.entries(DEFERRED)) {
    const section = top[kind];
    if (section === undefined) continue;
    // Copied key by key, not spread: spreading would read (parse) the deferred fields of a part read back.
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(section)) copy[key] = fields.includes(key) ? null : section[key];
    for (const field of fields)
      if (field in section)
        skeleton.deferred.push([
          [kind, field],
          ...defer(unreadText(section, field) ?? asciiJson(section[field])),
        ]);
    top[kind] = copy;
  }
  let durations: Float64Array | null = null;
  if ('findings' in part && 'kinds' in part.findings) {
    const { kinds, subjects, cuts } = part.findings;
    // A finding in several buckets (its kind's, its subjects') is one object: its text is written once, each bucket
    // pointing at it, and read back as one object again.
    const at = new Map<Kept, [number, number]>();
    const items = (list: readonly Kept[]) =>
      list.map((k): KeptItem => {
        let range = at.get(k);
        if (!range) at.set(k, (range = defer(findingText(k))));
        return [k.ms, ...range, findingDigest(k)];
      });
    skeleton.findings = {
      kinds: kinds.map(([kind, b]) => [kind, b.total, items(b.items)]),
      subjects: subjects.map(([type, id, b]) => [type, id, b.total, items(b.items)]),
      ...(cuts ? { cuts } : {}),
    };
    top.findings = null as never;
  }
  if ('overview' in part) {
    durations = Float64Array.from(part.overview.durations);
    skeleton.durations = durations.length;
    top.overview = { ...part.overview, durations: null };
  }
  const pieces: Uint8Array[] = [
    Buffer.from(`${asciiJson(skeleton)}\n`, 'latin1'),
    Buffer.from(texts.join(''), 'latin1'),
  ];
  if (durations) pieces.push(new Uint8Array(durations.buffer, durations.byteOffset, durations.byteLength));
  return pieces;
}

/**
 * A part's file body (the bytes after its header line) to decode from: in memory, or read from the file as asked for
 * (part-file.ts). `text` and `bytes` are given ranges within `length`.
 */
export interface PartBody {
  length: number;
  /** The skeleton's JSON text (up to the body's first newline), or null when the body has no newline. */
  skeleton: string | null;
  /** Bytes `[from, to)` as latin1 text (each byte a character). */
  text(from: number, to: number): string;
  /** Bytes `[from, to)`, valid until the next read (copy them out). */
  bytes(from: number, to: number): Uint8Array;
}

/** A body held in memory whole. */
function bodyInMemory(body: Buffer): PartBody {
  const nl = body.indexOf(10);
  return {
    length: body.length,
    skeleton: nl < 0 ? null : body.toString('latin1', 0, nl),
    text: (from, to) => body.toString('latin1', from, to),
    bytes: (from, to) => body.subarray(from, to),
  };
}

/**
 * A part back from its file's body (checked against its checksum before, or vouched for by a stamp). Throws when the
 * body is not a part of this layout (a bound out of range, a field missing). The deferred fields parse their text
 * when first read, reading it from `body` then.
 */
export function decodePart(from: Buffer | PartBody): StoredPart {
  const body = Buffer.isBuffer(from) ? bodyInMemory(from) : from;
  if (body.skeleton === null) fail();
  const skeleton = JSON.parse(body.skeleton) as Skeleton;
  const { part, deferred } = skeleton;
  if (typeof part !== 'object' || part === null || !Array.isArray(deferred)) fail();
  const base = body.skeleton.length + 1;
  const count = skeleton.durations ?? 0;
  if (!Number.isInteger(count) || count < 0) fail();
  const textsEnd = body.length - 8 * count;
  if (textsEnd < base) fail();
  /** Where a deferred text is in the body; throws when it is not within the texts. */
  const at = (start: number, length: number): [number, number] => {
    const from = base + start;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(length) ||
      start < 0 ||
      length < 0 ||
      from + length > textsEnd
    )
      fail();
    return [from, from + length];
  };
  for (const [path, start, length] of deferred) {
    const owner = (part as Record<string, unknown>)[path[0]!];
    if (path.length !== 2 || typeof owner !== 'object' || owner === null || !(path[1]! in owner)) fail();
    const [from, to] = at(start, length);
    lazy(owner, path[1]!, () => body.text(from, to));
  }
  const top = part as Record<string, unknown>;
  if (skeleton.findings) {
    const read = new Map<number, DeferredFinding>();
    const items = (list: KeptItem[]) =>
      list.map(([ms, start, length, digest]) => {
        const [from, to] = at(start, length);
        if (typeof digest !== 'string' || !/^#[0-9a-f]{32}$/.test(digest)) fail();
        let k = read.get(from);
        // One text is one finding (its buckets share it, as when written); ranges that overlap otherwise are refused.
        if (k && (k.ms !== ms || k.to !== to || k.textDigest() !== digest)) fail();
        if (!k) read.set(from, (k = new DeferredFinding(ms, body, from, to, digest)));
        return k;
      });
    const { kinds, subjects, cuts } = skeleton.findings;
    top.findings = {
      kinds: kinds.map(([kind, total, list]) => [kind, { total, items: items(list) }]),
      subjects: subjects.map(([type, id, total, list]) => [type, id, { total, items: items(list) }]),
      ...(cuts ? { cuts } : {}),
    };
  }
  if (skeleton.durations !== undefined) {
    const overview = top.overview as Record<string, unknown> | undefined;
    if (typeof overview !== 'object' || overview === null) fail();
    const durations = new Float64Array(count);
    new Uint8Array(durations.buffer).set(body.bytes(textsEnd, body.length));
    overview.durations = durations;
  }
  return part as StoredPart;
}

/**
 * `target[key]` read from `read()` the first time it is asked for (then kept), in the place the key already has in
 * the object. Copies made with its property descriptors share the value.
 */
function lazy(target: object, key: string, text: () => string): void {
  let value: unknown;
  let done = false;
  const settle = () => {
    done = true;
    unread.get(target)?.delete(key);
  };
  let texts = unread.get(target);
  if (!texts) unread.set(target, (texts = new Map()));
  texts.set(key, text);
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = JSON.parse(text());
        settle();
      }
      return value;
    },
    set(v: unknown) {
      value = v;
      settle();
    },
  });
}

/**
 * A kept finding read back: its time at hand, its text parsed when first read (most are never shown). Serializes as
 * the plain `{ ms, finding }` it was written from.
 */
class DeferredFinding implements Kept {
  #body: PartBody | null;
  #finding: ComplianceFinding | null = null;

  constructor(
    readonly ms: number,
    body: PartBody,
    private readonly from: number,
    readonly to: number,
    private readonly digest: string,
  ) {
    this.#body = body;
  }

  get finding(): ComplianceFinding {
    if (this.#body) {
      this.#finding = JSON.parse(this.#body.text(this.from, this.to)) as ComplianceFinding;
      this.#body = null;
    }
    return this.#finding!;
  }

  /** The text the finding would be parsed from, while it is still unread. */
  unreadText(): string | undefined {
    return this.#body?.text(this.from, this.to);
  }

  /** The digest of its text, kept beside it in the part file (findingDigest). */
  textDigest(): string {
    return this.digest;
  }

  toJSON(): { ms: number; finding: ComplianceFinding } {
    return { ms: this.ms, finding: this.finding };
  }
}

/** The texts of the deferred fields not read (nor set) yet, per object read back. */
const unread = new WeakMap<object, Map<string, () => string>>();

/** The text `target[key]` would be parsed from, while it is still unread. */
function unreadText(target: object, key: string): string | undefined {
  return unread.get(target)?.get(key)?.();
}

function fail(): never {
  throw new Error('not a part of the report model');
}
