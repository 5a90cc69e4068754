/**
 * Issue 14, "append-only as a tested property": over generated histories built as real git repos, the audit with the
 * tracked branch at any first-parent commit C (built from scratch, and brought forward incrementally commit by
 * commit) is, byte for byte, the prefix of the audit at the tip; and each object's versions are 1, 2, 3, ... .
 * Fixed seed; on failure fast-check prints the seed and the history that broke it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NativeHistoryIndex } from '../../src/history/native-history-index.js';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import type { AuditEvent, InvalidEntry } from '../../src/history/types.js';
import { ALICE, BOB, CAROL, createTestRepo, gitAs, type Author, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, runbookYaml } from './fixtures.js';

const SEED = 1414;
const RUNS = 20;
const DAVE: Author = { name: 'Dave Deployer', email: 'dave@example.com' };
const PEOPLE = [ALICE, BOB, CAROL, DAVE];
const FILES = [
  'definitions/actions/f1.yaml',
  'definitions/actions/f2.yaml',
  'definitions/actions/f3.yaml',
  'definitions/actions/sub/f4.yaml',
];
const RUNBOOK = 'definitions/runbooks/r1.yaml';
const SCHEMA = 'definitions/schema/action.schema.json';
const IDS = ['a', 'b'];

/** What one file write puts there. */
type Content =
  | { kind: 'valid'; id: string; timeout: number; service: string }
  | { kind: 'invalid'; id: string }
  | { kind: 'broken' };

type Edit =
  | { op: 'write'; file: number; content: Content }
  | { op: 'delete'; file: number }
  | { op: 'rename'; from: number; to: number }
  | { op: 'runbook'; steps: string[]; when: string };

type Step =
  | { op: 'commit'; author: number; edit: Edit }
  | { op: 'schema'; maximum: number | null }
  | { op: 'mailmap' }
  | { op: 'config' }
  | { op: 'merge'; edits: { author: number; edit: Edit }[]; merger: number; forge: number }
  | { op: 'squash'; author: number; coAuthor: number; edits: Edit[]; pr: number }
  | { op: 'git-revert' }
  | { op: 'audit-revert'; id: string; version: number; file: number; content: Content };

const content: fc.Arbitrary<Content> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      id: fc.constantFrom(...IDS),
      timeout: fc.constantFrom(50, 300, 700),
      service: fc.constantFrom('nginx', 'apache'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalid' as const), id: fc.constantFrom(...IDS) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'broken' as const }) },
);
const fileIndex = fc.nat({ max: FILES.length - 1 });
const person = fc.nat({ max: PEOPLE.length - 1 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('write' as const), file: fileIndex, content }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), file: fileIndex }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), from: fileIndex, to: fileIndex }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('runbook' as const),
      steps: fc.subarray(['s1', 's2', 's3']),
      when: fc.constantFrom('on_success', 'always'),
    }),
  },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('commit' as const), author: person, edit }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('schema' as const), maximum: fc.constantFrom(100, 1000, null) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'mailmap' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'config' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('merge' as const),
      edits: fc.array(fc.record({ author: person, edit }), { minLength: 1, maxLength: 3 }),
      merger: person,
      forge: fc.nat({ max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('squash' as const),
      author: person,
      coAuthor: person,
      edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
      pr: fc.integer({ min: 1, max: 999 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'git-revert' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('audit-revert' as const),
      id: fc.constantFrom(...IDS),
      version: fc.integer({ min: 1, max: 2 }),
      file: fileIndex,
      content,
    }),
  },
);

const MERGE_MESSAGES = [
  (n: number) => `Merge pull request #${n} from team/feature`,
  (n: number) => `Merge branch 'feature' into 'main'\n\nSee merge request ops/defs!${n}`,
  (n: number) => `Merged in feature (pull request #${n})`,
  (n: number) => `Merged PR ${n}: feature`,
  () => `Merge branch 'feature'`,
];

function textOf(c: Content): string {
  if (c.kind === 'broken') return 'id: a\n  broken: [\n';
  if (c.kind === 'invalid') return actionYaml({ id: c.id }).replace('timeout:', 'timout:');
  return actionYaml({ id: c.id, timeout: c.timeout, serviceDefault: c.service });
}

function schemaText(maximum: number): string {
  const shipped = JSON.parse(readFileSync(path.resolve('definitions/schema/action.schema.json'), 'utf8')) as {
    properties: { timeout: { maximum: number } };
  };
  shipped.properties.timeout.maximum = maximum;
  return JSON.stringify(shipped);
}

/** The files an edit writes (null deletes) and renames, given which files exist now. */
function applyEdit(
  e: Edit,
  exists: Set<string>,
): { files: Record<string, string | null>; renames: Record<string, string> } {
  const files: Record<string, string | null> = {};
  const renames: Record<string, string> = {};
  if (e.op === 'write') {
    files[FILES[e.file]!] = textOf(e.content);
    exists.add(FILES[e.file]!);
  } else if (e.op === 'delete') {
    if (exists.delete(FILES[e.file]!)) files[FILES[e.file]!] = null;
  } else if (e.op === 'rename') {
    const from = FILES[e.from]!;
    const to = FILES[e.to]!;
    if (from !== to && exists.has(from) && !exists.has(to)) {
      renames[from] = to;
      exists.delete(from);
      exists.add(to);
    }
  } else {
    files[RUNBOOK] = runbookYaml(
      e.steps.map((id) => ({ id, when: e.when })),
      'r1',
    );
  }
  return { files, renames };
}

/** Build the history on `main`; returns nothing (the repo is the result). */
async function build(repo: TestRepo, steps: Step[]): Promise<void> {
  const exists = new Set<string>();
  await repo.commit({ message: 'start', files: { 'README.md': 'start\n' } });
  let n = 0;
  for (const s of steps) {
    n++;
    if (s.op === 'commit') {
      await repo.commit({ message: `change ${n}`, author: PEOPLE[s.author]!, ...applyEdit(s.edit, exists) });
    } else if (s.op === 'schema') {
      const files = { [SCHEMA]: s.maximum === null ? null : schemaText(s.maximum) };
      await repo.commit({ message: `schema ${n}`, files });
    } else if (s.op === 'mailmap') {
      await repo.commit({
        message: 'mailmap',
        files: { '.mailmap': `Bob B <bob@corp.example> <${BOB.email}>\n` },
      });
    } else if (s.op === 'config') {
      await repo.commit({ message: 'config', files: { 'opsledger.yaml': `branch: main\n# ${n}\n` } });
    } else if (s.op === 'squash') {
      const files: Record<string, string | null> = {};
      // One commit: its writes and deletes (a rename inside a squash is left out).
      for (const e of s.edits) if (e.op !== 'rename') Object.assign(files, applyEdit(e, exists).files);
      const co = PEOPLE[s.coAuthor]!;
      await repo.commit({
        message: `Squashed change (#${s.pr})\n\nCo-authored-by: ${co.name} <${co.email}>`,
        author: PEOPLE[s.author]!,
        files,
      });
    } else if (s.op === 'merge') {
      repo.git('checkout', '-q', '-b', `feature-${n}`);
      const sideExists = new Set(exists);
      for (const e of s.edits) {
        await repo.commit({
          message: `side ${n}`,
          author: PEOPLE[e.author]!,
          ...applyEdit(e.edit, sideExists),
        });
      }
      repo.git('checkout', '-q', 'main');
      await repo.commit({ message: `main ${n}`, files: { 'README.md': `main ${n}\n` } });
      gitAs(repo, PEOPLE[s.merger]!, [
        'merge',
        '--no-ff',
        '-q',
        `feature-${n}`,
        '-m',
        MERGE_MESSAGES[s.forge]!(n),
      ]);
      exists.clear();
      sideExists.forEach((f) => exists.add(f));
    } else if (s.op === 'git-revert') {
      const isMerge = repo.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ').length > 2;
      try {
        gitAs(repo, PEOPLE[n % PEOPLE.length]!, [
          'revert',
          '--no-edit',
          ...(isMerge ? ['-m', '1'] : []),
          'HEAD',
        ]);
      } catch {
        // Nothing to revert (an empty commit): leave the tree as it is.
        try {
          repo.git('revert', '--abort');
        } catch {
          // no revert in progress
        }
      }
      exists.clear();
      for (const f of [...FILES]) {
        if (repo.git('ls-files', f).trim() !== '') exists.add(f);
      }
    } else {
      await repo.commit({
        message: `Revert action ${s.id} to version ${s.version}\n\nReverts-Audit: ${s.id}@v${s.version}`,
        ...applyEdit({ op: 'write', file: s.file, content: s.content }, exists),
      });
    }
  }
}

/** The audit as `audit --json` serialises it: events, then invalid entries. */
function audit(index: NativeHistoryIndex): { events: AuditEvent[]; invalid: InvalidEntry[] } {
  return { events: index.events(), invalid: index.invalid() };
}

function prefixOf(
  full: { events: AuditEvent[]; invalid: InvalidEntry[] },
  commits: Set<string>,
): { events: AuditEvent[]; invalid: InvalidEntry[] } {
  return {
    events: full.events.filter((e) => commits.has(e.commit)),
    invalid: full.invalid.filter((e) => commits.has(e.commit)),
  };
}

describe('#14.2 append-only history (property)', () => {
  it('#14.2 the audit at every first-parent commit is the prefix of the audit at the tip; versions have no gap', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 12 }), async (steps) => {
        const repo = await createTestRepo();
        try {
          await build(repo, steps);
          const chain = repo.git('rev-list', '--first-parent', '--reverse', 'main').trim().split('\n');
          const tip = await openHistoryIndex({
            repo: repo.dir,
            dataDir: path.join(repo.dir, '.o/tip'),
            branch: 'main',
          });
          const full = audit(tip);
          // Versions of each object: 1, 2, 3, ... in order.
          const versions = new Map<string, number[]>();
          for (const e of full.events) {
            const key = `${e.auditable_type}:${e.auditable_id}`;
            versions.set(key, [...(versions.get(key) ?? []), e.version]);
          }
          for (const [key, list] of versions) {
            expect({ key, list }).toEqual({ key, list: list.map((_, i) => i + 1) });
          }
          // Incrementally, commit by commit; and from scratch at a few prefixes.
          repo.git('branch', 'at', chain[0]!);
          const moving = await openHistoryIndex({
            repo: repo.dir,
            dataDir: path.join(repo.dir, '.o/moving'),
            branch: 'at',
          });
          const seen = new Set<string>();
          for (let i = 0; i < chain.length; i++) {
            seen.add(chain[i]!);
            repo.git('branch', '-f', 'at', chain[i]!);
            await moving.refresh();
            const expected = JSON.stringify(prefixOf(full, seen));
            expect(JSON.stringify(audit(moving))).toBe(expected);
            if (i % 4 === 3 || i === chain.length - 2) {
              const fresh = await openHistoryIndex({
                repo: repo.dir,
                dataDir: path.join(repo.dir, `.o/fresh-${i}`),
                branch: 'at',
              });
              expect(JSON.stringify(audit(fresh))).toBe(expected);
            }
          }
          checked++;
        } finally {
          await repo.cleanup();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, verbose: 1 },
    );
    expect(checked).toBe(RUNS);
  }, 400_000); // ~25 s on a quiet 2-core machine; generous for a loaded one
});
