/** Up to `max` known ids closest to `id` (edit distance, then shared prefix), for "did you mean" hints (pure). */
export function suggestIds(id: string, known: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3));
  return [...new Set(known)]
    .map((k) => ({ k, d: k.includes(id) || id.includes(k) ? 1 : distance(id, k) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
