import type { Role } from '../../src/definitions/types.js';

/** Role files equivalent to the demo repo's (alice admin, bob author, carol approver, dave/erin operators, frank auditor). */
export const DEMO_ROLES: Role[] = [
  { id: 'admins', members: ['alice@example.com'], permissions: ['admin'] },
  { id: 'authors', members: ['bob@example.com'], permissions: ['definitions:modify'] },
  {
    id: 'approvers',
    members: ['carol@example.com'],
    permissions: ['definitions:approve', 'definitions:modify'],
  },
  {
    id: 'operators',
    members: ['dave@example.com', 'erin@example.com'],
    permissions: ['actions:execute', 'executions:read:own'],
    scope: { actions: ['disk-*', 'tag:safe'] },
  },
  {
    id: 'auditors',
    members: ['frank@example.com'],
    permissions: ['executions:read:all', 'audit:read', 'reports:read'],
  },
];
