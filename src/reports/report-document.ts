/**
 * The block structure every page is written in once; renderMarkdown and renderHtml turn it into their format.
 * Pages never contain markup, only text, so escaping happens in exactly one place per format.
 */

/** A page of the report, by its path without extension (`index`, `actions/restart-web`). */
export type PageId = string;

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral';

export type Inline =
  | string
  | { link: { page: PageId; anchor?: string } | { url: string }; text: string }
  | { code: string }
  | { strong: string }
  | { badge: string; tone: Tone }
  | { br: true };

export interface Column {
  label: string;
  /** Numbers align right and sort numerically. */
  numeric?: boolean;
  /** The first column of a row names it (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface Cell {
  content: Inline[];
  /** What the column sorts by when it differs from the text (ISO times, raw numbers). */
  sort?: string | number;
}

export type Chart =
  | {
      kind: 'weekly';
      title: string;
      weeks: { week: string; succeeded: number; failed: number; other: number }[];
    }
  | { kind: 'rates'; title: string; items: { label: string; rate: number | null; runs: number }[] }
  | { kind: 'histogram'; title: string; buckets: { label: string; count: number }[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'nav'; items: { page: PageId; text: string }[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'facts'; items: [string, Inline[]][] }
  | { type: 'table'; caption: string; columns: Column[]; rows: Cell[][]; empty: string }
  | { type: 'chart'; chart: Chart }
  | { type: 'code'; summary: string; text: string; language: string };

export interface PageDocument {
  id: PageId;
  title: string;
  blocks: Block[];
}

/** A table cell from inline content, with an optional sort key. */
export function cell(content: Inline | Inline[], sort?: string | number): Cell {
  const list = Array.isArray(content) ? content : [content];
  return sort === undefined ? { content: list } : { content: list, sort };
}

/** A numeric cell: the text as formatted, sorting by the raw number (null sorts first). */
export function num(text: string, value: number | null): Cell {
  return { content: [text], sort: value ?? -1 };
}

/** A link to another page of the report. */
export function pageLink(page: PageId, text: string, anchor?: string): Inline {
  return { link: anchor === undefined ? { page } : { page, anchor }, text };
}

/** The anchor id of a heading text: lower-case words joined by dashes. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

/**
 * Badge tones by meaning: succeeded (and a confirmed step) green, failed and timed out red, what did not go as planned
 * (cancelled, abandoned, denied, missed firings, rejected steps) amber, anything else (running, waiting, skipped,
 * pending) grey. The badge always shows its text too: colour is never the only cue.
 */
const TONES: ReadonlyMap<string, Tone> = new Map(
  Object.entries({
    succeeded: 'ok',
    released: 'ok',
    passed: 'ok',
    failed: 'bad',
    timed_out: 'bad',
    high: 'bad',
    cancelled: 'warn',
    abandoned: 'warn',
    denied: 'warn',
    missed: 'warn',
    rejected: 'warn',
    confirmed: 'ok',
    medium: 'warn',
    draft: 'warn',
  } satisfies Record<string, Tone>),
);

/** The tone of an execution status, definition status, verification result or severity badge. */
export function statusTone(status: string): Tone {
  return TONES.get(status) ?? 'neutral';
}

/** Text with `backtick` spans as code. */
export function richText(text: string): Inline[] {
  return text
    .split('`')
    .map((part, i): Inline => (i % 2 === 1 ? { code: part } : part))
    .filter((x) => x !== '');
}
