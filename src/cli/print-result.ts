// How commands print what they did: one JSON document with --json, else text for a person.
import { EXIT } from '../errors/opsledger-error.js';
import type { CliContext } from './context.js';
import { renderTable } from './output.js';

type Printer = Pick<CliContext, 'json' | 'out'>;

/** The value as JSON with --json, else the text `render` makes of it, on stdout. Returns EXIT.ok. */
export function printResult<T>(ctx: Printer, value: T, render: (value: T) => string): number {
  if (ctx.json) ctx.out.json(value);
  else ctx.out.line(render(value));
  return EXIT.ok;
}

/** A list: the rows as JSON with --json; else `empty` on stderr when there are none, or an aligned table. */
export function printList<T>(
  ctx: Printer,
  rows: readonly T[],
  list: { empty: string; header: readonly string[]; row: (item: T) => string[] },
): number {
  if (ctx.json) ctx.out.json(rows);
  else if (rows.length === 0) ctx.out.info(list.empty);
  else ctx.out.line(renderTable([list.header, ...rows.map(list.row)]));
  return EXIT.ok;
}

/** An ISO time as `2026-01-31 12:00` (minute) or `2026-01-31 12:00:00` (second); `-` when there is none. */
export function shortTime(iso: string | null | undefined, to: 'minute' | 'second' = 'second'): string {
  return iso ? iso.slice(0, to === 'minute' ? 16 : 19).replace('T', ' ') : '-';
}
