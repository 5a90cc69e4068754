import { splitNul, streamGit } from './stream-git.js';

export interface GraphCommit {
  sha: string;
  parents: string[];
  /** Committer date, ISO 8601 with offset. */
  committedAt: string;
}

/**
 * Every commit reachable from `tip` but not from `base` (all parents, not only the first), with parents and
 * committer date, newest first in git's default order. Cheap: no diffs, one `git log` process.
 */
export async function readCommitGraph(
  dir: string,
  options: { tip: string; base?: string | null },
): Promise<GraphCommit[]> {
  const args = [
    'log',
    '-z',
    '--format=%H %cI %P',
    options.tip,
    ...(options.base ? [`^${options.base}`] : []),
  ];
  const commits: GraphCommit[] = [];
  for await (const token of splitNul(streamGit(dir, args))) {
    const line = token.trim();
    if (line === '') continue;
    const [sha = '', committedAt = '', ...parents] = line.split(' ');
    commits.push({ sha, committedAt, parents: parents.filter((p) => p !== '') });
  }
  return commits;
}

/**
 * The first-parent chain of `tip` inside `graph` (which holds everything reachable from tip and not from base),
 * oldest first. Stops where the chain leaves the graph; `joinsBase` tells whether it left exactly at `base`,
 * i.e. whether the branch grew from base by fast-forward (false means it was rewritten).
 */
export function firstParentChain(
  graph: readonly GraphCommit[],
  tip: string,
  base: string | null,
): { chain: GraphCommit[]; joinsBase: boolean } {
  const bySha = new Map(graph.map((c) => [c.sha, c]));
  const chain: GraphCommit[] = [];
  let at: GraphCommit | undefined = bySha.get(tip);
  let last: GraphCommit | undefined;
  while (at) {
    chain.push(at);
    last = at;
    const parent = at.parents[0];
    at = parent === undefined ? undefined : bySha.get(parent);
  }
  chain.reverse();
  const exitParent = last?.parents[0] ?? null;
  return { chain, joinsBase: base === null ? exitParent === null : exitParent === base };
}
