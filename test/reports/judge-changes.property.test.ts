import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/config/load-config.js';
import { fileKeyOf, type Permission, type Role } from '../../src/definitions/types.js';
import type { AuditEvent, AuditUser, EventApproval, InvalidEntry } from '../../src/history/types.js';
import { mergeTallies, tallyChangeActivity } from '../../src/reports/build-activity.js';
import { knownNames, modelContext } from '../../src/reports/build-report-model.js';
import { findApprovalFindings } from '../../src/reports/find-approval-findings.js';
import { findChangeFindings } from '../../src/reports/find-change-findings.js';
import {
  FindingCollector,
  trimCollected,
  type CollectedFindings,
} from '../../src/reports/finding-catalog.js';
import { digestBranch } from '../../src/reports/branch-digest.js';
import { judgeChanges, judgedEvent } from '../../src/reports/judge-changes.js';
import type { HistoryPart } from '../../src/reports/model-parts.js';
import type { FindingKind, ReportInput } from '../../src/reports/report-model.js';

/** Random histories of the tracked branch, judged whole and continued from a part kept for a prefix of them. */

const PEOPLE: AuditUser[] = ['ann', 'bob', 'cat', 'dan'].map((n) => ({
  name: `${n[0]!.toUpperCase()}${n.slice(1)} Doe`,
  email: `${n}@example.com`,
}));
const PERMS: Permission[] = ['definitions:modify', 'definitions:approve', 'admin', 'actions:execute'];
const STATUSES = ['draft', 'approved', 'released', 'deprecated'];
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

interface ChangeSpec {
  kind: 'action' | 'runbook' | 'step' | 'role';
  id: number;
  op: 'status' | 'tags' | 'describe' | 'delete';
  status: number;
  tags: string[];
  members: number[];
  permissions: Permission[];
}

interface CommitSpec {
  author: number;
  coauthor: number | null;
  committer: number;
  /** Days after the commit before (negative: back-dated, as a rebase can leave it). */
  days: number;
  pr: number | null;
  approvals: { by: number; state: number; stale: boolean }[] | null;
  changes: ChangeSpec[];
}

const changeArb: fc.Arbitrary<ChangeSpec> = fc.record({
  kind: fc.constantFrom(
    'action' as const,
    'action' as const,
    'runbook' as const,
    'step' as const,
    'role' as const,
  ),
  id: fc.nat(2),
  op: fc.constantFrom('status' as const, 'tags' as const, 'describe' as const, 'delete' as const),
  status: fc.nat(STATUSES.length - 1),
  tags: fc.subarray(['web', 'db']),
  members: fc.subarray([0, 1, 2, 3]),
  permissions: fc.subarray(PERMS),
});

const commitArb: fc.Arbitrary<CommitSpec> = fc.record({
  author: fc.nat(PEOPLE.length - 1),
  coauthor: fc.option(fc.nat(PEOPLE.length - 1)),
  committer: fc.nat(PEOPLE.length - 1),
  days: fc.integer({ min: -1, max: 3 }),
  pr: fc.option(fc.nat(40)),
  approvals: fc.option(
    fc.array(fc.record({ by: fc.nat(PEOPLE.length - 1), state: fc.nat(2), stale: fc.boolean() }), {
      maxLength: 2,
    }),
    { freq: 3 },
  ),
  changes: fc.array(changeArb, { minLength: 1, maxLength: 3 }),
});

interface Built {
  input: ReportInput;
  /** The time of the last commit (the report's `now` and the period's end). */
  last: string;
}

/** The report input of a history: its commits, audit events, invalid entries and the role files after each commit. */
function build(
  specs: readonly CommitSpec[],
  options: { since: string | null; until?: string; pseudonymize: boolean; invalidAt: ReadonlySet<number> },
): Built {
  const commits: { sha: string; created_at: string }[] = [];
  const events: AuditEvent[] = [];
  const invalid: InvalidEntry[] = [];
  const rolesAfter = new Map<string, Role[]>();
  const defs = new Map<string, { version: number; status: string; tags: string[] } | null>();
  const roles = new Map<string, Role>();
  let at = START;
  specs.forEach((spec, i) => {
    at += spec.days * DAY + 3_600_000;
    const sha = (i + 1).toString(16).padStart(40, 'a');
    const created_at = new Date(at).toISOString().replace('.000Z', 'Z');
    commits.push({ sha, created_at });
    const user = PEOPLE[spec.author]!;
    const authors = spec.coauthor === null ? [user] : [user, PEOPLE[spec.coauthor]!];
    const approvals: EventApproval[] | null =
      spec.approvals?.map((a, n) => ({
        reviewer_login: PEOPLE[a.by]!.name.split(' ')[0]!.toLowerCase(),
        email: PEOPLE[a.by]!.email,
        state: (['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED'] as const)[a.state]!,
        commit_id: a.stale ? 'f'.repeat(40) : sha,
        submitted_at: new Date(at - (n + 1) * 60_000).toISOString(),
        pull_request: spec.pr ?? 1,
        stale: a.stale,
        by_author: false,
      })) ?? null;
    const event = (
      type: AuditEvent['auditable_type'],
      id: string,
      action: AuditEvent['action'],
      version: number,
      changes: Record<string, unknown>,
    ): AuditEvent => ({
      id: `${type}:${id}:${version}`,
      auditable_type: type,
      auditable_id: id,
      action,
      version,
      audited_changes: changes,
      user,
      commit: sha,
      created_at,
      path: `definitions/${type}/${id}.yaml`,
      message: `Change by ${user.name} <${user.email}>`,
      pull_request: spec.pr,
      revert_of: null,
      blob: action === 'delete' ? null : `${sha.slice(0, 8)}${version}`,
      authors,
      committer: PEOPLE[spec.committer]!,
      valid: true,
      problems: [],
      changed_by: null,
      merged_by: null,
      restores: null,
      partial: false,
      forge: null,
      approvals,
    });
    for (const c of spec.changes) {
      if (c.kind === 'role') {
        const id = `role-${c.id}`;
        const value: Role = {
          id,
          members: c.members.map((m) => PEOPLE[m]!.email),
          permissions: c.permissions,
        };
        const old = roles.get(id);
        roles.set(id, value);
        events.push(
          old
            ? event('Role', id, 'update', 2, { '/members': [old.members, value.members] })
            : event('Role', id, 'create', 1, { ...value }),
        );
        continue;
      }
      const type = c.kind === 'action' ? 'Action' : c.kind === 'runbook' ? 'Runbook' : 'Runbook::Step';
      const id = c.kind === 'step' ? `runbook-${c.id}/step` : `${c.kind}-${c.id}`;
      const key = `${type}:${id}`;
      const state = defs.get(key) ?? null;
      const status = STATUSES[c.status]!;
      if (state === null) {
        defs.set(key, { version: 1, status, tags: c.tags });
        events.push(
          event(type, id, 'create', 1, {
            id,
            status,
            tags: c.tags,
            description: `Made in ${sha.slice(0, 6)}`,
          }),
        );
      } else if (c.op === 'delete') {
        defs.set(key, null);
        events.push(
          event(type, id, 'delete', state.version + 1, { id, status: state.status, tags: state.tags }),
        );
      } else {
        const version = state.version + 1;
        const changes: Record<string, unknown> =
          c.op === 'status'
            ? { '/status': [state.status, status] }
            : c.op === 'tags'
              ? { '/tags': [state.tags, c.tags] }
              : { '/description': ['before', `after ${sha.slice(0, 6)}`] };
        defs.set(key, {
          version,
          status: c.op === 'status' ? status : state.status,
          tags: c.op === 'tags' ? c.tags : state.tags,
        });
        events.push(event(type, id, 'update', version, changes));
      }
    }
    if (options.invalidAt.has(i)) {
      invalid.push({
        id: `invalid-${i}`,
        action: 'invalid',
        auditable_type: 'Role',
        auditable_id: 'role-9',
        path: 'definitions/roles/role-9.yaml',
        commit: sha,
        created_at,
        user,
        message: 'A broken role file',
        findings: [],
      });
    }
    rolesAfter.set(
      sha,
      [...roles.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });
  const last = new Date(Math.max(START, ...commits.map((c) => Date.parse(c.created_at)))).toISOString();
  const until = options.until ?? last;
  const input: ReportInput = {
    repo: { name: 'test', branch: 'main', tip: commits.at(-1)?.sha ?? null, web_url: null },
    events,
    invalid,
    commits,
    definitionsAt: (kind, commit) =>
      kind === 'role'
        ? (rolesAfter.get(commit) ?? []).map((value) => ({
            id: value.id,
            version: 1,
            commit,
            path: `definitions/roles/${value.id}.yaml`,
            value,
          }))
        : [],
    executions: [],
    resolveUser: (stored) => stored,
    rollups: [],
    verify: null,
    head: null,
    config: withDefaults({}),
    now: until,
    period: { since: options.since, until },
    pseudonymize: options.pseudonymize ? (email) => `person-${email.length}-${email[0]}` : null,
    // What the history index's identity stands for: the same exactly while its events, invalid entries and commits are.
    historyIdentity: createHash('sha256')
      .update(JSON.stringify([events, invalid, commits]))
      .digest('hex'),
    // Each record's: the same exactly while its events (with their approvals) are, as the index's checksums are.
    eventRecords: recordIdentities(events),
  };
  return { input, last };
}

/** The identity of each record of the history index the events come from: a digest of its events. */
function recordIdentities(events: readonly AuditEvent[]): Map<string, string> {
  const byRecord = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const key = fileKeyOf(e.auditable_type, e.auditable_id).join(':');
    byRecord.set(key, [...(byRecord.get(key) ?? []), e]);
  }
  return new Map(
    [...byRecord].map(([key, list]) => [
      key,
      createHash('sha256').update(JSON.stringify(list)).digest('hex'),
    ]),
  );
}

/** What the findings functions give over every change of the period, on the events as they are. */
function fromScratch(input: ReportInput): { findings: CollectedFindings; activity: HistoryPart['activity'] } {
  const ctx = modelContext(input);
  const own = new FindingCollector();
  findChangeFindings(ctx.events, ctx.pit, ctx.people, own);
  findApprovalFindings(ctx.eventsToUntil, ctx.events, ctx.pit, ctx.people, own);
  return { findings: own.collected(), activity: tallyChangeActivity(ctx.events, ctx.pit) };
}

/** Findings as a collector shows them: groups and per-definition findings (the lists' order carries no meaning). */
function shown(findings: CollectedFindings) {
  const c = new FindingCollector();
  c.merge(findings);
  const subjects = findings.subjects.map(([type, id]) => `${type}:${id}`).sort();
  return {
    exact: c.exact(),
    groups: c.groups(),
    about: subjects.map((s) => {
      const [type, id] = s.split(':') as ['action' | 'runbook', string];
      return [s, c.about(type, id)];
    }),
  };
}

/** The part as the parts store writes and reads it (JSON), findings trimmed at `since`. */
function keptAs(part: HistoryPart, since: ReadonlyMap<FindingKind, number>): HistoryPart {
  return JSON.parse(
    JSON.stringify({ ...part, findings: trimCollected(part.findings, since) }),
  ) as HistoryPart;
}

const scenarioArb = fc.record({
  history: fc.array(commitArb, { minLength: 1, maxLength: 14 }),
  split: fc.nat(14),
  since: fc.option(fc.integer({ min: 0, max: 20 })),
  pseudonymize: fc.boolean(),
  invalidAt: fc.uniqueArray(fc.nat(13), { maxLength: 2 }),
  /** What differs between the report that kept the part and the next one, besides the commits added. */
  change: fc.constantFrom(
    'none',
    'none',
    'none',
    'approval note recorded later',
    'earlier commit rewritten',
    'role file rewritten',
    'role members were others',
    'invalid entry later',
    'pseudonymize',
    'period ends earlier',
    'period starts later',
  ),
  at: fc.nat(13),
  cut: fc.option(fc.nat(30)),
});

describe('#15.9 change findings judged commit by commit', () => {
  it('#15.9 a history part continued from one kept for a prefix of the branch equals one judged from scratch, and only the new commits are judged when the prefix is unchanged', () => {
    let continued = 0;
    let hashedLess = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const n = s.history.length;
        const k = Math.min(s.split, n);
        const since = s.since === null ? null : new Date(START + s.since * DAY).toISOString();
        const invalidAt = new Set(s.invalidAt);
        let full = build(s.history, { since, pseudonymize: s.pseudonymize, invalidAt });
        // The next report's period may end before the commits the kept part judged (an earlier --until).
        if (s.change === 'period ends earlier')
          full = build(s.history, {
            since,
            until: full.input.commits[s.at % n]!.created_at,
            pseudonymize: s.pseudonymize,
            invalidAt,
          });
        // Or start after some of them (a later --since): they are no longer the period's changes.
        if (s.change === 'period starts later')
          full = build(s.history, {
            since: full.input.commits[s.at % n]!.created_at,
            pseudonymize: s.pseudonymize,
            invalidAt,
          });
        // The history the earlier report saw: the first k commits, possibly not as they are now.
        let prefix = s.history.slice(0, k);
        let prefixInvalid: ReadonlySet<number> = invalidAt;
        let prefixPseudonymize = s.pseudonymize;
        const at = k === 0 ? 0 : s.at % k;
        if (s.change === 'approval note recorded later' && k > 0)
          prefix = prefix.map((c, i) => (i === at ? { ...c, approvals: null } : c));
        if (s.change === 'earlier commit rewritten' && k > 0)
          prefix = prefix.map((c, i) => (i === at ? { ...c, author: (c.author + 1) % PEOPLE.length } : c));
        if (s.change === 'role file rewritten' && k > 0)
          prefix = prefix.map((c, i) =>
            i === at
              ? {
                  ...c,
                  changes: [
                    ...c.changes,
                    { ...c.changes[0]!, kind: 'role' as const, permissions: ['definitions:modify' as const] },
                  ],
                }
              : c,
          );
        // Same role events but for their content: other members held the role then.
        if (s.change === 'role members were others' && k > 0)
          prefix = prefix.map((c, i) =>
            i === at
              ? {
                  ...c,
                  changes: c.changes.map((ch) =>
                    ch.kind === 'role'
                      ? { ...ch, members: [0, 1, 2, 3].filter((m) => !ch.members.includes(m)) }
                      : ch,
                  ),
                }
              : c,
          );
        if (s.change === 'invalid entry later')
          prefixInvalid = new Set([...invalidAt].filter((i) => i !== at));
        if (s.change === 'pseudonymize') prefixPseudonymize = !s.pseudonymize;
        const earlierInput = build(prefix, {
          since,
          pseudonymize: prefixPseudonymize,
          invalidAt: prefixInvalid,
        }).input;
        const first = judgeChanges(earlierInput, modelContext(earlierInput), null);
        // Trimmed as the parts store keeps it: of each kind only the findings at or after a cut.
        const cuts = new Map<FindingKind, number>();
        if (s.cut !== null)
          for (const [kind, bucket] of first.part.findings.kinds) {
            const item = bucket.items[s.cut % Math.max(1, bucket.items.length)];
            if (item) cuts.set(kind, item.ms);
          }
        const kept = keptAs(first.part, cuts);
        const next = judgeChanges(full.input, modelContext(full.input), kept);
        const scratch = judgeChanges(full.input, modelContext(full.input), null);
        const reference = fromScratch(full.input);

        // From scratch, the judged view of the events gives what the findings functions give on the events.
        expect(scratch.judgedFrom).toBe(0);
        expect(scratch.part.activity).toEqual(reference.activity);
        expect(shown(scratch.part.findings)).toEqual(shown(reference.findings));
        // Continued: the same tally, and the same findings shown whenever the kept cuts allow showing them.
        expect(next.part.activity).toEqual(reference.activity);
        expect(next.part.digest).toBe(scratch.part.digest);
        expect(next.part.key).toBe(scratch.part.key);
        // The digests taken with the kept part's record digests are those taken from every event; records whose
        // identity is the kept one are not hashed again.
        const ctx = modelContext(full.input);
        const reused = digestBranch(full.input, ctx, kept.through, kept.records ?? null, judgedEvent);
        const fresh = digestBranch(full.input, ctx, kept.through, null, judgedEvent);
        expect([reused.prefix, reused.whole, reused.records]).toEqual([
          fresh.prefix,
          fresh.whole,
          fresh.records,
        ]);
        expect(reused.prefix === kept.digest).toBe(fresh.prefix === kept.digest);
        if (reused.hashed < fresh.hashed) hashedLess += 1;
        const got = shown(next.part.findings);
        const want = shown(reference.findings);
        // Per-definition findings are never trimmed; the groups whenever the kept cuts let the collector show them.
        expect(got.about).toEqual(want.about);
        if (got.exact) expect(got.groups).toEqual(want.groups);
        if (cuts.size === 0) expect(got).toEqual(want);
        // A cut of the kept part stays with the continued one (a later report can still tell it is not whole).
        if (next.judgedFrom > 0)
          for (const [kind, ms] of kept.findings.cuts ?? [])
            expect(new Map(next.part.findings.cuts ?? []).get(kind)).toBeGreaterThanOrEqual(ms);
        // Continued from the kept part: what it adds, merged onto the kept part as the parts store reads a delta back
        // (model-parts-store.ts, readHistoryPart), is the continued part.
        if (next.delta) {
          expect(next.delta.base).toBe(kept);
          const merged = new FindingCollector();
          merged.merge(kept.findings);
          merged.merge(next.delta.findings);
          expect(shown(merged.collected())).toEqual(shown(next.part.findings));
          expect(mergeTallies(kept.activity, next.delta.activity)).toEqual(next.part.activity);
          // Kept in a file as the store writes it (JSON, trimmed at the same cuts): the same findings shown.
          const stored = keptAs({ ...next.part, findings: next.delta.findings }, cuts);
          const read = new FindingCollector();
          read.merge(kept.findings);
          read.merge(stored.findings);
          const back = shown(read.collected());
          expect(back.about).toEqual(shown(next.part.findings).about);
          if (back.exact) expect(back.groups).toEqual(want.groups);
        } else expect(next.judgedFrom === 0 || next.judgedFrom === next.part.through).toBe(true);
        const names = (input: ReportInput) => JSON.stringify([...knownNames(input.events)].sort());
        if (s.change === 'none' && k > 0 && (!s.pseudonymize || names(earlierInput) === names(full.input))) {
          // The prefix is unchanged: only the commits after it were judged.
          expect(next.judgedFrom).toBe(k);
          expect(next.kept).toBe(k === n);
          continued += 1;
        }
      }),
      { numRuns: 400 },
    );
    expect(continued).toBeGreaterThan(20);
    expect(hashedLess).toBeGreaterThan(20);
  });
});

describe('#15.9 record digests kept with the history part', () => {
  const history = fc.sample(fc.array(commitArb, { minLength: 6, maxLength: 8 }), { numRuns: 1, seed: 7 })[0]!;

  it('#15.9 are used only when taken over the same commits and period start, each record only under its identity', () => {
    const earlier = build(history.slice(0, 4), {
      since: null,
      pseudonymize: false,
      invalidAt: new Set(),
    }).input;
    const kept = judgeChanges(earlier, modelContext(earlier), null).part;
    expect(kept.records).not.toBeNull();
    const now = build(history, { since: null, pseudonymize: false, invalidAt: new Set() }).input;
    const ctx = modelContext(now);
    const digest = (records: HistoryPart['records']) =>
      digestBranch(now, ctx, 4, records ?? null, judgedEvent);
    const fresh = digest(null);
    const reused = digest(kept.records);
    expect(reused.hashed).toBeLessThan(fresh.hashed);
    expect(reused.prefix).toBe(kept.digest);
    // Taken over other commits, or under another period start: every record is hashed again.
    expect(digest({ ...kept.records!, commits: 'other' }).hashed).toBe(fresh.hashed);
    expect(digest({ ...kept.records!, since: '0' }).hashed).toBe(fresh.hashed);
    // A record whose identity is not the kept one is hashed again, and only it.
    const key = Object.keys(kept.records!.entries).find(
      (k) => now.eventRecords?.get(k) === kept.records!.entries[k]![0],
    );
    expect(key).toBeDefined();
    const entries = { ...kept.records!.entries, [key!]: ['other', ...kept.records!.entries[key!]!.slice(1)] };
    expect(digest({ ...kept.records!, entries } as HistoryPart['records']).hashed).toBe(reused.hashed + 1);
    // Not the shape written (a part from another version): not used.
    expect(digest({ since: 'x' } as unknown as HistoryPart['records']).hashed).toBe(fresh.hashed);
  });
});
