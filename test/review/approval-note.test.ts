import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVALS_NOTES_REF,
  parseApprovalNote,
  parseApprovalNoteText,
  readApprovalNotes,
  writeApprovalNote,
  type ApprovalNote,
} from '../../src/review/approval-note.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

function note(number: number, head = 'a'.repeat(40)): ApprovalNote {
  return {
    version: 1,
    pull_request: {
      number,
      url: `https://github.com/o/r/pull/${number}`,
      head_sha: head,
      base_ref: 'main',
      authors: ['bob'],
    },
    approvals: [
      {
        reviewer_login: 'carol',
        email: 'carol@example.com',
        state: 'APPROVED',
        commit_id: head,
        submitted_at: '2026-01-05T10:00:00Z',
      },
    ],
    recorded_at: '2026-01-05T11:00:00Z',
  };
}

let repo: TestRepo;
let commits: string[];

beforeAll(async () => {
  repo = await createTestRepo([{ message: 'one' }, { message: 'two' }, { message: 'three' }]);
  commits = repo.git('rev-list', '--reverse', 'main').trim().split('\n');
});
afterAll(async () => {
  await repo.cleanup();
});

describe('#18 approval note', () => {
  it('reads nothing when no note was ever recorded', async () => {
    const notes = await readApprovalNotes(repo.dir);
    expect(notes.byCommit.size).toBe(0);
    expect(notes.invalid).toEqual([]);
  });

  it('writes a note under refs/notes/opsledger/approvals, one JSON line, and reads it back', async () => {
    await writeApprovalNote(repo.dir, commits[0]!, note(1));
    expect(repo.git('notes', '--ref', APPROVALS_NOTES_REF, 'show', commits[0]!).trim()).toBe(
      JSON.stringify(note(1)),
    );
    const notes = await readApprovalNotes(repo.dir);
    expect(notes.byCommit.get(commits[0]!)).toEqual([note(1)]);
  });

  it('is append-safe: a second recording keeps the first', async () => {
    await writeApprovalNote(repo.dir, commits[0]!, note(2));
    expect((await readApprovalNotes(repo.dir)).byCommit.get(commits[0]!)).toEqual([note(1), note(2)]);
  });

  it('reports a damaged note with its commit instead of failing, and refuses to write a bad one', async () => {
    repo.git('notes', '--ref', APPROVALS_NOTES_REF, 'add', '-m', '{"version":2}', commits[1]!);
    const notes = await readApprovalNotes(repo.dir);
    expect(notes.invalid).toEqual([{ commit: commits[1]!, message: 'approval note: unknown version 2' }]);
    const bad = { ...note(3), approvals: [{ reviewer_login: 'x' }] } as unknown as ApprovalNote;
    await expect(writeApprovalNote(repo.dir, commits[2]!, bad)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    expect(() => parseApprovalNote('not json')).toThrow(/not JSON/);
  });

  it('property: whatever notes are appended to whichever commits, each commit reads back its notes in order', async () => {
    const fresh = await createTestRepo([{ message: 'a' }, { message: 'b' }]);
    try {
      const shas = fresh.git('rev-list', '--reverse', 'main').trim().split('\n');
      const login = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
      const arbNote = fc.record({
        version: fc.constant(1 as const),
        pull_request: fc.record({
          number: fc.integer({ min: 1, max: 9999 }),
          url: fc.webUrl(),
          head_sha: fc.stringMatching(/^[0-9a-f]{40}$/),
          base_ref: fc.constantFrom('main', 'release/1'),
          authors: fc.array(login, { maxLength: 3 }),
        }),
        approvals: fc.array(
          fc.record({
            reviewer_login: login,
            email: fc.option(fc.emailAddress(), { nil: null }),
            state: fc.constantFrom('APPROVED', 'CHANGES_REQUESTED', 'DISMISSED', 'COMMENTED' as const),
            commit_id: fc.stringMatching(/^[0-9a-f]{40}$/),
            submitted_at: fc.constant('2026-01-05T10:00:00Z'),
          }),
          { maxLength: 3 },
        ),
        recorded_at: fc.constant('2026-01-05T11:00:00Z'),
      }) as fc.Arbitrary<ApprovalNote>;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: 1 }), arbNote), { minLength: 1, maxLength: 4 }),
          async (writes) => {
            fresh.git('update-ref', '-d', APPROVALS_NOTES_REF);
            for (const [i, n] of writes) await writeApprovalNote(fresh.dir, shas[i]!, n);
            const read = await readApprovalNotes(fresh.dir);
            for (const [i] of writes) {
              expect(read.byCommit.get(shas[i]!)).toEqual(writes.filter(([j]) => j === i).map(([, n]) => n));
            }
            expect(read.invalid).toEqual([]);
          },
        ),
        { numRuns: 15 },
      );
    } finally {
      await fresh.cleanup();
    }
  });

  it('writers racing for the notes ref all get their note in (none is lost to the ref lock)', async () => {
    const fresh = await createTestRepo([{ message: 'a' }, { message: 'b' }]);
    try {
      const shas = fresh.git('rev-list', '--reverse', 'main').trim().split('\n');
      const writes = Array.from({ length: 6 }, (_, i) => [shas[i % 2]!, note(10 + i)] as const);
      await Promise.all(
        writes.map(([sha, n]) =>
          writeApprovalNote(fresh.dir, sha, n, { name: 'opsledger', email: 'bot@example.com' }),
        ),
      );
      const read = await readApprovalNotes(fresh.dir);
      const numbers = [...read.byCommit.values()].flat().map((n) => n.pull_request.number);
      expect(numbers.sort()).toEqual([10, 11, 12, 13, 14, 15]);
      expect(fresh.git('log', '-1', '--format=%an <%ae>', APPROVALS_NOTES_REF).trim()).toBe(
        'opsledger <bot@example.com>',
      );
    } finally {
      await fresh.cleanup();
    }
  });

  it('parses each line of an appended note text as one document', () => {
    const text = `${JSON.stringify(note(1))}\n\n${JSON.stringify(note(2))}\n`;
    expect(parseApprovalNoteText(text).map((n) => n.pull_request.number)).toEqual([1, 2]);
  });
});
