import { closeSync, fstatSync, openSync } from 'node:fs';
import { linesBackwards } from '../state/lines-backwards.js';
import type { JournalMark } from './outbox.js';
import { parseOutboxLine } from './outbox-line.js';

interface LastMark {
  mark: JournalMark;
  eventIdsAfter: ReadonlySet<string>;
}

/** What was last found per outbox file, and the size of the file then. */
const known = new Map<string, { ino: number; size: number; found: LastMark | null }>();

/**
 * The last journal mark in an outbox file (null when it has none) and the ids of the events after it, read from the
 * end backwards: only the lines written since the last look are read (the file only grows; another file, e.g. a
 * restored one, is read again).
 */
export function findLastMark(file: string): Promise<LastMark | null> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(null);
    throw err;
  }
  try {
    const { ino, size } = fstatSync(fd);
    const before = known.get(file);
    const seen = before && before.ino === ino && before.size <= size ? before : null;
    const ids: string[] = [];
    let mark: JournalMark | null = null;
    let bytes = 0;
    for (const line of linesBackwards(fd, size)) {
      bytes += line.length + 1;
      if (seen && bytes > size - seen.size) break;
      const parsed = parseOutboxLine(line);
      if (parsed && 'mark' in parsed) {
        mark = parsed.mark;
        break;
      }
      if (parsed) ids.push(parsed.event.id);
    }
    let found: LastMark | null = mark ? { mark, eventIdsAfter: new Set(ids) } : null;
    if (!mark && seen?.found) {
      found = { mark: seen.found.mark, eventIdsAfter: new Set([...seen.found.eventIdsAfter, ...ids]) };
    }
    known.set(file, { ino, size, found });
    return Promise.resolve(found);
  } finally {
    closeSync(fd);
  }
}
