import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryIndex } from '../../src/history/open-history-index.js';
import type { AuditEvent } from '../../src/history/types.js';
import { APPROVALS_NOTES_REF, writeApprovalNote, type ApprovalNote } from '../../src/review/approval-note.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { actionYaml, ACTION_PATH, runbookYaml, RUNBOOK_PATH } from '../history/fixtures.js';

let repo: TestRepo;
let commits: string[];

beforeAll(async () => {
  repo = await createTestRepo([
    {
      message: 'create',
      files: { [ACTION_PATH]: actionYaml({ timeout: 1 }), [RUNBOOK_PATH]: runbookYaml([{ id: 'a' }]) },
    },
    ...[2, 3, 4, 5].map((t) => ({
      message: `timeout ${t}`,
      files: { [ACTION_PATH]: actionYaml({ timeout: t }) },
    })),
    { message: 'step', files: { [RUNBOOK_PATH]: runbookYaml([{ id: 'a', when: 'always' }]) } },
  ]);
  commits = repo.git('rev-list', '--reverse', 'main').trim().split('\n');
});
afterAll(async () => {
  await repo.cleanup();
});

const note = (n: number, head: string): ApprovalNote => ({
  version: 1,
  pull_request: {
    number: n,
    url: `https://example.test/pull/${n}`,
    head_sha: head,
    base_ref: 'main',
    authors: [],
  },
  approvals: [
    {
      reviewer_login: `r${n}`,
      email: null,
      state: 'APPROVED',
      commit_id: head,
      submitted_at: '2026-01-05T10:00:00Z',
    },
  ],
  recorded_at: '2026-01-05T10:00:00Z',
});

const strip = (events: AuditEvent[]) => events.map((e) => ({ ...e, approvals: null }));

describe('#18.3 property: approval notes are an overlay', () => {
  it('notes recorded in any order, between refreshes, never change another field; each shows on exactly its commit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: commits.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 5 }),
        async (writes) => {
          repo.git('update-ref', '-d', APPROVALS_NOTES_REF);
          const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-overlay-'));
          try {
            const index = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
            const baseline = index.events();
            expect(baseline.every((e) => e.approvals === null)).toBe(true);
            const noted = new Set<string>();
            for (const [i, refresh] of writes) {
              await writeApprovalNote(repo.dir, commits[i]!, note(i + 1, commits[i]!));
              noted.add(commits[i]!);
              if (!refresh) continue;
              await index.refresh();
              const events = index.events();
              expect(strip(events)).toEqual(baseline);
              for (const e of events) expect(e.approvals !== null).toBe(noted.has(e.commit));
            }
            const reopened = await openHistoryIndex({ repo: repo.dir, dataDir, branch: 'main' });
            expect(strip(reopened.events())).toEqual(baseline);
            for (const e of reopened.events()) expect(e.approvals !== null).toBe(noted.has(e.commit));
          } finally {
            await rm(dataDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 240_000);
});
