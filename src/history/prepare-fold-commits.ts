import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { LogCommit } from '../git/read-branch-log.js';
import type { FoldCommit, SideCommit } from './fold-types.js';
import { parseCommitMessage } from './parse-commit-message.js';

/**
 * Attach seq, message facts, the schemas in force and (for merges) the commits each merge brought in, from the same
 * log: `sides` names them per merge, `others` holds them (with their changes of paths that `matter`).
 */
export async function toFoldCommits(
  log: readonly LogCommit[],
  seqOf: ReadonlyMap<string, number>,
  sides: ReadonlyMap<string, string[]>,
  others: ReadonlyMap<string, LogCommit>,
  batch: CatFileBatch,
  schemaOf: (sha: string) => string,
  matters: (path: string) => boolean,
): Promise<FoldCommit[]> {
  const out: FoldCommit[] = [];
  for (const c of log) {
    const facts = parseCommitMessage(c.message);
    let side: SideCommit[] | null = null;
    if (c.parents.length > 1) {
      side = (sides.get(c.sha) ?? [])
        .map((sha) => others.get(sha))
        .filter((s) => s !== undefined)
        .map((s) => ({
          sha: s.sha,
          author: { name: s.author.name, email: s.author.email },
          committedAt: s.committer.date,
          coAuthors: parseCommitMessage(s.message).coAuthors,
          // A merge inside the side branch touched nothing itself (its first-parent diff is what it merged).
          paths: s.parents.length > 1 ? [] : s.changes.map((ch) => ch.path),
          changes: s.parents.length > 1 ? [] : s.changes.filter((ch) => matters(ch.path)),
        }))
        // newest first; a stable sort keeps walk order for equal dates
        .sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
    }
    out.push({
      seq: seqOf.get(c.sha) ?? 0,
      sha: c.sha,
      createdAt: c.committer.date,
      author: { name: c.author.name, email: c.author.email },
      committer: { name: c.committer.name, email: c.committer.email },
      facts,
      revertsCommit: await resolveCommit(batch, facts.revertsCommit),
      side,
      schema: schemaOf(c.sha),
      changes: c.changes,
    });
  }
  return out;
}

export async function resolveCommit(batch: CatFileBatch, name: string | null): Promise<string | null> {
  if (!name) return null;
  if (/^[0-9a-f]{40}$/.test(name)) return name;
  const obj = await batch.read(`${name}^{commit}`);
  return obj?.oid ?? name;
}
