/** A commit as far as ancestry goes. */
interface Node {
  sha: string;
  parents: string[];
}

/**
 * For each merge on the first-parent chain (oldest first), the commits it brought in: reachable from its other
 * parents but from no earlier first-parent commit (pure). `others` holds the log's commits off the chain (everything
 * reachable from the tip and not from the index's previous tip), so commits outside it were merged before.
 * Order: as found walking back from the merged parents.
 */
export function collectSideCommits(
  chain: readonly Node[],
  others: ReadonlyMap<string, Node>,
): Map<string, string[]> {
  const seen = new Set<string>();
  const sides = new Map<string, string[]>();
  for (const commit of chain) {
    if (commit.parents.length < 2) continue;
    const side: string[] = [];
    const stack = commit.parents.slice(1).reverse();
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha)) continue;
      const c = others.get(sha);
      if (!c) continue;
      seen.add(sha);
      side.push(sha);
      for (let i = c.parents.length - 1; i >= 0; i--) stack.push(c.parents[i]!);
    }
    sides.set(commit.sha, side);
  }
  return sides;
}
