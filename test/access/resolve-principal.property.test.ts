import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexRoles, resolveIn } from '../../src/access/resolve-principal.js';
import type { Permission, Role } from '../../src/definitions/types.js';

const EMAILS = ['ann@example.com', 'Bob@Example.com', ' cat@example.com', 'dan@example.com'];
const PERMISSIONS: Permission[] = ['actions:execute', 'definitions:modify', 'admin'];

const roleArb: fc.Arbitrary<Role> = fc.record({
  id: fc.constantFrom('ops', 'dev', 'audit', 'Ops', 'zeta'),
  members: fc.subarray(EMAILS),
  permissions: fc.subarray(PERMISSIONS, { minLength: 1 }),
});

/** What a person is under role files, straight from the files: the oracle. */
function oracle(roles: readonly Role[], email: string): { roles: string[]; permissions: Permission[] } {
  const me = email.trim().toLowerCase();
  // In id order (localeCompare, then file order), as the principal lists them.
  const ordered = roles
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => a.id.localeCompare(b.id) || i - j)
    .map(([r]) => r);
  const mine = ordered.filter((r) => r.members.some((m) => m.trim().toLowerCase() === me));
  return {
    roles: mine.map((r) => r.id),
    permissions: [...new Set(mine.flatMap((r) => r.permissions))].sort(),
  };
}

describe('#15.9 role files indexed once per role object', () => {
  it('#15.9 snapshots that share some role objects and replace others (same ids, other members) each resolve every person as the files say', () => {
    fc.assert(
      fc.property(
        fc.array(roleArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(3), roleArb), { minLength: 1, maxLength: 8 }),
        (first, edits) => {
          // Each snapshot is the one before with one role object replaced (or added): the others are shared.
          let snapshot: Role[] = first;
          const snapshots = [snapshot];
          for (const [at, role] of edits) {
            snapshot = [...snapshot];
            snapshot[at % (snapshot.length + 1)] = role;
            snapshots.push(snapshot.filter(Boolean));
          }
          for (const roles of snapshots) {
            const index = indexRoles(roles);
            for (const email of EMAILS) {
              const got = resolveIn(index, email);
              const want = oracle(roles, email);
              expect(got.roles).toEqual(want.roles);
              expect([...got.permissions].sort()).toEqual(want.permissions);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
