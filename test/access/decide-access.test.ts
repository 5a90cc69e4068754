import { describe, expect, it } from 'vitest';
import { decideAccess, executionVisibility, type RoutePermission } from '../../src/access/decide-access.js';
import { matchActionScope } from '../../src/access/match-action-scope.js';
import { resolvePrincipal } from '../../src/access/resolve-principal.js';
import { DEMO_ROLES } from '../helpers/demo-roles.js';

const who = (email: string) => resolvePrincipal(email, DEMO_ROLES);

describe('matchActionScope', () => {
  it('matches id globs and tags; no scope means every action, an empty one none', () => {
    expect(matchActionScope(['disk-*'], { id: 'disk-usage' })).toBe(true);
    expect(matchActionScope(['disk-*'], { id: 'restart-web' })).toBe(false);
    expect(matchActionScope(['restart-???'], { id: 'restart-web' })).toBe(true);
    expect(matchActionScope(['restart-???'], { id: 'restart-db01' })).toBe(false);
    expect(matchActionScope(['tag:safe'], { id: 'x', tags: ['safe'] })).toBe(true);
    expect(matchActionScope(['tag:safe'], { id: 'x', tags: ['unsafe'] })).toBe(false);
    expect(matchActionScope(['a.b'], { id: 'axb' })).toBe(false);
    expect(matchActionScope(undefined, { id: 'anything' })).toBe(true);
    expect(matchActionScope([], { id: 'anything' })).toBe(false);
  });
});

describe('resolvePrincipal', () => {
  it('unions the permissions of every role naming the email, case-insensitively', () => {
    const p = resolvePrincipal('Dave@Example.com', [
      ...DEMO_ROLES,
      { id: 'readers', members: ['dave@example.com'], permissions: ['reports:read'] },
    ]);
    expect(p.roles).toEqual(['operators', 'readers']);
    expect([...p.permissions].sort()).toEqual(['actions:execute', 'executions:read:own', 'reports:read']);
    expect(p.executeGrants).toEqual([{ role: 'operators', scope: ['disk-*', 'tag:monitoring'] }]);
  });
  it('gives nothing to a stranger', () => {
    const p = resolvePrincipal('mallory@example.com', DEMO_ROLES);
    expect(p.roles).toEqual([]);
    expect(p.permissions.size).toBe(0);
  });
});

describe('decideAccess', () => {
  const ROUTE_EXPECTATIONS: Record<string, Partial<Record<RoutePermission, boolean>>> = {
    'alice@example.com': {
      'definitions:read': true,
      'history:read': true,
      'audit:read': true,
      'executions:read': true,
      'actions:execute': true,
      'reports:read': true,
      admin: true,
    },
    'bob@example.com': {
      'definitions:read': true,
      'history:read': true,
      'audit:read': false,
      'executions:read': false,
      'actions:execute': false,
      'reports:read': false,
      admin: false,
    },
    'carol@example.com': {
      'definitions:read': true,
      'history:read': true,
      'audit:read': false,
      'executions:read': false,
      admin: false,
    },
    'dave@example.com': {
      'definitions:read': true,
      'history:read': false,
      'audit:read': false,
      'executions:read': true,
      'executions:read:all': false,
      'actions:execute': true,
      'reports:read': false,
      admin: false,
    },
    'frank@example.com': {
      'definitions:read': true,
      'history:read': true,
      'audit:read': true,
      'executions:read': true,
      'executions:read:all': true,
      'actions:execute': false,
      'reports:read': true,
      admin: false,
    },
    'mallory@example.com': { public: true, 'definitions:read': false, 'executions:read': false },
  };
  for (const [email, cells] of Object.entries(ROUTE_EXPECTATIONS)) {
    it(`route permissions of ${email}`, () => {
      for (const [permission, expected] of Object.entries(cells)) {
        expect([
          permission,
          decideAccess(who(email), { kind: 'route', permission: permission as RoutePermission }),
        ]).toEqual([permission, expected]);
      }
    });
  }

  it('lets nobody in without a principal except to public routes', () => {
    expect(decideAccess(null, { kind: 'route', permission: 'public' })).toBe(true);
    expect(decideAccess(null, { kind: 'route', permission: 'definitions:read' })).toBe(false);
    expect(decideAccess(null, { kind: 'execute', action: { id: 'disk-usage' } })).toBe(false);
  });

  it('scopes actions:execute to the role scope; admin runs anything', () => {
    expect(decideAccess(who('dave@example.com'), { kind: 'execute', action: { id: 'disk-usage' } })).toBe(
      true,
    );
    expect(
      decideAccess(who('dave@example.com'), {
        kind: 'execute',
        action: { id: 'purge', tags: ['monitoring'] },
      }),
    ).toBe(true);
    expect(decideAccess(who('dave@example.com'), { kind: 'execute', action: { id: 'restart-web' } })).toBe(
      false,
    );
    expect(decideAccess(who('alice@example.com'), { kind: 'execute', action: { id: 'restart-web' } })).toBe(
      true,
    );
    expect(decideAccess(who('frank@example.com'), { kind: 'execute', action: { id: 'disk-usage' } })).toBe(
      false,
    );
  });

  it('an unscoped execute role covers every action', () => {
    const p = resolvePrincipal('ops@example.com', [
      { id: 'ops', members: ['ops@example.com'], permissions: ['actions:execute'] },
    ]);
    expect(decideAccess(p, { kind: 'execute', action: { id: 'restart-web' } })).toBe(true);
  });

  it('executions:read:own sees only runs the caller initiated; read:all and admin see all', () => {
    const dave = who('dave@example.com');
    expect(decideAccess(dave, { kind: 'read-execution', initiator: 'DAVE@example.com' })).toBe(true);
    expect(decideAccess(dave, { kind: 'read-execution', initiator: 'erin@example.com' })).toBe(false);
    expect(decideAccess(dave, { kind: 'read-execution', initiator: 'user-7f3a' })).toBe(false);
    expect(
      decideAccess(who('frank@example.com'), { kind: 'read-execution', initiator: 'erin@example.com' }),
    ).toBe(true);
    expect(
      decideAccess(who('alice@example.com'), { kind: 'read-execution', initiator: 'erin@example.com' }),
    ).toBe(true);
    expect(
      decideAccess(who('bob@example.com'), { kind: 'read-execution', initiator: 'bob@example.com' }),
    ).toBe(false);
  });

  it('executionVisibility follows the same rule', () => {
    expect(executionVisibility(who('alice@example.com'))).toBe('all');
    expect(executionVisibility(who('frank@example.com'))).toBe('all');
    expect(executionVisibility(who('dave@example.com'))).toBe('own');
    expect(executionVisibility(who('bob@example.com'))).toBe('none');
    expect(executionVisibility(null)).toBe('none');
  });
});
