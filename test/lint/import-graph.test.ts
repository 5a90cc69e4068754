import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The import graph of src/ read from the sources themselves, at full depth: every relative import, `import type` and
 * `import()` included (lint's import-x/no-cycle stops at a depth and skips type-only edges; a type-only cycle still
 * ties two modules together). Complements test/lint/layers.test.ts.
 */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts')) files.push(rel);
    }
  };
  walk('src');
  const known = new Set(files);
  const IMPORT = /\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;
  return new Map(
    files.map((f) => {
      const targets = [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(IMPORT)]
        .map((m) => path.posix.join(path.posix.dirname(f), m[1]!).replace(/\.js$/, '.ts'))
        .filter((t) => known.has(t));
      return [f, [...new Set(targets)]];
    }),
  );
}

/** The strongly connected components with more than one module (Tarjan): each is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The layer of a top-level folder of src/ (docs/architecture.md): an import may point only to a layer ≤ its own. */
function layerOf(file: string): number {
  const folder = file.split('/')[1]!;
  if (folder === 'errors' || folder === 'package') return 0;
  if (folder === 'git' || folder === 'state') return 1;
  if (folder === 'cli' || folder === 'server') return 3;
  return 2;
}

describe('#15.4 the import graph of src/', () => {
  const graph = importGraph();

  it('#15.4 has no cycle at any depth, type-only and dynamic imports included', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
    // The finder finds: a made-up three-module ring is one cycle.
    const ring = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(ring)).toEqual([['a', 'b', 'c']]);
  });

  it('#15.4 has no upward import, and the server never imports the CLI', () => {
    const upward = [...graph].flatMap(([from, targets]) =>
      targets
        .filter(
          (to) =>
            layerOf(to) > layerOf(from) || (from.startsWith('src/server/') && to.startsWith('src/cli/')),
        )
        .map((to) => `${from} → ${to}`),
    );
    expect(upward).toEqual([]);
  });
});
