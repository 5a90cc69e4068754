import {
  matchGlob
} from "./chunk-QOFQ2H35.js";

// src/access/resolve-principal.ts
function normalizeEmail(email) {
  return email.trim().toLowerCase();
}
function resolvePrincipal(email, roles) {
  const me = normalizeEmail(email);
  const permissions = /* @__PURE__ */ new Set();
  const executeGrants = [];
  const memberOf = [];
  for (const role of [...roles].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!role.members.some((m) => normalizeEmail(m) === me)) continue;
    memberOf.push(role.id);
    for (const p of role.permissions) permissions.add(p);
    if (role.permissions.includes("actions:execute")) {
      executeGrants.push({ role: role.id, scope: role.scope?.actions });
    }
  }
  return { email: me, roles: memberOf, permissions, executeGrants };
}

// src/access/match-action-scope.ts
function matchActionScope(patterns, action) {
  if (patterns === void 0) return true;
  return patterns.some(
    (pattern) => pattern.startsWith("tag:") ? (action.tags ?? []).includes(pattern.slice(4)) : matchGlob(pattern, action.id)
  );
}

// src/access/decide-access.ts
var DERIVED = {
  // Definitions are in the repo anyway; every role member may read them.
  "definitions:read": [
    "definitions:modify",
    "definitions:approve",
    "actions:execute",
    "executions:read:own",
    "executions:read:all",
    "audit:read",
    "reports:read"
  ],
  // The change history of definitions: the people who change and approve them, and auditors.
  "history:read": ["definitions:modify", "definitions:approve", "audit:read"],
  // Reading runs at all; which runs is decided per record (`read-execution`).
  "executions:read": ["executions:read:own", "executions:read:all"]
};
var ROUTE_PERMISSIONS = [
  "public",
  ...Object.keys(DERIVED),
  "definitions:modify",
  "definitions:approve",
  "actions:execute",
  "executions:read:own",
  "executions:read:all",
  "audit:read",
  "reports:read",
  "admin"
];
function decideAccess(principal, request) {
  if (request.kind === "route" && request.permission === "public") return true;
  if (!principal) return false;
  const has = (p) => holds(principal, p);
  switch (request.kind) {
    case "route": {
      const permission = request.permission;
      if (permission === "public") return true;
      if (permission in DERIVED) {
        return DERIVED[permission].some(has);
      }
      return has(permission);
    }
    case "execute":
      if (principal.permissions.has("admin")) return true;
      return principal.executeGrants.some((grant) => matchActionScope(grant.scope, request.action));
    case "read-execution":
      if (has("executions:read:all")) return true;
      return principal.permissions.has("executions:read:own") && normalizeEmail(request.initiator) === principal.email;
  }
}
function holds(principal, permission) {
  return principal.permissions.has("admin") || principal.permissions.has(permission);
}
function executionVisibility(principal) {
  if (!principal || !decideAccess(principal, { kind: "route", permission: "executions:read" })) return "none";
  return holds(principal, "executions:read:all") ? "all" : "own";
}

export {
  normalizeEmail,
  resolvePrincipal,
  ROUTE_PERMISSIONS,
  decideAccess,
  executionVisibility
};
