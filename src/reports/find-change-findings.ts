import type { AuditEvent, AuditUser } from '../history/types.js';
import { uniqueUsers } from '../history/parse-commit-message.js';
import type { PointInTime, RoleSnapshot } from './create-point-in-time.js';
import type { People } from './create-people.js';
import type { FindingCollector } from './finding-catalog.js';
import { createPermissionJudge, type PermissionSubject } from './holds-permission.js';

/** How many changed definitions a finding names before "… and N more". */
const NAMED = 12;

/**
 * Judge each change by the role files as they were just before it (its first-parent predecessor), so a commit
 * cannot grant its own permission. The first commit that brings role files is judged by the files it brings.
 * - every author of a change needs `definitions:modify`;
 * - a status change to `released` needs someone other than the author (the merger, another author, a recorded
 *   approver) holding `definitions:approve`.
 * Findings are per commit and person: one commit touching twenty definitions is one finding naming them all.
 */
export function findChangeFindings(
  events: readonly AuditEvent[],
  pit: PointInTime,
  people: People,
  collector: FindingCollector,
): void {
  // Who holds what is asked per role-file snapshot and person once (a few hundred pairs for thousands of changes).
  const judge = createPermissionJudge();
  for (const group of groupByCommit(events)) {
    const first = group[0]!;
    const index = pit.indexOf(first.commit);
    if (index < 0) continue;
    const roles = rolesForChange(pit, index);
    const unauthorized = new Map<string, { author: AuditUser; events: AuditEvent[] }>();
    const unapproved = new Map<string, { events: AuditEvent[]; checked: Set<string> }>();
    for (const event of group) {
      const states = subjectStates(event, pit, index);
      for (const author of uniqueUsers(event.authors?.length ? event.authors : [event.user])) {
        if (states.every((s) => judge.holds(roles.roles, author.email, 'definitions:modify', s))) continue;
        const key = author.email.toLowerCase();
        let entry = unauthorized.get(key);
        if (!entry) unauthorized.set(key, (entry = { author, events: [] }));
        entry.events.push(event);
      }
      if (!releases(event)) continue;
      const verdict = fourEyes(event, roles, states, judge);
      if (verdict.ok) continue;
      const key = event.user.email.toLowerCase();
      let entry = unapproved.get(key);
      if (!entry) unapproved.set(key, (entry = { events: [], checked: new Set() }));
      entry.events.push(event);
      for (const u of verdict.checked) {
        entry.checked.add(
          `${people.person(u.email)} (${judge.rolesOf(roles.roles, u.email).join(', ') || 'no role'})`,
        );
      }
    }
    for (const { author, events: changed } of unauthorized.values()) {
      const subjects = subjectsOf(changed);
      collector.add(
        {
          kind: 'unauthorized-change',
          severity: 'high',
          subject: subjects[0]!,
          at: iso(first.created_at),
        },
        () => ({
          summary: `${people.person(author.email)} changed ${describe(changed)} without definitions:modify`,
          evidence: [
            ...commitEvidence(first, people),
            ['Changes', labels(changed)],
            ['Author checked', people.person(author.email)],
            ['Author’s roles then', judge.rolesOf(roles.roles, author.email).join(', ') || 'none'],
            ...roleEvidence(roles),
          ],
        }),
        subjects.slice(1),
      );
    }
    for (const { events: released, checked } of unapproved.values()) {
      const subjects = subjectsOf(released);
      const author = released[0]!.user;
      collector.add(
        {
          kind: 'missing-four-eyes',
          severity: 'high',
          subject: subjects[0]!,
          at: iso(first.created_at),
        },
        () => ({
          summary: `${people.person(author.email)} released ${describe(released)} without a second person holding definitions:approve`,
          evidence: [
            ...commitEvidence(first, people),
            ['Released', labels(released)],
            ['Author', people.person(author.email)],
            ['Merged / committed by', people.person(first.committer.email)],
            [
              'Other people checked',
              [...checked].sort().join('; ') || 'none (the author made and merged the change alone)',
            ],
            ...roleEvidence(roles),
          ],
        }),
        subjects.slice(1),
      );
    }
  }
}

/** Whether a release had a second person (not the author) holding `definitions:approve`, and who was checked. */
function fourEyes(
  event: AuditEvent,
  roles: RoleSnapshot,
  states: PermissionSubject[],
  judge: PermissionJudge,
): { ok: boolean; checked: AuditUser[] } {
  const author = event.user.email.toLowerCase();
  // Approvals recorded for the commit (docs/github.md) count as the second person too, when current.
  const recorded = (event.approvals ?? [])
    .filter((a) => a.state === 'APPROVED' && !a.stale && !a.by_author && a.email !== null)
    .map((a) => ({ name: a.reviewer_login, email: a.email! }));
  const checked = uniqueUsers([event.committer, ...(event.authors ?? []), ...recorded]).filter(
    (u) => u.email.toLowerCase() !== author,
  );
  const subject = states.at(-1) ?? subjectFallback(event);
  return {
    ok: checked.some((u) => judge.holds(roles.roles, u.email, 'definitions:approve', subject)),
    checked,
  };
}

export function groupByCommit(events: readonly AuditEvent[]): AuditEvent[][] {
  const groups: AuditEvent[][] = [];
  for (const e of events) {
    const last = groups.at(-1);
    if (last && last[0]!.commit === e.commit) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/** The distinct definitions of some events (a step counts as its runbook). */
export function subjectsOf(
  events: readonly AuditEvent[],
): { type: 'action' | 'runbook' | 'role'; id: string }[] {
  const seen = new Map<string, { type: 'action' | 'runbook' | 'role'; id: string }>();
  for (const e of events) {
    const s = subjectOf(e);
    seen.set(`${s.type}:${s.id}`, s);
  }
  return [...seen.values()];
}

export function describe(events: readonly AuditEvent[]): string {
  const subjects = subjectsOf(events);
  const one = subjects[0];
  if (subjects.length === 1 && one) return `${TYPE_LABEL[one.type]} ${one.id}`;
  return `${subjects.length} definitions`;
}

const TYPE_LABEL = { action: 'action', runbook: 'runbook', role: 'role' } as const;

export function labels(events: readonly AuditEvent[]): string {
  const all = events.map((e) => `${e.auditable_type} ${e.auditable_id} v${e.version} (${e.action})`);
  return all.length > NAMED
    ? `${all.slice(0, NAMED).join(', ')}, … and ${all.length - NAMED} more`
    : all.join(', ');
}

type PermissionJudge = ReturnType<typeof createPermissionJudge>;

/** The role files before the change, or (bootstrap) those the change itself brings when there were none before. */
export function rolesForChange(pit: PointInTime, index: number): RoleSnapshot & { bootstrap: boolean } {
  const before = pit.rolesAt(index - 1);
  if (before.changedIn !== null) return { ...before, bootstrap: false };
  const at = pit.rolesAt(index);
  return { ...at, bootstrap: at.changedIn !== null };
}

/** The definition as permission subject before and after the change (a create has no before, a delete no after). */
export function subjectStates(event: AuditEvent, pit: PointInTime, index: number): PermissionSubject[] {
  if (event.auditable_type === 'Role') return [{ kind: 'role', id: event.auditable_id, tags: [] }];
  const kind: 'action' | 'runbook' = event.auditable_type === 'Action' ? 'action' : 'runbook';
  const id =
    event.auditable_type === 'Runbook::Step' ? (event.auditable_id.split('/')[0] ?? '') : event.auditable_id;
  const states = [pit.tagsAt(kind, id, index - 1), pit.tagsAt(kind, id, index)]
    .filter((tags): tags is string[] => tags !== null)
    .map((tags) => ({ kind, id, tags }));
  return states.length > 0 ? states : [{ kind, id, tags: [] }];
}

function subjectFallback(event: AuditEvent): PermissionSubject {
  return { kind: event.auditable_type === 'Action' ? 'action' : 'runbook', id: event.auditable_id, tags: [] };
}

function releases(event: AuditEvent): boolean {
  if (event.auditable_type !== 'Action' && event.auditable_type !== 'Runbook') return false;
  if (event.action === 'create') return event.audited_changes.status === 'released';
  if (event.action !== 'update') return false;
  const pair = event.audited_changes['/status'];
  return Array.isArray(pair) && pair[1] === 'released' && pair[0] !== 'released';
}

function subjectOf(event: AuditEvent): { type: 'action' | 'runbook' | 'role'; id: string } {
  if (event.auditable_type === 'Action') return { type: 'action', id: event.auditable_id };
  if (event.auditable_type === 'Role') return { type: 'role', id: event.auditable_id };
  return { type: 'runbook', id: event.auditable_id.split('/')[0] ?? event.auditable_id };
}

export function commitEvidence(event: AuditEvent, people: People): [string, string][] {
  return [
    ['Commit', event.commit],
    ['Time', iso(event.created_at)],
    ['Pull request', event.pull_request === null ? '–' : `#${event.pull_request}`],
    ['Message', people.scrub(event.message)],
  ];
}

export function roleEvidence(roles: RoleSnapshot & { bootstrap: boolean }): [string, string][] {
  const where = roles.changedIn === null ? 'none on the branch' : `last changed in ${roles.changedIn}`;
  return [
    [
      'Role files',
      `as of ${roles.asOf ?? 'the start'} (${where})${roles.bootstrap ? ', introduced by this commit' : ''}`,
    ],
  ];
}

/** Normalize an instant (UTC, whole seconds without `.000`) so findings read and sort the same everywhere. */
export function iso(value: string | number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString().replace('.000Z', 'Z');
}
