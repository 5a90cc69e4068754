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
  const sorted = orderOf(roles).map((i) => roles[i]);
  return { roles: sorted, members: sorted.map((role) => new Set(role.members.map(normalizeEmail))) };
}
function orderOf(roles) {
  const key = roles.map((r) => r.id).join("\n");
  let order = orders.get(key);
  if (!order) {
    order = roles.map((_r, i) => i).sort((a, b) => roles[a].id.localeCompare(roles[b].id) || a - b);
    if (orders.size >= 256) orders.clear();
    orders.set(key, order);
  }
  return order;
}
var orders = /* @__PURE__ */ new Map();
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
