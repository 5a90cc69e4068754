function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  matchGlob
} from "./chunk-NR2XG3EO.js";

// src/access/resolve-principal.ts
function normalizeEmail(email) {
  return email.trim().toLowerCase();
}
function resolvePrincipal(email, roles) {
  return resolveIn(indexRoles(roles), email);
}
function indexRoles(roles) {
  const sorted = [...roles].sort((a, b) => a.id.localeCompare(b.id));
  return { roles: sorted, members: sorted.map((role) => new Set(role.members.map(normalizeEmail))) };
}
function resolveIn(index, email) {
  const me = normalizeEmail(email);
  const permissions = /* @__PURE__ */ new Set();
  const executeGrants = [];
  const memberOf = [];
  index.roles.forEach((role, i) => {
    if (!index.members[i].has(me)) return;
    memberOf.push(role.id);
    for (const p of role.permissions) permissions.add(p);
    if (role.permissions.includes("actions:execute")) {
      executeGrants.push({ role: role.id, scope: role.scope?.actions });
    }
  });
  return { email: me, roles: memberOf, permissions, executeGrants };
}

// src/access/match-action-scope.ts
function matchActionScope(patterns, action) {
  if (patterns === void 0) return true;
  return patterns.some(
    (pattern) => pattern.startsWith("tag:") ? (action.tags ?? []).includes(pattern.slice(4)) : matchGlob(pattern, action.id)
  );
}

export {
  matchActionScope,
  normalizeEmail,
  resolvePrincipal,
  indexRoles,
  resolveIn
};
