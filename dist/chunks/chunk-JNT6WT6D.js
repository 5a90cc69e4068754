function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  decideAccess
} from "./chunk-FW6C2LA4.js";
import {
  indexRoles,
  normalizeEmail,
  resolveIn,
  resolvePrincipal
} from "./chunk-A5UXXCI2.js";

// src/reports/holds-permission.ts
function holdsPermission(roles, email, permission, subject) {
  return decide(resolvePrincipal(email, roles), permission, subject);
}
var judged = /* @__PURE__ */ new WeakMap();
function createPermissionJudge() {
  const cache = judged;
  const answers = /* @__PURE__ */ new Map();
  const entry = (roles, email) => {
    let snapshot = cache.get(roles);
    if (!snapshot) cache.set(roles, snapshot = { index: indexRoles(roles), byUser: /* @__PURE__ */ new Map() });
    let e = snapshot.byUser.get(email);
    if (!e) {
      const principal = resolveIn(snapshot.index, email);
      snapshot.byUser.set(
        email,
        e = { principal, roles: [...principal.roles].sort(), grants: grantsOf(principal) }
      );
    }
    return e;
  };
  return {
    holds: (roles, email, permission, subject) => decide(entry(roles, email).principal, permission, subject),
    mayExecute: (roles, email, action, tags) => {
      const { principal, grants } = entry(roles, email);
      let byAction = answers.get(grants);
      if (!byAction) answers.set(grants, byAction = /* @__PURE__ */ new Map());
      let byTags = byAction.get(action);
      if (!byTags) byAction.set(action, byTags = /* @__PURE__ */ new Map());
      let ok = byTags.get(tags);
      if (ok === void 0) {
        ok = decide(principal, "actions:execute", { kind: "action", id: action, tags: tags ?? [] });
        byTags.set(tags, ok);
      }
      return ok;
    },
    rolesOf: (roles, email) => entry(roles, email).roles
  };
}
function grantsOf(principal) {
  if (principal.permissions.has("admin")) return "*";
  return JSON.stringify(principal.executeGrants.map((g) => g.scope ?? null));
}
function decide(principal, permission, subject) {
  if (permission === "actions:execute" && subject.kind === "action") {
    return decideAccess(principal, { kind: "execute", action: { id: subject.id, tags: subject.tags } });
  }
  return decideAccess(principal, { kind: "route", permission });
}

// src/review/judge-recorded-approvals.ts
function judgeRecordedApprovals(approvals, authors, mayApprove) {
  const verdict = {
    status: "none recorded",
    approvedBy: [],
    stale: [],
    ignored: []
  };
  if (approvals === null) return verdict;
  const authorEmails = new Set(authors.map(normalizeEmail));
  const latest = /* @__PURE__ */ new Map();
  const ordered = [...approvals].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
  for (const a of ordered) {
    if (a.state === "COMMENTED") verdict.ignored.push({ approval: a, reason: "not an approval" });
    else latest.set(`${a.pull_request}:${a.reviewer_login.toLowerCase()}`, a);
  }
  for (const a of latest.values()) {
    const email = a.email === null ? null : normalizeEmail(a.email);
    const reason = a.state !== "APPROVED" ? "not an approval" : a.by_author || email !== null && authorEmails.has(email) ? "by an author" : email === null ? "email unknown" : mayApprove(email) ? null : "no definitions:approve";
    if (reason !== null) verdict.ignored.push({ approval: a, reason });
    else if (a.stale) verdict.stale.push(a);
    else verdict.approvedBy.push(a);
  }
  verdict.status = verdict.approvedBy.length > 0 ? "approved" : verdict.stale.length > 0 ? "stale" : "unapproved";
  return verdict;
}

export {
  holdsPermission,
  createPermissionJudge,
  judgeRecordedApprovals
};
