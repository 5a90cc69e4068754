import { describe, expect, it } from 'vitest';
import {
  attribute,
  createFoldState,
  foldCommit,
  type FoldCommit,
  type FoldContext,
  type ParsedBlob,
} from '../../src/history/fold-history.js';
import { parseCommitMessage } from '../../src/history/parse-commit-message.js';

const ALICE = { name: 'Alice', email: 'alice@example.com' };
const BOB = { name: 'Bob', email: 'bob@example.com' };

/** A fake parser: blob ids name values directly, so a test reads as the states it folds. */
function fakeContext(blobs: Record<string, ParsedBlob>, versions: Record<string, string> = {}): FoldContext {
  return {
    definitionsDir: 'definitions',
    parse: (_kind, blob) => blobs[blob]!,
    sideValue: (_kind, blob) => {
      const parsed = blobs[blob];
      return parsed?.ok ? parsed.value : null;
    },
    versionCommit: (id, version) => versions[`${id}@v${version}`] ?? null,
  };
}

let seq = 0;
function commit(changes: FoldCommit['changes'], extra: Partial<FoldCommit> = {}): FoldCommit {
  seq += 1;
  return {
    seq,
    sha: `c${seq}`.padEnd(40, '0'),
    createdAt: `2026-01-0${Math.min(seq, 9)}T10:00:00+00:00`,
    author: ALICE,
    committer: ALICE,
    facts: parseCommitMessage(extra.facts?.subject ?? `commit ${seq}`),
    revertsCommit: null,
    side: null,
    schema: 'shipped',
    changes,
    ...extra,
  };
}

const P = 'definitions/actions/a.yaml';
const action = (timeout: number, id = 'a'): ParsedBlob => ({
  ok: true,
  value: { id, name: 'A', owner: 'o@x.io', status: 'draft', script: { shell: 'sh', inline: 'x' }, timeout },
  findings: [],
});

describe('foldCommit', () => {
  it('folds create, update, no-op and delete with versions and state records', () => {
    const ctx = fakeContext({ b1: action(1), b2: action(2), b3: action(2) });
    const state = createFoldState();
    const outs = [
      foldCommit(state, commit([{ path: P, oldBlob: null, newBlob: 'b1' }]), ctx),
      foldCommit(state, commit([{ path: P, oldBlob: 'b1', newBlob: 'b2' }]), ctx),
      foldCommit(state, commit([{ path: P, oldBlob: 'b2', newBlob: 'b3' }]), ctx),
      foldCommit(state, commit([{ path: P, oldBlob: 'b3', newBlob: null }]), ctx),
    ];
    expect(outs.map((o) => o.events.map((e) => [e.action, e.version]))).toEqual([
      [['create', 1]],
      [['update', 2]],
      [],
      [['delete', 3]],
    ]);
    expect(outs[1]!.events[0]!.audited_changes).toEqual({ '/timeout': [1, 2] });
    // The no-op commit still records the new blob, so the latest state names the committed file.
    expect(outs[2]!.states.map((s) => [s.version, s.blob])).toEqual([[2, 'b3']]);
    expect(outs[3]!.states.map((s) => [s.version, s.blob])).toEqual([[3, null]]);
    expect(state.objects['action:a']).toMatchObject({ live: false, version: 3 });
  });

  it('#14.1 a version that does not parse is an event with its parse error and no content; the next diffs against the last parsed', () => {
    const yamlError = {
      code: 'yaml',
      file: P,
      line: 2,
      col: 1,
      message: 'bad indentation',
      hint: 'fix it',
      severity: 'error' as const,
    };
    const ctx = fakeContext({
      b1: action(1),
      bad: { ok: false, id: null, findings: [yamlError] },
      b2: action(5),
    });
    const state = createFoldState();
    foldCommit(state, commit([{ path: P, oldBlob: null, newBlob: 'b1' }]), ctx);
    const broken = foldCommit(state, commit([{ path: P, oldBlob: 'b1', newBlob: 'bad' }]), ctx);
    expect(
      broken.events.map((e) => [e.action, e.version, e.valid, e.problems, e.audited_changes, e.blob]),
    ).toEqual([['update', 2, false, [{ code: 'yaml', pointer: '', message: 'bad indentation' }], {}, 'bad']]);
    expect(broken.states.map((s) => [s.version, s.blob, s.value])).toEqual([[2, 'bad', null]]);
    expect(broken.invalid.map((i) => [i.auditable_id, i.path])).toEqual([['a', P]]);
    const fixed = foldCommit(state, commit([{ path: P, oldBlob: 'bad', newBlob: 'b2' }]), ctx);
    expect(fixed.events[0]).toMatchObject({
      action: 'update',
      version: 3,
      valid: true,
      problems: [],
      audited_changes: { '/timeout': [1, 5] },
    });
  });

  it('#14.1 a schema-invalid version is an event and a version, with its problems', () => {
    const schemaError = {
      code: 'schema',
      file: P,
      line: 7,
      col: 1,
      message: 'must be <= 100',
      hint: 'fix it',
      pointer: '/timeout',
      severity: 'error' as const,
    };
    const ctx = fakeContext({ b1: action(1), b2: { ...action(500), findings: [schemaError] } });
    const state = createFoldState();
    foldCommit(state, commit([{ path: P, oldBlob: null, newBlob: 'b1' }]), ctx);
    const out = foldCommit(state, commit([{ path: P, oldBlob: 'b1', newBlob: 'b2' }]), ctx);
    expect(out.events[0]).toMatchObject({
      action: 'update',
      version: 2,
      valid: false,
      problems: [{ code: 'schema', pointer: '/timeout', message: 'must be <= 100' }],
      audited_changes: { '/timeout': [1, 500] },
    });
    expect(out.states[0]!.value).toMatchObject({ timeout: 500 });
  });

  it('reports a script file that the log does not follow, so the driver can fold again', () => {
    const withFile: ParsedBlob = {
      ok: true,
      findings: [],
      value: {
        id: 'a',
        name: 'A',
        owner: 'o@x.io',
        status: 'draft',
        script: { shell: 'sh', file: './s/run.sh' },
      },
    };
    const out = foldCommit(
      createFoldState(),
      commit([{ path: P, oldBlob: null, newBlob: 'f' }]),
      fakeContext({ f: withFile }),
    );
    expect(out.missingScripts).toEqual(['s/run.sh']);
  });

  it('#14.7 Reverts-Audit restores version N and undoes the version current before it', () => {
    const first = commit([{ path: P, oldBlob: null, newBlob: 'b1' }]);
    const ctx = fakeContext({ b1: action(1), b2: action(2), b3: action(1) }, { 'a@v1': first.sha });
    const state = createFoldState();
    foldCommit(state, first, ctx);
    const second = commit([{ path: P, oldBlob: 'b1', newBlob: 'b2' }]);
    foldCommit(state, second, ctx);
    const revert = commit([{ path: P, oldBlob: 'b2', newBlob: 'b3' }], {
      facts: parseCommitMessage('Revert a\n\nReverts-Audit: a@v1'),
    });
    expect(foldCommit(state, revert, ctx).events[0]).toMatchObject({
      version: 3,
      revert_of: second.sha,
      restores: { version: 1, commit: first.sha },
    });
  });
});

describe('attribute', () => {
  it('names the author of a direct commit, with co-authors', () => {
    const c = commit([], { facts: parseCommitMessage(`x\n\nCo-authored-by: Bob <${BOB.email}>`) });
    expect(attribute(c, [P])).toEqual({ user: ALICE, authors: [ALICE, { name: 'Bob', email: BOB.email }] });
  });

  it('names the newest merged commit that touched the paths, falling back to the merger', () => {
    const carol = { name: 'Carol', email: 'carol@example.com' };
    const merge = commit([], {
      side: [
        {
          sha: 's3',
          author: carol,
          committedAt: '2026-01-03',
          coAuthors: [],
          paths: ['docs/x.md'],
          changes: [],
        },
        { sha: 's2', author: BOB, committedAt: '2026-01-02', coAuthors: [], paths: [P], changes: [] },
        { sha: 's1', author: carol, committedAt: '2026-01-01', coAuthors: [ALICE], paths: [P], changes: [] },
      ],
    });
    expect(attribute(merge, [P])).toEqual({ user: BOB, authors: [BOB, carol, ALICE] });
    expect(attribute(merge, ['definitions/roles/r.yaml']).user).toEqual(ALICE);
  });
});
