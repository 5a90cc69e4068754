function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  matchActionScope,
  normalizeEmail
} from "./chunk-A5UXXCI2.js";
import {
  PERMISSIONS
} from "./chunk-6O2CUPPL.js";

// src/access/decide-access.ts
var DERIVED = {
  // Definitions are in the repo anyway; every role member may read them.
  "definitions:read": PERMISSIONS.filter((p) => p !== "admin"),
  // The change history of definitions: the people who change and approve them, and auditors.
  "history:read": ["definitions:modify", "definitions:approve", "audit:read"],
  // Reading runs at all; which runs is decided per record (`read-execution`).
  "executions:read": ["executions:read:own", "executions:read:all"]
};
var ROUTE_PERMISSIONS = [
  "public",
  ...Object.keys(DERIVED),
  ...PERMISSIONS
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
    case "cancel-run":
      return principal.permissions.has("admin") || normalizeEmail(request.initiator) === principal.email;
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
  ROUTE_PERMISSIONS,
  decideAccess,
  executionVisibility
};
