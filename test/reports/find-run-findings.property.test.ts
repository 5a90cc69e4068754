import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Permission, Role } from '../../src/definitions/types.js';
import type { PointInTime, RoleSnapshot } from '../../src/reports/create-point-in-time.js';
import type { RunRow } from '../../src/reports/collect-runs.js';
import { FindingCollector } from '../../src/reports/finding-catalog.js';
import { findRunFindings } from '../../src/reports/find-run-findings.js';
import { holdsPermission } from '../../src/reports/holds-permission.js';
import type { People } from '../../src/reports/create-people.js';

/**
 * The `unauthorized-run` findings (src/reports/find-run-findings.ts) remember verdicts — the principal per role snapshot
 * and person, the answer per (grants, action, tags) in the judge: whatever the order of role epochs, tags and users
 * along an action's runs, every run is judged as holdsPermission judges it alone.
 */

const USERS = ['alice@example.com', 'bob@example.com', 'Carol@Example.com', 'dave@example.com'];
const ACTIONS = ['restart-web', 'db-failover'];
const PERMISSIONS: Permission[] = ['actions:execute', 'admin', 'reports:read'];

// Mostly roles that grant actions:execute within a scope of tags, so that verdicts turn on the epoch and the tags.
const role = fc.record({
  id: fc.constantFrom('ops', 'dba', 'web', 'auditors'),
  members: fc.subarray(
    USERS.map((u) => u.toLowerCase()),
    { minLength: 1 },
  ),
  permissions: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Permission[]>(['actions:execute']) },
    { weight: 1, arbitrary: fc.subarray(PERMISSIONS, { minLength: 1 }) },
  ),
  scope: fc.option(
    fc.record({ actions: fc.subarray(['tag:web', 'tag:db', 'tag:prod', 'db-failover'], { minLength: 1 }) }),
    { nil: undefined, freq: 4 },
  ),
});

const scenario = fc.record({
  // Role files per epoch (each epoch one array, as the point-in-time index hands them out).
  epochs: fc.array(fc.array(role, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  // Tags per epoch of each action (null: not defined then).
  tags: fc.array(fc.option(fc.subarray(['web', 'db', 'prod']), { nil: null }), {
    minLength: 1,
    maxLength: 3,
  }),
  runs: fc.array(
    fc.record({
      action: fc.nat(ACTIONS.length - 1),
      user: fc.nat(USERS.length - 1),
      point: fc.integer({ min: -1, max: 11 }),
      status: fc.constantFrom('succeeded', 'failed', 'denied') as fc.Arbitrary<RunRow['status']>,
      planned: fc.boolean(),
    }),
    { maxLength: 60 },
  ),
});

describe('#15.9 run findings: remembered verdicts', () => {
  it('every run is judged as holdsPermission judges it alone, whatever the order of epochs, tags and users', () => {
    fc.assert(
      fc.property(scenario, ({ epochs, tags, runs }) => {
        const rolesOf = epochs.map((roles) => roles.map((r) => ({ ...r }) as Role));
        const snapshots = new Map<number, RoleSnapshot>();
        const tagArrays = tags.map((t) => (t === null ? null : [...t]));
        const pit = {
          indexOf: () => 0,
          rolesAt(index: number): RoleSnapshot {
            if (index < 0) return { asOf: null, changedIn: null, roles: [] };
            let s = snapshots.get(index);
            if (!s) {
              // Several points share an epoch's one array (identity), as after a commit that changed no role file.
              s = { asOf: `c${index}`, changedIn: null, roles: rolesOf[index % rolesOf.length]! };
              snapshots.set(index, s);
            }
            return s;
          },
          tagsAt: (_kind: string, _id: string, index: number) =>
            tagArrays[Math.max(0, index) % tagArrays.length]!,
        } as unknown as PointInTime;
        const rows: RunRow[] = runs.map((r, i) => ({
          id: `run-${i}`,
          seq: i + 1,
          action: ACTIONS[r.action]!,
          started: 1_700_000_000_000 + i * 1000,
          duration: 10,
          status: r.status,
          user: USERS[r.user]!,
          trigger: 'manual' as RunRow['trigger'],
          targets: [],
          version: 1,
          commit: 'c0',
          definitionStatus: 'released',
          dirty: false,
          runbook: null,
          local: false,
          kind: null,
          planned: r.planned ? 1 : null,
          missed: null,
          attempt: null,
          point: r.point,
        }));
        const byAction = new Map<string, RunRow[]>();
        for (const row of rows) byAction.set(row.action, [...(byAction.get(row.action) ?? []), row]);
        const collector = new FindingCollector();
        const people = { person: (email: string) => email } as unknown as People;
        findRunFindings(byAction, {
          pit,
          people,
          collector,
          knownActions: new Set(ACTIONS),
          streak: 1000,
        });
        const expected = rows.filter(
          (row) =>
            row.status !== 'denied' &&
            row.planned === null &&
            !holdsPermission(pit.rolesAt(row.point).roles, row.user, 'actions:execute', {
              kind: 'action',
              id: row.action,
              tags: pit.tagsAt('action', row.action, row.point) ?? [],
            }),
        );
        const groups = collector.groups();
        const unauthorized = groups.find((g) => g.kind === 'unauthorized-run');
        expect(unauthorized?.total ?? 0).toBe(expected.length);
        expect((unauthorized?.items ?? []).map((f) => f.summary).sort()).toEqual(
          expected.map((row) => `${row.user} ran ${row.action} without actions:execute`).sort(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
