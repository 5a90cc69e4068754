import { readCommitFiles, type CommitFiles } from '../git/read-commit-files.js';
import type { CatFileBatch } from '../git/cat-file-batch.js';
import type { GraphCommit } from '../git/read-commit-graph.js';
import type { LogCommit } from '../git/read-first-parent-log.js';
import type { FoldCommit, SideCommit } from './fold-types.js';
import { parseCommitMessage } from './parse-commit-message.js';

/**
 * Author, message and paths of every commit the merges in `log` brought in (one git process), added to `known`.
 * Needs only the log and the graph, so the caller starts it while blobs are still being parsed.
 */
export async function readSideCommits(
  repo: string,
  log: readonly LogCommit[],
  sides: Map<string, string[]>,
  known: Map<string, CommitFiles> = new Map(),
): Promise<Map<string, CommitFiles>> {
  const wanted = log
    .filter((c) => c.parents.length > 1)
    .flatMap((c) => sides.get(c.sha) ?? [])
    .filter((sha) => !known.has(sha));
  for (const c of await readCommitFiles(repo, wanted)) known.set(c.sha, c);
  return known;
}

/** Attach seq, message facts and (for merges) the commits each merge brought in. */
export async function toFoldCommits(
  log: readonly LogCommit[],
  chain: readonly GraphCommit[],
  sides: Map<string, string[]>,
  known: Map<string, CommitFiles>,
  batch: CatFileBatch,
  repo: string,
  baseSeq: number,
): Promise<FoldCommit[]> {
  const seqOf = new Map(chain.map((c, i) => [c.sha, baseSeq + i + 1]));
  // Merges that only a later, wider log shows (script files) need their side commits read too.
  const sideInfo = await readSideCommits(repo, log, sides, known);
  const out: FoldCommit[] = [];
  for (const c of log) {
    const facts = parseCommitMessage(c.message);
    let side: SideCommit[] | null = null;
    if (c.parents.length > 1) {
      side = (sides.get(c.sha) ?? [])
        .map((sha) => sideInfo.get(sha))
        .filter((s) => s !== undefined)
        .map((s) => ({
          sha: s.sha,
          author: { name: s.author.name, email: s.author.email },
          committedAt: s.committedAt,
          coAuthors: parseCommitMessage(s.message).coAuthors,
          paths: s.paths,
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
