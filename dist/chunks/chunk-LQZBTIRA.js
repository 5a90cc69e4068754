function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  matchActionScope,
  normalizeEmail
} from "./chunk-A5UXXCI2.js";
import {
  openTreeSource,
  readRules,
  validateSource
} from "./chunk-XPH2G7LF.js";
import {
  parseBlob
} from "./chunk-LS7CCVM2.js";
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
import {
  foldCommit
} from "./chunk-ZQYWZ3OO.js";
import {
  parseCommitMessage,
  uniqueUsers
} from "./chunk-QDGFH3S3.js";
import {
  deepEqual,
  escapePointer
} from "./chunk-3HNKWDGP.js";
import {
  createFoldState,
  scriptPathOf
} from "./chunk-O7JP4MY6.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  KIND_OF_TYPE,
  kindOfPath
} from "./chunk-6O2CUPPL.js";
import {
  locatePointer,
  parseYaml
} from "./chunk-O64KD3H5.js";

// src/review/assess-risk.ts
var SENSITIVE = ["script", "targets", "credential", "parameters"];
var POWERFUL = ["admin", "definitions:approve"];
function assessRisk(input) {
  const high = [];
  const statusBefore = statusOf(input.before);
  const statusAfter = statusOf(input.after);
  if (input.kind === "action" && statusBefore === "released" && input.action === "update") {
    for (const field of SENSITIVE) {
      if (input.pointers.some((p) => p === `/${field}` || p.startsWith(`/${field}/`))) {
        high.push(`${field} of a released action`);
      }
    }
  }
  if (statusAfter === "released" && statusBefore !== "released") high.push("status \u2192 released");
  if (input.kind === "role") high.push(...roleGains(input.before, input.after));
  if (high.length > 0) return { risk: "high", reasons: high };
  const descriptionsOnly = input.action === "update" && input.pointers.length > 0 && input.pointers.every((p) => p === "/description" || p.endsWith("/description"));
  if (descriptionsOnly) return { risk: "low", reasons: ["descriptions only"] };
  if (input.kind === "role") return { risk: "medium", reasons: ["access change"] };
  if (statusBefore === "released" || statusAfter === "released") {
    return { risk: "medium", reasons: [`change to a released ${input.kind}`] };
  }
  const status = statusAfter ?? statusBefore;
  return { risk: "low", reasons: status ? [`${status} ${input.kind}`] : [] };
}
function statusOf(value) {
  return typeof value?.status === "string" ? value.status : null;
}
function listOf(value, key) {
  const list = value?.[key];
  return Array.isArray(list) ? list.map(String) : [];
}
function roleGains(before, after) {
  if (after === null) return [];
  const had = listOf(before, "permissions");
  const has = listOf(after, "permissions");
  const reasons = [];
  for (const permission of POWERFUL) {
    if (has.includes(permission) && !had.includes(permission)) reasons.push(`role gains ${permission}`);
  }
  const oldMembers = new Set(listOf(before, "members").map((m) => m.toLowerCase()));
  const added = listOf(after, "members").filter((m) => !oldMembers.has(m.toLowerCase()));
  const powerful = POWERFUL.filter((p) => has.includes(p) && had.includes(p));
  if (added.length > 0 && powerful.length > 0) {
    reasons.push(`${added.join(", ")} gain${added.length === 1 ? "s" : ""} ${powerful.join(" and ")}`);
  }
  return reasons;
}

// src/review/compute-impact.ts
function computeImpact(input) {
  const changedActions = new Set(
    [...input.changed].filter((k) => k.startsWith("action:")).map((k) => k.slice("action:".length))
  );
  const runbooks = [];
  for (const def of input.after) {
    if (def.kind !== "runbook") continue;
    const steps = stepsOf(def.value).filter((s) => changedActions.has(s.action));
    if (steps.length > 0) runbooks.push({ id: def.id, path: def.path, steps });
  }
  return { runbooks, access: accessChanges(input), schedules: scheduleChanges(input) };
}
function stepsOf(value) {
  const steps = Array.isArray(value.steps) ? value.steps : [];
  return steps.filter((s) => s !== null && typeof s === "object" && typeof s.action === "string").map((s) => ({ id: String(s.id), action: String(s.action) }));
}
function rolesOf(side) {
  return side.filter((d) => d.kind === "role").map((d) => d.value);
}
function tagsOf(value) {
  return Array.isArray(value.tags) ? value.tags.map(String) : [];
}
function allowedUsers(roles, id, tags) {
  const out = /* @__PURE__ */ new Set();
  for (const role of roles) {
    const perms = Array.isArray(role.permissions) ? role.permissions : [];
    const grants = perms.includes("admin") || perms.includes("actions:execute") && matchActionScope(role.scope?.actions, { id, tags });
    if (!grants || !Array.isArray(role.members)) continue;
    for (const member of role.members) out.add(normalizeEmail(String(member)));
  }
  return out;
}
function accessChanges(input) {
  const rolesChanged = [...input.changed].some((k) => k.startsWith("role:"));
  const rolesBefore = rolesOf(input.before);
  const rolesAfter = rolesOf(input.after);
  const beforeActions = new Map(input.before.filter((d) => d.kind === "action").map((d) => [d.id, d]));
  const out = [];
  for (const def of input.after) {
    const old = def.kind === "action" ? beforeActions.get(def.id) : void 0;
    if (!old) continue;
    const tagsBefore = tagsOf(old.value);
    const tagsAfter = tagsOf(def.value);
    if (!rolesChanged && deepEqual(tagsBefore, tagsAfter)) continue;
    const was = allowedUsers(rolesBefore, def.id, tagsBefore);
    const is = allowedUsers(rolesAfter, def.id, tagsAfter);
    const gained = [...is].filter((e) => !was.has(e)).sort();
    const lost = [...was].filter((e) => !is.has(e)).sort();
    if (gained.length + lost.length > 0) out.push({ action: def.id, gained, lost });
  }
  return out;
}
function scheduleChanges(input) {
  const byKey = (side) => new Map(side.map((d) => [`${d.kind}:${d.id}`, d]));
  const before = byKey(input.before);
  const after = byKey(input.after);
  const out = [];
  for (const key of input.changed) {
    const kind = key.slice(0, key.indexOf(":"));
    if (kind === "role") continue;
    const b = before.get(key)?.value.schedule ?? null;
    const a = after.get(key)?.value.schedule ?? null;
    if (!deepEqual(b, a)) out.push({ kind, id: key.slice(key.indexOf(":") + 1), before: b, after: a });
  }
  return out.sort((x, y) => x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

// src/review/find-approvers.ts
function findApprovers(roles, subject) {
  const out = /* @__PURE__ */ new Set();
  for (const role of roles) {
    if (!covers(role, subject)) continue;
    for (const member of role.members) out.add(normalizeEmail(member));
  }
  return [...out].sort();
}
function covers(role, subject) {
  if (role.permissions.includes("admin")) return true;
  if (!role.permissions.includes("definitions:approve")) return false;
  const scope = role.scope?.actions;
  if (scope === void 0) return true;
  if (subject.kind === "action") return matchActionScope(scope, subject);
  if (subject.kind === "runbook") return subject.calls.every((action) => matchActionScope(scope, action));
  return false;
}
var NOREPLY = /^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$/i;
function describeApprovers(roles, emails, githubLogins = {}) {
  return [...new Set(emails.map(normalizeEmail))].sort().map((email) => {
    const logins = Object.entries(githubLogins).filter(([, mapped]) => normalizeEmail(mapped) === email).map(([login]) => login);
    const noreply = NOREPLY.exec(email)?.[1];
    if (noreply && !logins.some((l) => l.toLowerCase() === noreply.toLowerCase())) logins.push(noreply);
    const memberOf = roles.filter((role) => role.members.some((m) => normalizeEmail(m) === email)).map((role) => role.id).sort();
    return { email, roles: memberOf, logins: logins.sort() };
  });
}

// src/review/locate-changes.ts
function locateChanges(text, file, pointers) {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return pointers.map((pointer) => ({ pointer, line: 1, col: 1 }));
  const value = parsed.parsed.value;
  return pointers.map((pointer) => {
    if (pointer === "/__path") return { pointer, line: 1, col: 1 };
    const target = pointer === "/script/file_blob" ? "/script/file" : pointer;
    const { line, col } = locatePointer(parsed.parsed, toIndexPointer(value, target));
    return { pointer, line, col };
  });
}
function toIndexPointer(value, pointer) {
  if (pointer === "") return "";
  const segments = pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = value;
  const out = [];
  for (const segment of segments) {
    if (Array.isArray(node)) {
      const index = indexOfItem(node, segment);
      out.push(String(index));
      node = index >= 0 ? node[index] : void 0;
    } else if (node !== null && typeof node === "object") {
      out.push(segment);
      node = node[segment];
    } else {
      out.push(segment);
      node = void 0;
    }
  }
  return out.map((s) => `/${escapePointer(s)}`).join("");
}
function indexOfItem(items, segment) {
  for (const key of ["id", "name"]) {
    const i = items.findIndex(
      (it) => it !== null && typeof it === "object" && String(it[key]) === segment
    );
    if (i >= 0) return i;
  }
  return /^\d+$/.test(segment) ? Number(segment) : -1;
}

// src/review/pr-check-report.ts
var RISK_ORDER = ["low", "medium", "high"];

// src/review/assemble-pr-report.ts
function assembleReport(parts) {
  const { fold } = parts;
  const groups = groupEvents(fold.events);
  const side = (list) => new Map(list.map((d) => [`${d.kind}:${d.id}`, d]));
  const before = side(fold.before);
  const after = side(fold.after);
  const impact = computeImpact({ changed: new Set(groups.keys()), before: fold.before, after: fold.after });
  const reported = /* @__PURE__ */ new Set([...parts.changedPaths, ...impact.runbooks.map((r) => r.path)]);
  const findings = parts.validation.findings.filter((f) => reported.has(f.file));
  const authors = new Set(parts.authors.map((a) => a.email.toLowerCase()));
  const definitions = [];
  for (const [key, { own, steps }] of groups) {
    const kind = key.slice(0, key.indexOf(":"));
    const id = key.slice(key.indexOf(":") + 1);
    const b = before.get(key)?.value ?? null;
    const a = after.get(key)?.value ?? null;
    const first = own ?? steps[0];
    const action = own?.action ?? "update";
    const path = first.path;
    const pointers = [
      ...action === "update" && own ? Object.keys(own.audited_changes) : [],
      ...steps.flatMap((s) => {
        const prefix = `/steps/${s.auditable_id.slice(s.auditable_id.indexOf("/") + 1)}`;
        return s.action === "update" ? Object.keys(s.audited_changes).map((p) => prefix + p) : [prefix];
      })
    ];
    const { risk: risk2, reasons } = assessRisk({ kind, action, pointers, before: b, after: a });
    const blob = own?.blob ?? steps.find((s) => s.blob)?.blob ?? null;
    definitions.push({
      kind,
      auditable_type: own?.auditable_type ?? "Runbook",
      id,
      action,
      path,
      status: { before: statusOf2(b), after: statusOf2(a) },
      audited_changes: own?.audited_changes ?? {},
      steps: steps.map((s) => ({
        auditable_id: s.auditable_id,
        action: s.action,
        audited_changes: s.audited_changes
      })),
      locations: action === "delete" || blob === null ? [] : locateChanges(parts.textOf(blob), path, action === "create" ? ["/id"] : pointers),
      findings: findings.filter((f) => f.file === path),
      risk: risk2,
      risk_reasons: reasons,
      approvals_required: parts.required[risk2],
      approvers: findApprovers(parts.baseRoles, subjectOf(kind, id, b, a, before, after)).filter(
        (email) => !authors.has(email)
      )
    });
  }
  definitions.sort((x, y) => x.path < y.path ? -1 : x.path > y.path ? 1 : x.id < y.id ? -1 : 1);
  const errors = findings.filter((f) => f.severity === "error").length;
  const risk = definitions.reduce((max, d) => rank(d.risk) > rank(max) ? d.risk : max, "low");
  return {
    version: 1,
    base: parts.base,
    head: parts.head,
    merge_base: parts.mergeBase,
    ok: errors === 0,
    counts: { definitions: definitions.length, errors, warnings: findings.length - errors },
    findings,
    definitions,
    impact,
    risk,
    approvals: {
      required: definitions.reduce((n, d) => Math.max(n, d.approvals_required), 0),
      authors: parts.authors,
      approvers: describeApprovers(
        parts.baseRoles,
        definitions.flatMap((d) => d.approvers),
        parts.githubLogins
      )
    }
  };
}
function rank(risk) {
  return RISK_ORDER.indexOf(risk);
}
function statusOf2(value) {
  return typeof value?.status === "string" ? value.status : null;
}
function groupEvents(events) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of events) {
    const step = e.auditable_type === "Runbook::Step";
    const id = step ? e.auditable_id.slice(0, e.auditable_id.indexOf("/")) : e.auditable_id;
    const key = `${KIND_OF_TYPE[e.auditable_type]}:${id}`;
    let group = groups.get(key);
    if (!group) groups.set(key, group = { own: null, steps: [] });
    if (step) group.steps.push(e);
    else group.own = e;
  }
  return groups;
}
function subjectOf(kind, id, b, a, before, after) {
  const tags = (v) => Array.isArray(v?.tags) ? v.tags.map(String) : [];
  const calls = [];
  if (kind === "runbook") {
    const stepActions = [b, a].flatMap(
      (v) => Array.isArray(v?.steps) ? v.steps.map((s) => String(s?.action)) : []
    );
    for (const action of new Set(stepActions)) {
      const known = before.get(`action:${action}`) ?? after.get(`action:${action}`);
      calls.push({ id: action, tags: tags(known?.value) });
    }
  }
  return { kind, id, tags: tags(b ?? a), calls };
}

// src/review/fold-pr-changes.ts
var NOBODY = { name: "", email: "" };
function foldPrChanges(input) {
  const state = createFoldState();
  Object.assign(state.scripts, input.scripts);
  const ctx = {
    definitionsDir: input.definitionsDir,
    parse: (kind, blob, file) => input.parse(kind, blob, file),
    versionCommit: () => null
  };
  const creates = input.baseFiles.map((f) => ({ path: f.path, oldBlob: null, newBlob: f.blob }));
  foldCommit(state, fakeCommit(1, creates), ctx);
  const before = liveDefinitions(state);
  const relevant = input.changes.filter(
    (c) => kindOfPath(c.path, input.definitionsDir) !== null || Object.hasOwn(input.scripts, c.path)
  );
  const { events } = foldCommit(state, fakeCommit(2, relevant), ctx);
  return { events, before, after: liveDefinitions(state) };
}
function fakeCommit(seq, changes) {
  return {
    seq,
    sha: String(seq).padStart(40, "0"),
    createdAt: (/* @__PURE__ */ new Date(0)).toISOString(),
    author: NOBODY,
    committer: NOBODY,
    facts: parseCommitMessage(""),
    revertsCommit: null,
    side: null,
    schema: "pr",
    changes
  };
}
function liveDefinitions(state) {
  const out = [];
  for (const [key, obj] of Object.entries(state.objects)) {
    if (!obj.live) continue;
    const kind = key.slice(0, key.indexOf(":"));
    out.push({ kind, id: obj.id, path: obj.path, value: obj.value });
  }
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

// src/review/read-pr-revisions.ts
async function resolveRevision(repo, name) {
  if (name.startsWith("-")) throw new OpsledgerError("INPUT_INVALID", `not a revision: ${name}`);
  const result = await runGitRaw(repo, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${name}^{commit}`
  ]);
  if (result.code !== 0) {
    throw new OpsledgerError("INPUT_INVALID", `no commit named ${name}`, {
      hint: "Name a branch, tag or sha that exists here; in CI fetch the base first (`git fetch origin main`, or `fetch-depth: 0`)."
    });
  }
  return result.stdout.trim();
}
async function mergeBase(repo, base, head) {
  const result = await runGitRaw(repo, ["merge-base", base, head]);
  if (result.code !== 0) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `${base.slice(0, 7)} and ${head.slice(0, 7)} have no merge base`,
      {
        hint: "Fetch enough history for both sides (actions/checkout with `fetch-depth: 0`)."
      }
    );
  }
  return result.stdout.trim();
}
async function listFiles(repo, rev, dir) {
  const output = await runGit(repo, ["ls-tree", "-r", "-z", "--full-tree", rev, "--", `${dir}/`]);
  const out = [];
  for (const record of output.split("\0")) {
    const tab = record.indexOf("	");
    if (tab < 0) continue;
    const [, type, oid] = record.slice(0, tab).split(" ");
    if (type === "blob" && oid) out.push({ path: record.slice(tab + 1), blob: oid });
  }
  return out;
}
async function diffFiles(repo, from, to) {
  const output = await runGit(repo, ["diff", "--raw", "-z", "--no-renames", "--no-abbrev", from, to]);
  const fields = output.split("\0");
  const out = [];
  const zero = /^0+$/;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i].split(" ");
    const path = fields[i + 1];
    const oldBlob = meta[2] ?? "";
    const newBlob = meta[3] ?? "";
    out.push({
      path,
      oldBlob: zero.test(oldBlob) ? null : oldBlob,
      newBlob: zero.test(newBlob) ? null : newBlob
    });
  }
  return out;
}
async function readAuthors(repo, from, to) {
  const output = await runGit(repo, ["log", "--format=%x01%aN%x00%aE%x00%B", `${from}..${to}`]);
  const users = [];
  for (const record of output.split("")) {
    if (record === "") continue;
    const [name = "", email = "", message = ""] = record.split("\0");
    users.push({ name, email: email.toLowerCase() }, ...parseCommitMessage(message).coAuthors);
  }
  return uniqueUsers(users.map((u) => ({ name: u.name, email: u.email.toLowerCase() })));
}

// src/review/pr-check.ts
async function runPrCheck(options) {
  const { repo } = options;
  const [base, head] = await Promise.all([
    resolveRevision(repo, options.base),
    resolveRevision(repo, options.head)
  ]);
  const mb = await mergeBase(repo, base, head);
  const [baseSource, headSource] = await Promise.all([
    openTreeSource(repo, base),
    openTreeSource(repo, head)
  ]);
  const rules = await readRules(baseSource);
  const dir = rules.definitionsDir;
  const [validation, baseFiles, roleFiles, changes, authors] = await Promise.all([
    validateSource(headSource, { rules: baseSource }),
    listFiles(repo, mb, dir),
    listFiles(repo, base, `${dir}/roles`),
    diffFiles(repo, mb, head),
    readAuthors(repo, mb, head)
  ]);
  const batch = openCatFileBatch(repo);
  try {
    const wanted = [...new Set([...baseFiles, ...roleFiles].map((f) => f.blob))];
    for (const c of changes) if (c.newBlob && kindOfPath(c.path, dir)) wanted.push(c.newBlob);
    const objects = await batch.readMany(wanted);
    const bytes = new Map(wanted.map((blob, i) => [blob, objects[i]?.content ?? Buffer.alloc(0)]));
    const parsed = /* @__PURE__ */ new Map();
    const parse = (kind, blob, file) => {
      const key = `${kind}:${blob}`;
      let hit = parsed.get(key);
      if (!hit)
        parsed.set(key, hit = parseBlob(bytes.get(blob) ?? Buffer.alloc(0), file, kind, rules.validators));
      return hit;
    };
    const defFiles = baseFiles.filter((f) => kindOfPath(f.path, dir) !== null);
    const scripts = await scriptBlobs(
      [...defFiles, ...changes.flatMap((c) => c.newBlob ? [{ path: c.path, blob: c.newBlob }] : [])],
      dir,
      parse,
      (p) => batch.read(`${mb}:${p}`).then((o) => o?.oid ?? null)
    );
    const fold = foldPrChanges({ definitionsDir: dir, baseFiles: defFiles, changes, scripts, parse });
    const baseRoles = roleFiles.flatMap((f) => {
      const r = kindOfPath(f.path, dir) === "role" ? parse("role", f.blob, f.path) : null;
      return r?.ok ? [r.value] : [];
    });
    return assembleReport({
      base: { ref: options.base, sha: base },
      head: { ref: options.head, sha: head },
      mergeBase: mb,
      fold,
      validation,
      changedPaths: changes.map((c) => c.path),
      textOf: (blob) => bytes.get(blob)?.toString("utf8") ?? "",
      baseRoles,
      authors,
      required: options.config.approvals.required,
      githubLogins: options.config.github.github_logins ?? {}
    });
  } finally {
    await batch.close();
  }
}
async function scriptBlobs(files, dir, parse, blobAtBase) {
  const paths = /* @__PURE__ */ new Set();
  for (const f of files) {
    if (kindOfPath(f.path, dir) !== "action") continue;
    const p = parse("action", f.blob, f.path);
    const sp = p.ok ? scriptPathOf(p.value) : null;
    if (sp !== null) paths.add(sp);
  }
  const out = {};
  for (const p of [...paths].sort()) out[p] = await blobAtBase(p);
  return out;
}

// src/review/change-lines.ts
function formatChangeValue(value, width = 60) {
  const text = value === void 0 ? "null" : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}\u2026` : text;
}
function changeLines(def, width = 60) {
  const lines = [];
  if (def.action === "create") lines.push("created");
  else if (def.action === "delete") lines.push("deleted");
  else lines.push(...pointerLines(def.audited_changes, "", width));
  for (const step of def.steps) {
    const prefix = `/steps/${step.auditable_id.slice(step.auditable_id.indexOf("/") + 1)}`;
    if (step.action === "update") lines.push(...pointerLines(step.audited_changes, prefix, width));
    else lines.push(`${prefix} ${step.action === "create" ? "added" : "removed"}`);
  }
  return lines;
}
function pointerLines(changes, prefix, width) {
  return Object.entries(changes).map(([pointer, change]) => {
    const [before, after] = change;
    return `${prefix}${pointer} ${formatChangeValue(before, width)} \u2192 ${formatChangeValue(after, width)}`;
  });
}
function definitionLabel(def) {
  return `${def.kind} ${def.id}`;
}

export {
  runPrCheck,
  formatChangeValue,
  changeLines,
  definitionLabel
};
