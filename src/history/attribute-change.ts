import { uniqueUsers } from './parse-commit-message.js';
import type { FoldCommit } from './fold-types.js';
import type { AuditUser } from './types.js';

/**
 * Who made a change: the author of a direct commit; for a merge, the author of the newest merged commit that touched
 * one of the definition's paths (falling back to the merge's author), plus every contributing author and co-author.
 */
export function attribute(
  commit: FoldCommit,
  paths: readonly string[],
): { user: AuditUser; authors: AuditUser[] } {
  const own = commit.facts.coAuthors;
  if (!commit.side) return { user: commit.author, authors: uniqueUsers([commit.author, ...own]) };
  const touching = commit.side.filter((s) => s.paths.some((p) => paths.includes(p)));
  const user = touching[0]?.author ?? commit.author;
  return {
    user,
    authors: uniqueUsers([
      user,
      ...touching.map((s) => s.author),
      ...touching.flatMap((s) => s.coAuthors),
      ...own,
    ]),
  };
}
