import type { Role } from '../definitions/types.js';
import type { AuditEvent } from '../history/types.js';
import type { RunRow } from './collect-runs.js';
import type { PointInTime } from './create-point-in-time.js';
import type { People } from './create-people.js';
import { createPermissionJudge } from './holds-permission.js';
import type { ChangeTally, PartOverview } from './part-shapes.js';

export type { ChangeTally } from './part-shapes.js';
import type { RoleActivity, UserActivity } from './report-model.js';
import { outcomeOf } from './summarize-runs.js';

export const NO_ROLE = '(no role)';

/** One action's runs counted per user and per role (its kept part's share of the overview, PartOverview). */
export function tallyRunActivity(
  rows: readonly RunRow[],
  pit: PointInTime,
): Pick<PartOverview, 'users' | 'roles'> {
  const judge = createPermissionJudge();
  const users = new Map<string, [string, number, number, number]>();
  const roles = new Map<string, number>();
  // Each user lower-cased once, not once per run (500,000 runs made as many strings).
  const byUser = new Map<string, [string, number, number, number]>();
  for (const row of rows) {
    let u = byUser.get(row.user);
    if (!u) {
      const key = row.user.toLowerCase();
      u = users.get(key);
      if (!u) users.set(key, (u = [key, 0, 0, row.started]));
      byUser.set(row.user, u);
    }
    u[1] += 1;
    if (outcomeOf(row.status) === 'failed') u[2] += 1;
    u[3] = Math.max(u[3], row.started);
    const held = judge.rolesOf(pit.rolesAt(row.point).roles, row.user);
    for (const role of held.length > 0 ? held : [NO_ROLE]) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const byKey = (a: [string, ...unknown[]], b: [string, ...unknown[]]) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  return { users: [...users.values()].sort(byKey), roles: [...roles].sort(byKey) };
}

/**
 * The changes of the period per author and per role their author held just before each (by the role files then):
 * what buildActivity adds for them. Plain data, sorted by the first column.
 */
export function tallyChangeActivity(events: readonly AuditEvent[], pit: PointInTime): ChangeTally {
  const judge = createPermissionJudge();
  const users = new Map<string, [number, number]>();
  const roles = new Map<string, number>();
  for (const e of events) {
    const key = e.user.email.toLowerCase();
    const u = users.get(key) ?? [0, -Infinity];
    u[0] += 1;
    u[1] = Math.max(u[1], Date.parse(e.created_at));
    users.set(key, u);
    const index = pit.indexOf(e.commit);
    const held = index < 0 ? [] : judge.rolesOf(pit.rolesAt(index - 1).roles, e.user.email);
    for (const role of held.length > 0 ? held : [NO_ROLE]) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const byKey = <T extends [string, ...unknown[]]>(a: T, b: T) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return {
    users: [...users].map(([email, [n, last]]): [string, number, number] => [email, n, last]).sort(byKey),
    roles: [...roles].sort(byKey),
  };
}

/** Two tallies of changes as one (tallyChangeActivity of both sets of events): counts add up, latest times are kept. */
export function mergeTallies(a: ChangeTally, b: ChangeTally): ChangeTally {
  const users = new Map<string, [number, number]>(a.users.map(([email, n, last]) => [email, [n, last]]));
  for (const [email, n, last] of b.users) {
    const u = users.get(email);
    if (u) users.set(email, [u[0] + n, Math.max(u[1], last)]);
    else users.set(email, [n, last]);
  }
  const roles = new Map(a.roles);
  for (const [role, n] of b.roles) roles.set(role, (roles.get(role) ?? 0) + n);
  const byKey = <T extends [string, ...unknown[]]>(x: T, y: T) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  return {
    users: [...users].map(([email, [n, last]]): [string, number, number] => [email, n, last]).sort(byKey),
    roles: [...roles].sort(byKey),
  };
}

/**
 * Runs and changes per user and per role. The runs come as rows, or as each action's tally (tallyRunActivity, from
 * the kept parts of the model): both give the same result. A run counts for the roles its user was a member of when it started, a
 * change for the roles its author held just before it, by the role files in force then (not today's).
 */
export function buildActivity(input: {
  rows: readonly RunRow[] | { action: string; tally: Pick<PartOverview, 'users' | 'roles'> }[];
  /** The changes of the period, or their tally (tallyChangeActivity, kept with the model's history part). */
  events: readonly AuditEvent[] | ChangeTally;
  pit: PointInTime;
  people: People;
  currentRoles: readonly Role[];
}): { users: UserActivity[]; roles: RoleActivity[] } {
  const { pit } = input;
  const users = new Map<
    string,
    { runs: number; failed: number; changes: number; actions: Set<string>; last: number }
  >();
  const roleCounts = new Map<string, { runs: number; changes: number }>();
  const userOf = (email: string) => {
    const key = email.toLowerCase();
    let u = users.get(key);
    if (!u) users.set(key, (u = { runs: 0, failed: 0, changes: 0, actions: new Set(), last: -Infinity }));
    return u;
  };
  const countRoles = (roles: readonly string[], field: 'runs' | 'changes', n = 1) => {
    for (const role of roles.length > 0 ? roles : [NO_ROLE]) {
      let c = roleCounts.get(role);
      if (!c) roleCounts.set(role, (c = { runs: 0, changes: 0 }));
      c[field] += n;
    }
  };

  const judge = createPermissionJudge();
  for (const row of input.rows) {
    if ('tally' in row) {
      for (const [email, runs, failed, last] of row.tally.users) {
        const u = userOf(email);
        u.runs += runs;
        u.failed += failed;
        u.actions.add(row.action);
        u.last = Math.max(u.last, last);
      }
      for (const [role, runs] of row.tally.roles) countRoles([role], 'runs', runs);
      continue;
    }
    const u = userOf(row.user);
    u.runs += 1;
    if (outcomeOf(row.status) === 'failed') u.failed += 1;
    u.actions.add(row.action);
    u.last = Math.max(u.last, row.started);
    countRoles(judge.rolesOf(pit.rolesAt(row.point).roles, row.user), 'runs');
  }
  const changes = 'users' in input.events ? input.events : tallyChangeActivity(input.events, pit);
  for (const [email, n, last] of changes.users) {
    const u = userOf(email);
    u.changes += n;
    u.last = Math.max(u.last, last);
  }
  for (const [role, n] of changes.roles) countRoles([role], 'changes', n);

  const userRows: UserActivity[] = [...users.entries()].map(([email, u]) => ({
    user: input.people.person(email),
    runs: u.runs,
    failed: u.failed,
    changes: u.changes,
    actions: u.actions.size,
    roles: judge.rolesOf(input.currentRoles, email),
    last_seen: new Date(u.last).toISOString(),
  }));
  userRows.sort(
    (a, b) => b.runs - a.runs || b.changes - a.changes || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0),
  );

  const current = new Map(input.currentRoles.map((r) => [r.id, r]));
  const roleIds = [...new Set([...current.keys(), ...roleCounts.keys()])].sort((a, b) =>
    a === NO_ROLE ? 1 : b === NO_ROLE ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const roles = roleIds.map((role) => ({
    role,
    members: current.get(role)?.members.length ?? 0,
    permissions: [...(current.get(role)?.permissions ?? [])].sort(),
    runs: roleCounts.get(role)?.runs ?? 0,
    changes: roleCounts.get(role)?.changes ?? 0,
  }));
  return { users: userRows, roles };
}
