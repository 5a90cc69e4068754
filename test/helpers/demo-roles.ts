import type { Role } from '../../src/definitions/types.js';

/**
 * The one fixture of the demo's roles (alice admin, bob author, carol approver, dave/erin operators, frank auditor),
 * as objects for the pure core and as role files for the tests that build a repo.
 */
export const DEMO_ROLES: Role[] = [
  { id: 'admins', members: ['alice@example.com'], permissions: ['admin'] },
  { id: 'authors', members: ['bob@example.com'], permissions: ['definitions:modify'] },
  {
    id: 'approvers',
    members: ['carol@example.com'],
    permissions: ['definitions:modify', 'definitions:approve'],
  },
  {
    id: 'operators',
    members: ['dave@example.com', 'erin@example.com'],
    permissions: ['actions:execute', 'executions:read:own'],
    scope: { actions: ['disk-*', 'tag:monitoring'] },
  },
  {
    id: 'auditors',
    members: ['frank@example.com'],
    permissions: ['executions:read:all', 'audit:read', 'reports:read'],
  },
];

/** One role as the YAML of its file (flow style; every test that writes role files uses this). */
export function roleFile(role: Role): string {
  return [
    `id: ${role.id}`,
    `members: [${role.members.join(', ')}]`,
    `permissions: [${role.permissions.join(', ')}]`,
    ...(role.scope?.actions
      ? ['scope:', `  actions: [${role.scope.actions.map((a) => JSON.stringify(a)).join(', ')}]`]
      : []),
    '',
  ].join('\n');
}

/** Roles as the role files of a repo (path → YAML). */
export function roleFiles(roles: readonly Role[]): Record<string, string> {
  return Object.fromEntries(roles.map((role) => [`definitions/roles/${role.id}.yaml`, roleFile(role)]));
}

/** DEMO_ROLES as the role files of a repo. */
export const DEMO_ROLE_FILES: Record<string, string> = roleFiles(DEMO_ROLES);
