import { realpathSync } from 'node:fs';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';

/** An absolute path with symlinks resolved as far as it exists (the rest, not yet created, appended as given). */
function resolveReal(p: string): string {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Whether `inner` is `outer` or a path below it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(resolveReal(outer), resolveReal(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Refuse a data dir (journal, pseudonym vault, HMAC key) inside a folder that reports are written to or served from
 * (docs/reports.md): whatever lands there can end up in a commit or behind `GET /reports/`.
 */
export function assertDataDirOutside(dataDir: string, folder: string, what: string, repo: string): void {
  if (!isInside(dataDir, folder)) return;
  const show = (p: string): string => {
    const rel = path.relative(repo, p);
    return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
  };
  throw new OpsledgerError(
    'DATA_DIR_EXPOSED',
    `the data dir ${show(dataDir)} is inside ${what} ${show(folder)}; its journal, pseudonym vault and HMAC key would be published with the reports`,
  );
}
