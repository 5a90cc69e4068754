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
    changes,
    ...extra,
  };
}

const P = 'definitions/actions/a.yaml';
const action = (timeout: number, id = 'a'): ParsedBlob => ({
  ok: true,
  value: { id, name: 'A', owner: 'o@x.io', status: 'draft', script: { shell: 'sh', inline: 'x' }, timeout },
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

  it('keeps the last valid state through an invalid file', () => {
    const ctx = fakeContext({
      b1: action(1),
      bad: { ok: false, id: 'a', findings: [] },
      b2: action(5),
    });
    const state = createFoldState();
    foldCommit(state, commit([{ path: P, oldBlob: null, newBlob: 'b1' }]), ctx);
    const broken = foldCommit(state, commit([{ path: P, oldBlob: 'b1', newBlob: 'bad' }]), ctx);
    expect(broken.events).toEqual([]);
    expect(broken.invalid.map((i) => [i.auditable_id, i.path])).toEqual([['a', P]]);
    const fixed = foldCommit(state, commit([{ path: P, oldBlob: 'bad', newBlob: 'b2' }]), ctx);
    expect(fixed.events[0]).toMatchObject({
      action: 'update',
      version: 2,
      audited_changes: { '/timeout': [1, 5] },
    });
  });

  it('reports a script file that the log does not follow, so the driver can fold again', () => {
    const withFile: ParsedBlob = {
      ok: true,
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

  it('resolves Reverts-Audit to the commit of that version through the context', () => {
    const first = commit([{ path: P, oldBlob: null, newBlob: 'b1' }]);
    const ctx = fakeContext({ b1: action(1), b2: action(2), b3: action(1) }, { 'a@v1': first.sha });
    const state = createFoldState();
    foldCommit(state, first, ctx);
    foldCommit(state, commit([{ path: P, oldBlob: 'b1', newBlob: 'b2' }]), ctx);
    const revert = commit([{ path: P, oldBlob: 'b2', newBlob: 'b3' }], {
      facts: parseCommitMessage('Revert a\n\nReverts-Audit: a@v1'),
    });
    expect(foldCommit(state, revert, ctx).events[0]!.revert_of).toBe(first.sha);
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
        { sha: 's3', author: carol, committedAt: '2026-01-03', coAuthors: [], paths: ['docs/x.md'] },
        { sha: 's2', author: BOB, committedAt: '2026-01-02', coAuthors: [], paths: [P] },
        { sha: 's1', author: carol, committedAt: '2026-01-01', coAuthors: [ALICE], paths: [P] },
      ],
    });
    expect(attribute(merge, [P])).toEqual({ user: BOB, authors: [BOB, carol, ALICE] });
    expect(attribute(merge, ['definitions/roles/r.yaml']).user).toEqual(ALICE);
  });
});
