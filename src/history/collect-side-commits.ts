import type { GraphCommit } from '../git/read-commit-graph.js';

/**
 * For each merge on the first-parent chain, the commits it brought in: reachable from its other parents but from
 * no earlier first-parent commit (pure). `graph` holds every commit reachable from the tip and not from the index's
 * previous tip, so commits outside it were merged before. Order: as found walking back from the merged parents.
 */
export function collectSideCommits(
  graph: readonly GraphCommit[],
  chain: readonly GraphCommit[],
): Map<string, string[]> {
  const bySha = new Map(graph.map((c) => [c.sha, c]));
  const seen = new Set<string>();
  const sides = new Map<string, string[]>();
  for (const commit of chain) {
    seen.add(commit.sha);
    if (commit.parents.length < 2) continue;
    const side: string[] = [];
    const stack = commit.parents.slice(1).reverse();
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha)) continue;
      const c = bySha.get(sha);
      if (!c) continue;
      seen.add(sha);
      side.push(sha);
      for (let i = c.parents.length - 1; i >= 0; i--) stack.push(c.parents[i]!);
    }
    sides.set(commit.sha, side);
  }
  return sides;
}
