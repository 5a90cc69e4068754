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
  return { roles: sorted, members: sorted.map(membersOf) };
}
function membersOf(role) {
  let members = normalizedMembers.get(role);
  if (!members) normalizedMembers.set(role, members = new Set(role.members.map(normalizeEmail)));
  return members;
}
var normalizedMembers = /* @__PURE__ */ new WeakMap();
function orderOf(roles) {
  if (last && last.ids.length === roles.length && roles.every((r, i) => r.id === last.ids[i]))
    return last.order;
  const key = roles.map((r) => r.id).join("\n");
  let order = orders.get(key);
  if (!order) {
    order = roles.map((_r, i) => i).sort((a, b) => roles[a].id.localeCompare(roles[b].id) || a - b);
    if (orders.size >= 256) orders.clear();
    orders.set(key, order);
  }
  last = { ids: roles.map((r) => r.id), order };
  return order;
}
var last = null;
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
