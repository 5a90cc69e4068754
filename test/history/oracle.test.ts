import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from '../helpers/cli.js';
import { generateOracleRepo, type OracleRepoStats } from './oracle-repo.js';

/**
 * An independent oracle for the history engine: the expected events of a large generated history are computed from
 * plain `git rev-list` / `git log` / `git cat-file` output with code that shares nothing with src/history (its own
 * YAML reading through `yaml`, its own diff over flat keys, its own first-parent walk), then compared with what
 * `opsledger audit --json` says, definition by definition.
 */

const COMMITS = 2000;
const SEED = 14;

interface Person {
  name: string;
  email: string;
}
type Value = Record<string, unknown>;

/** What the oracle checks of one event. */
interface Projection {
  action: string;
  version: number;
  commit: string;
  path: string;
  user: Person;
  pull_request: number | null;
  /** update: pointer → [old, new]; create/delete: the object's flat keys. */
  changes: Record<string, unknown>;
}

let dir: string;
let stats: OracleRepoStats;
const git = (...args: string[]): string =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, LC_ALL: 'C' },
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'opsledger-oracle-'));
  git('init', '-q', '-b', 'main');
  stats = generateOracleRepo(dir, { commits: COMMITS, seed: SEED });
  git('checkout', '-q', 'main');
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Only the top-level keys that hold a scalar or a list: the flat part of a definition. */
function flat(value: Value): Value {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v === null || typeof v !== 'object' || Array.isArray(v)),
  );
}

/** Same JSON, whatever the key order. */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1)))
        : x,
    );
  return norm(a) === norm(b);
}

/** The oracle's own diff: every top-level key whose value differs, `/key: [old, new]`, null for an absent side. */
function diffFlat(before: Value, after: Value): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) out[`/${key}`] = [before[key] ?? null, after[key] ?? null];
  }
  return out;
}

/** Blob contents by sha, from one `git cat-file --batch`. */
function readBlobs(shas: string[]): Map<string, string> {
  const result = spawnSync('git', ['cat-file', '--batch'], {
    cwd: dir,
    input: `${shas.join('\n')}\n`,
    maxBuffer: 1 << 28,
  });
  const buf = result.stdout;
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    const [sha, , size] = buf.subarray(at, nl).toString('latin1').split(' ');
    const n = Number(size);
    blobs.set(sha!, buf.subarray(nl + 1, nl + 1 + n).toString('utf8'));
    at = nl + 1 + n + 1;
  }
  return blobs;
}

interface ChainCommit {
  sha: string;
  parents: string[];
  author: Person;
  subject: string;
  changes: { path: string; blob: string | null }[];
}

/** The first-parent chain, oldest first, each commit with its raw diff against its first parent. */
function readChain(): ChainCommit[] {
  const order = git('rev-list', '--first-parent', '--reverse', 'main').trim().split('\n');
  const text = git(
    'log',
    '--first-parent',
    '-m',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '--format=%x01%H%x02%P%x02%an%x02%ae%x02%s',
    'main',
  );
  const bySha = new Map<string, ChainCommit>();
  for (const chunk of text.split('\x01').slice(1)) {
    const [head, ...rest] = chunk.split('\n');
    const [sha, parents, name, email, subject] = head!.split('\x02');
    const changes = rest
      .filter((l) => l.startsWith(':'))
      .map((l) => {
        const [meta, file] = l.split('\t');
        const fields = meta!.split(' ');
        return { path: file!, blob: fields[4] === 'D' ? null : fields[3]! };
      });
    bySha.set(sha!, {
      sha: sha!,
      parents: parents!.split(' ').filter(Boolean),
      author: { name: name!, email: email! },
      subject: subject!,
      changes,
    });
  }
  return order.map((sha) => bySha.get(sha)!);
}

/** For a merge: the commits it brought in, newest first, with the author and the paths each touched. */
function sideCommits(merge: ChainCommit): { author: Person; paths: Set<string> }[] {
  const text = git(
    'log',
    '--no-renames',
    '--name-only',
    '--format=%x01%an%x02%ae',
    `${merge.parents[0]}..${merge.parents[1]}`,
  );
  return text
    .split('\x01')
    .slice(1)
    .map((chunk) => {
      const [head, ...files] = chunk.split('\n');
      const [name, email] = head!.split('\x02');
      return { author: { name: name!, email: email! }, paths: new Set(files.filter(Boolean)) };
    });
}

function pullRequestOf(subject: string): number | null {
  const merge = /^Merge pull request #(\d+) /.exec(subject);
  const squash = /\(#(\d+)\)$/.exec(subject);
  return merge ? Number(merge[1]) : squash ? Number(squash[1]) : null;
}

/** The expected events per `Type:id`, computed from git alone, and how many a merge credits to a side author. */
function expectedEvents(): { events: Map<string, Projection[]>; sideCredited: number } {
  let sideCredited = 0;
  const chain = readChain();
  const blobs = readBlobs([
    ...new Set(chain.flatMap((c) => c.changes.map((ch) => ch.blob)).filter((b): b is string => !!b)),
  ]);
  const holder = new Map<string, string>(); // path → Type:id
  const content = new Map<string, Value>(); // path → parsed value
  const objects = new Map<string, { version: number; live: boolean; path: string; value: Value }>();
  const events = new Map<string, Projection[]>();
  for (const commit of chain) {
    const touched = new Set<string>();
    for (const change of commit.changes) {
      const type = change.path.startsWith('definitions/actions/') ? 'Action' : 'Role';
      const old = holder.get(change.path);
      if (old) touched.add(old);
      if (change.blob === null) {
        holder.delete(change.path);
        content.delete(change.path);
        continue;
      }
      const value = parse(blobs.get(change.blob)!) as Value;
      const key = `${type}:${String(value.id)}`;
      holder.set(change.path, key);
      content.set(change.path, value);
      touched.add(key);
    }
    const sides = commit.parents.length > 1 ? sideCommits(commit) : null;
    for (const key of touched) {
      const at = [...holder.entries()].find(([, k]) => k === key)?.[0] ?? null;
      const before = objects.get(key);
      const paths = [before?.path, at].filter((p): p is string => !!p);
      const user = sides
        ? (sides.find((s) => paths.some((p) => s.paths.has(p)))?.author ?? commit.author)
        : commit.author;
      if (sides && user !== commit.author) sideCredited += 1;
      const base = { commit: commit.sha, user, pull_request: pullRequestOf(commit.subject) };
      const push = (p: Projection) => {
        let list = events.get(key);
        if (!list) events.set(key, (list = []));
        list.push(p);
      };
      if (at === null) {
        if (!before?.live) continue;
        before.version += 1;
        before.live = false;
        push({
          ...base,
          action: 'delete',
          version: before.version,
          path: before.path,
          changes: flat(before.value),
        });
        continue;
      }
      const value = content.get(at)!;
      if (!before?.live) {
        const version = (before?.version ?? 0) + 1;
        objects.set(key, { version, live: true, path: at, value });
        push({ ...base, action: 'create', version, path: at, changes: flat(value) });
        continue;
      }
      const changes: Record<string, unknown> = diffFlat(before.value, value);
      if (before.path !== at) changes['/__path'] = [before.path, at];
      if (Object.keys(changes).length === 0) {
        before.value = value;
        continue;
      }
      before.version += 1;
      before.path = at;
      before.value = value;
      push({ ...base, action: 'update', version: before.version, path: at, changes });
    }
  }
  return { events, sideCredited };
}

describe('the history engine against an independent oracle', () => {
  it('#14 oracle: every event of a 2,000-commit history agrees with what plain git says', () => {
    expect(stats.commits).toBe(COMMITS);
    expect(stats.merges).toBeGreaterThan(50);
    expect(stats.squashes).toBeGreaterThan(50);
    // The audit of 2,000 commits is megabytes of JSON: more than runCli's default buffer.
    const r = spawnSync(
      process.execPath,
      [BIN, '--repo', dir, '--data-dir', path.join(dir, '.data'), '--json', 'audit'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const entries = JSON.parse(r.stdout) as (Projection & {
      action: string;
      auditable_type: string;
      auditable_id: string;
      audited_changes: Record<string, unknown>;
    })[];
    expect(entries.filter((e) => e.action === 'invalid')).toEqual([]);
    const actual = new Map<string, Projection[]>();
    for (const e of entries) {
      const key = `${e.auditable_type}:${e.auditable_id}`;
      let list = actual.get(key);
      if (!list) actual.set(key, (list = []));
      list.push({
        action: e.action,
        version: e.version,
        commit: e.commit,
        path: e.path,
        user: { name: e.user.name, email: e.user.email },
        pull_request: e.pull_request,
        changes: e.action === 'update' ? e.audited_changes : flat(e.audited_changes),
      });
    }
    const { events: expected, sideCredited } = expectedEvents();
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    let checked = 0;
    for (const [key, list] of expected) {
      expect({ key, events: actual.get(key) }).toEqual({ key, events: list });
      expect(list.map((e) => e.version)).toEqual(list.map((_, i) => i + 1));
      checked += list.length;
    }
    // The generated history exercises every kind of change the oracle knows.
    const all = [...expected.values()].flat();
    expect(checked).toBeGreaterThan(2000);
    expect(all.some((e) => e.action === 'delete')).toBe(true);
    expect(all.some((e) => e.action === 'create' && e.version > 1)).toBe(true);
    expect(all.some((e) => '/__path' in e.changes)).toBe(true);
    expect(sideCredited).toBeGreaterThan(50);
  }, 120_000);
});
