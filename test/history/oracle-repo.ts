import { spawnSync } from 'node:child_process';

/**
 * The generator of the oracle test's repo (test/history/oracle.test.ts): a seeded random history of flat action and
 * role files written with `git fast-import` — direct commits, squashes with co-authors, merged pull requests whose
 * side commits come from several authors, creates, field edits, comment-only edits, moves, id changes, deletes and
 * re-creates. Ids stay unique at every commit and every file is valid: what the oracle checks is who changed what.
 */

interface Person {
  name: string;
  email: string;
}

export const PEOPLE: Person[] = [
  { name: 'Alice Admin', email: 'alice@example.com' },
  { name: 'Bob Builder', email: 'bob@example.com' },
  { name: 'Carol Checker', email: 'carol@example.com' },
  { name: 'Dave Deployer', email: 'dave@example.com' },
  { name: 'Zoë Ünal', email: 'zoe@example.com' },
];

type Kind = 'action' | 'role';
type Value = Record<string, unknown>;

interface Def {
  kind: Kind;
  value: Value;
  comment: string | null;
}

/** path → definition: the tree of one commit (only definition files). */
type Tree = Map<string, Def>;

const STATUSES = ['draft', 'approved', 'released', 'deprecated'];
const TARGETS = ['web-01', 'web-02', 'db-01', 'db-02', 'cache-01'];
const PERMISSIONS = [
  'definitions:modify',
  'definitions:approve',
  'actions:execute',
  'audit:read',
  'reports:read',
];
const FOLDERS = ['a', 'b', 'c'];

/** mulberry32: a small seeded generator, so the repo is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One definition file as flat YAML: scalars and flow lists at the top level (and an action's constant script). */
function render(def: Def): string {
  const lines: string[] = [];
  if (def.comment) lines.push(`# ${def.comment}`);
  for (const [key, value] of Object.entries(def.value)) {
    if (Array.isArray(value)) lines.push(`${key}: [${value.join(', ')}]`);
    else if (value !== null && typeof value === 'object') {
      lines.push(`${key}:`);
      for (const [k, v] of Object.entries(value)) lines.push(`  ${k}: ${String(v)}`);
    } else lines.push(`${key}: ${String(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface OracleRepoStats {
  commits: number;
  firstParent: number;
  merges: number;
  squashes: number;
}

/** Write the history into the (empty, initialised) repo at `dir`; branch `main`. */
export function generateOracleRepo(dir: string, options: { commits: number; seed: number }): OracleRepoStats {
  const rand = seeded(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const subset = <T>(list: readonly T[], min: number): T[] => {
    const out = list.filter(() => rand() < 0.5);
    while (out.length < min) {
      const x = pick(list);
      if (!out.includes(x)) out.push(x);
    }
    return list.filter((x) => out.includes(x));
  };
  const ever: Record<Kind, Set<string>> = { action: new Set(), role: new Set() };
  let counter = 0;
  let mark = 0;
  let clock = Date.parse('2026-01-05T09:00:00Z') / 1000;
  let pr = 100;
  const out: string[] = [];
  const stats: OracleRepoStats = { commits: 0, firstParent: 0, merges: 0, squashes: 0 };

  const newValue = (kind: Kind, id: string): Value =>
    kind === 'action'
      ? {
          id,
          name: `Action ${id} r0`,
          owner: pick(PEOPLE).email,
          status: pick(STATUSES),
          timeout: 30 + Math.floor(rand() * 600),
          targets: subset(TARGETS, 1),
          script: { shell: 'bash', inline: 'echo ok' },
        }
      : {
          id,
          description: `Role ${id} r0`,
          members: subset(PEOPLE, 1).map((p) => p.email),
          permissions: subset(PERMISSIONS, 1),
        };

  const edit = (def: Def): Def => {
    const value = { ...def.value };
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (def.kind === 'action') {
        if (r < 0.2) value.name = `Action ${String(value.id)} r${++counter}`;
        else if (r < 0.4) value.status = pick(STATUSES);
        else if (r < 0.6) value.timeout = 30 + Math.floor(rand() * 600);
        else if (r < 0.75) value.targets = subset(TARGETS, 1);
        else if (r < 0.85) value.owner = pick(PEOPLE).email;
        else if (value.description === undefined) value.description = `Does thing ${++counter}`;
        else delete value.description;
      } else if (r < 0.4) value.members = subset(PEOPLE, 1).map((p) => p.email);
      else if (r < 0.8) value.permissions = subset(PERMISSIONS, 1);
      else value.description = `Role ${String(value.id)} r${++counter}`;
    }
    return { ...def, value };
  };

  /** Apply one random operation to `tree` (in place), avoiding the paths and ids in `busy`. */
  const operate = (tree: Tree, busy: Set<string>): void => {
    const live = [...tree.entries()].filter(
      ([p, d]) => !busy.has(p) && !busy.has(`${d.kind}:${String(d.value.id)}`),
    );
    const liveIds = new Set([...tree.values()].map((d) => `${d.kind}:${String(d.value.id)}`));
    const freeId = (kind: Kind): string => {
      const gone = [...ever[kind]].filter(
        (id) => !liveIds.has(`${kind}:${id}`) && !busy.has(`${kind}:${id}`),
      );
      if (gone.length > 0 && rand() < 0.3) return pick(gone);
      return `${kind === 'action' ? 'act' : 'role'}-${++counter}`;
    };
    const freePath = (kind: Kind, id: string): string => {
      for (;;) {
        const p = `definitions/${kind}s/${pick(FOLDERS)}/${id}${rand() < 0.5 ? '' : `-${++counter}`}.yaml`;
        if (!tree.has(p) && !busy.has(p)) return p;
      }
    };
    const claim = (...keys: string[]) => keys.forEach((k) => busy.add(k));
    const r = rand();
    if (live.length < 12 || r < 0.14) {
      const kind: Kind = rand() < 0.8 ? 'action' : 'role';
      const id = freeId(kind);
      const p = freePath(kind, id);
      ever[kind].add(id);
      tree.set(p, { kind, value: newValue(kind, id), comment: null });
      claim(p, `${kind}:${id}`);
      return;
    }
    const [p, def] = pick(live);
    const key = `${def.kind}:${String(def.value.id)}`;
    claim(p, key);
    if (r < 0.6) tree.set(p, edit(def));
    else if (r < 0.7) tree.set(p, { ...def, comment: `note ${++counter}` });
    else if (r < 0.8) {
      const to = freePath(def.kind, String(def.value.id));
      tree.delete(p);
      tree.set(to, rand() < 0.5 ? edit(def) : def);
      claim(to);
    } else if (r < 0.88) {
      const id = freeId(def.kind);
      ever[def.kind].add(id);
      tree.set(p, { ...def, value: { ...def.value, id } });
      claim(`${def.kind}:${id}`);
    } else if (live.length > 20) tree.delete(p);
    else tree.set(p, edit(def));
  };

  const diff = (from: Tree, to: Tree): string[] => {
    const ops: string[] = [];
    for (const p of from.keys()) if (!to.has(p)) ops.push(`D ${p}`);
    for (const [p, def] of to) {
      const text = render(def);
      const before = from.get(p);
      if (before && render(before) === text) continue;
      ops.push(`M 100644 inline ${p}`, `data ${Buffer.byteLength(text)}`, text);
    }
    return ops;
  };

  const commit = (
    ref: string,
    author: Person,
    committer: Person,
    message: string,
    parents: number[],
    ops: string[],
  ): number => {
    clock += 3600;
    mark += 1;
    stats.commits += 1;
    out.push(
      `commit ${ref}`,
      `mark :${mark}`,
      `author ${author.name} <${author.email}> ${clock} +0000`,
      `committer ${committer.name} <${committer.email}> ${clock} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
    );
    if (parents[0] !== undefined) out.push(`from :${parents[0]}`);
    for (const p of parents.slice(1)) out.push(`merge :${p}`);
    out.push(...ops, '');
    return mark;
  };

  let main: Tree = new Map();
  let head = 0;
  const first: Tree = new Map();
  const busy = new Set<string>();
  for (let i = 0; i < 24; i++) operate(first, busy);
  head = commit(
    'refs/heads/main',
    PEOPLE[0]!,
    PEOPLE[0]!,
    'Add the first definitions',
    [],
    diff(main, first),
  );
  main = first;
  stats.firstParent += 1;
  while (stats.commits < options.commits) {
    const r = rand();
    const author = pick(PEOPLE);
    if (r < 0.1 && stats.commits + 4 <= options.commits) {
      let side = new Map(main);
      let sideHead = head;
      const taken = new Set<string>();
      const n = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) {
        const next = new Map(side);
        for (let j = 0, k = 1 + Math.floor(rand() * 2); j < k; j++) operate(next, taken);
        const who = pick(PEOPLE);
        sideHead = commit(
          `refs/heads/feature-${pr}`,
          who,
          who,
          `Work on feature ${pr} part ${i + 1}`,
          [sideHead],
          diff(side, next),
        );
        side = next;
      }
      const merger = pick(PEOPLE);
      head = commit(
        'refs/heads/main',
        merger,
        merger,
        `Merge pull request #${pr} from team/feature-${pr}\n\nFeature ${pr}\n`,
        [head, sideHead],
        diff(main, side),
      );
      main = side;
      stats.merges += 1;
      pr += 1;
    } else {
      const next = new Map(main);
      const taken = new Set<string>();
      for (let j = 0, k = 1 + Math.floor(rand() * 3); j < k; j++) operate(next, taken);
      let message = `Edit definitions, change ${stats.commits}\n`;
      if (r < 0.2) {
        const co = pick(PEOPLE.filter((p) => p !== author));
        message = `Tune definitions (#${pr})\n\nCo-authored-by: ${co.name} <${co.email}>\n`;
        stats.squashes += 1;
        pr += 1;
      }
      head = commit('refs/heads/main', author, author, message, [head], diff(main, next));
      main = next;
    }
    stats.firstParent += 1;
  }
  out.push('done', '');
  const result = spawnSync('git', ['fast-import', '--quiet', '--done'], { cwd: dir, input: out.join('\n') });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr.toString()}`);
  return stats;
}
