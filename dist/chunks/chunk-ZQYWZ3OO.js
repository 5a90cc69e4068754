function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  uniqueUsers
} from "./chunk-QDGFH3S3.js";
import {
  diffValues
} from "./chunk-3HNKWDGP.js";
import {
  definitionKey,
  problemsOf,
  scriptPathOf,
  stableId
} from "./chunk-O7JP4MY6.js";
import {
  DEFINITION_KINDS,
  TYPE_OF_KIND,
  kindOfPath
} from "./chunk-6O2CUPPL.js";

// src/history/fold/after-state.ts
function afterOf(state, holder, before, parsed) {
  const file = state.files[holder];
  if (parsed?.ok) {
    if (file.copy) delete file.copy;
    const problems = problemsOf(parsed.findings);
    return {
      value: parsed.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems
    };
  }
  if (parsed) {
    return {
      value: before.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: false,
      valid: false,
      problems: problemsOf(parsed.findings)
    };
  }
  if (file.copy && holder !== before?.path) {
    const { value, problems } = file.copy;
    delete file.copy;
    return {
      value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems
    };
  }
  const b = before;
  return {
    value: b.value,
    path: holder,
    blob: b.blob,
    fileBlob: null,
    parsed: b.parsed,
    valid: b.valid,
    problems: b.problems
  };
}

// src/history/attribute-change.ts
function attribute(commit, paths) {
  const own = commit.facts.coAuthors;
  if (!commit.side) return { user: commit.author, authors: uniqueUsers([commit.author, ...own]) };
  const touching = commit.side.filter((s) => s.paths.some((p) => paths.includes(p)));
  const user = touching[0]?.author ?? commit.author;
  return {
    user,
    authors: uniqueUsers([
      user,
      ...touching.map((s) => s.author),
      ...touching.flatMap((s) => s.coAuthors),
      ...own
    ])
  };
}

// src/history/fold/audited-value.ts
var stepsCache = /* @__PURE__ */ new WeakMap();
function stepsOf(value) {
  let out = stepsCache.get(value);
  if (!out) {
    const steps = Array.isArray(value.steps) ? value.steps : [];
    const seen = /* @__PURE__ */ new Set();
    out = steps.filter((s) => {
      if (s === null || typeof s !== "object" || Array.isArray(s)) return false;
      const id = s.id;
      if (typeof id !== "string" && typeof id !== "number") return false;
      return !seen.has(String(id)) && Boolean(seen.add(String(id)));
    });
    stepsCache.set(value, out);
  }
  return out;
}
function augment(value, fileBlob) {
  if (scriptPathOf(value) === null) return value;
  return { ...value, script: { ...value.script, file_blob: fileBlob } };
}
function shapeOf(kind, value, fileBlob) {
  if (kind === "runbook") return { ...value, steps: stepsOf(value).map((s) => String(s.id)) };
  return augment(value, fileBlob);
}

// src/history/credit-pointers.ts
var changedCache = /* @__PURE__ */ new WeakMap();
function creditPointers(commit, kind, paths, pointers, ctx) {
  const side = commit.side ?? [];
  return pointers.map((pointer) => {
    for (const sc of side) {
      for (const ch of sc.changes) {
        if (!paths.includes(ch.path)) continue;
        const set = changedBy(sc, ch, kind, ctx);
        if (set === "all" || pointer === "" || set.some((k) => related(k, pointer))) {
          return { name: sc.author.name, email: sc.author.email, commit: sc.sha };
        }
      }
    }
    return { name: commit.author.name, email: commit.author.email, commit: commit.sha };
  });
}
function related(a, b) {
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}
function changedBy(sc, ch, kind, ctx) {
  let byPath = changedCache.get(sc);
  if (!byPath) changedCache.set(sc, byPath = /* @__PURE__ */ new Map());
  let set = byPath.get(ch.path);
  if (set === void 0) {
    if (kindOfPath(ch.path, ctx.definitionsDir) === null) set = ["/script/file_blob"];
    else {
      const old = ch.oldBlob ? ctx.sideValue?.(kind, ch.oldBlob) ?? null : null;
      const now = ch.newBlob ? ctx.sideValue?.(kind, ch.newBlob) ?? null : null;
      set = old && now ? Object.keys(diffValues(old, now)) : "all";
    }
    byPath.set(ch.path, set);
  }
  return set;
}

// src/history/fold/push-event.ts
var VALID = { valid: true, problems: [] };
function pushEvent(shared, type, auditableId, action, version, changes, filePath, blob, validity) {
  const { commit, ctx, revert } = shared;
  const partial = ctx.partial === true;
  if (partial && action === "create" && version === 1) {
    action = "update";
    changes = diffValues({}, changes);
  }
  const restores = revert.restores && revert.restores.type === type && revert.restores.id === auditableId ? { version: revert.restores.version, commit: revert.restores.commit } : null;
  shared.out.events.push({
    id: stableId(commit.sha, type, auditableId),
    auditable_type: type,
    auditable_id: auditableId,
    action,
    version,
    audited_changes: changes,
    user: shared.who.user,
    commit: commit.sha,
    created_at: commit.createdAt,
    path: filePath,
    message: commit.facts.subject,
    pull_request: commit.facts.pullRequest,
    revert_of: revert.of,
    blob,
    authors: shared.who.authors,
    committer: commit.committer,
    valid: validity.valid,
    problems: validity.problems,
    changed_by: commit.side ? creditOf(shared, type, auditableId, action, changes) : null,
    merged_by: commit.side ? commit.committer : null,
    restores,
    partial,
    forge: commit.facts.forge,
    approvals: null
  });
}
function creditOf(shared, type, auditableId, action, changes) {
  const stepPrefix = type === "Runbook::Step" ? `/steps/${auditableId.slice(auditableId.indexOf("/") + 1)}` : "";
  const pointers = action === "update" ? Object.keys(changes) : [""];
  const credits = creditPointers(
    shared.commit,
    shared.kind,
    shared.paths,
    pointers.map((p) => stepPrefix + p),
    shared.ctx
  );
  const out = {};
  pointers.forEach((p, i) => out[p] = credits[i]);
  return out;
}

// src/history/fold/fold-steps.ts
function foldSteps(shared, runbookId, before, after, file, validity) {
  const { state, commit } = shared;
  const beforeById = new Map(before.map((s) => [String(s.id), s]));
  const afterById = new Map(after.map((s) => [String(s.id), s]));
  const ids = [...beforeById.keys()];
  for (const id of afterById.keys()) if (!beforeById.has(id)) ids.push(id);
  const filePath = file?.path ?? shared.state.objects[definitionKey("runbook", runbookId)].path;
  const blob = file?.blob ?? null;
  for (const stepId of ids) {
    const b = beforeById.get(stepId) ?? null;
    const a = afterById.get(stepId) ?? null;
    if (b !== null && b === a) continue;
    const auditableId = `${runbookId}/${stepId}`;
    const step = state.steps[auditableId];
    if (!b && a) {
      const version = (step?.version ?? 0) + 1;
      state.steps[auditableId] = { version, live: true, commit: commit.sha };
      pushEvent(shared, "Runbook::Step", auditableId, "create", version, a, filePath, blob, validity);
    } else if (b && !a && step) {
      step.version += 1;
      step.live = false;
      step.commit = commit.sha;
      pushEvent(shared, "Runbook::Step", auditableId, "delete", step.version, b, filePath, null, VALID);
    } else if (b && a && step) {
      const changes = diffValues(b, a);
      if (Object.keys(changes).length === 0) continue;
      step.version += 1;
      step.commit = commit.sha;
      pushEvent(
        shared,
        "Runbook::Step",
        auditableId,
        "update",
        step.version,
        changes,
        filePath,
        blob,
        validity
      );
    }
  }
}

// src/history/fold/emit-change.ts
function emitChange(state, commit, ctx, kind, id, key, before, after, out, revert) {
  if (!before && !after) return;
  const type = TYPE_OF_KIND[kind];
  const relevant = [before?.path, after?.path, after ? scriptPathOf(after.value) : null].filter(
    (p) => typeof p === "string"
  );
  const who = attribute(commit, relevant);
  const prev = state.objects[key];
  const version = prev?.version ?? 0;
  const shared = { kind, who, commit, ctx, out, state, revert, paths: relevant };
  if (!before && after) {
    const obj = setObject(state, key, type, id, version + 1, after, commit.sha);
    const whole = augment(after.value, after.fileBlob);
    const validity2 = { valid: after.valid, problems: after.problems };
    pushEvent(shared, type, id, "create", obj.version, whole, after.path, after.blob, validity2);
    if (kind === "runbook") foldSteps(shared, id, [], stepsOf(after.value), after, validity2);
    pushState(shared, key, obj, after);
    return;
  }
  if (before && !after) {
    before.version += 1;
    before.live = false;
    before.commit = commit.sha;
    const whole = augment(before.value, before.fileBlob);
    pushEvent(shared, type, id, "delete", before.version, whole, before.path, null, VALID);
    if (kind === "runbook") foldSteps(shared, id, stepsOf(before.value), [], null, VALID);
    out.states.push(stateRecord(key, commit, before.version, null, before.path, null, null));
    return;
  }
  const b = before;
  const a = after;
  const changes = a.parsed ? diffValues(shapeOf(kind, b.value, b.fileBlob), shapeOf(kind, a.value, a.fileBlob)) : {};
  if (b.path !== a.path) changes["/__path"] = [b.path, a.path];
  const changed = Object.keys(changes).length > 0 || !a.parsed && a.blob !== b.blob || a.parsed && !b.parsed && a.blob !== b.blob;
  const validity = { valid: a.valid, problems: a.problems };
  if (changed) {
    b.version += 1;
    b.commit = commit.sha;
    pushEvent(shared, type, id, "update", b.version, changes, a.path, a.blob, validity);
  }
  if (kind === "runbook" && a.parsed) foldSteps(shared, id, stepsOf(b.value), stepsOf(a.value), a, validity);
  if (changed || b.blob !== a.blob || b.fileBlob !== a.fileBlob) {
    b.value = a.value;
    b.path = a.path;
    b.blob = a.blob;
    b.fileBlob = a.fileBlob;
    b.parsed = a.parsed;
    b.valid = a.valid;
    b.problems = a.problems;
    pushState(shared, key, b, a);
  }
}
function setObject(state, key, type, id, version, after, commit) {
  const obj = {
    type,
    id,
    version,
    live: true,
    path: after.path,
    blob: after.blob,
    value: after.value,
    fileBlob: after.fileBlob,
    parsed: after.parsed,
    valid: after.valid,
    problems: after.problems,
    commit
  };
  state.objects[key] = obj;
  return obj;
}
function pushState(shared, key, obj, after) {
  shared.out.states.push(
    stateRecord(
      key,
      shared.commit,
      obj.version,
      after.blob,
      after.path,
      after.fileBlob,
      after.parsed ? after.value : null,
      after.valid
    )
  );
}
function stateRecord(key, commit, version, blob, filePath, fileBlob, value, valid = true) {
  return {
    key,
    seq: commit.seq,
    commit: commit.sha,
    created_at: commit.createdAt,
    version,
    blob,
    path: filePath,
    file_blob: fileBlob,
    value,
    valid
  };
}

// src/history/fold/invalid-entry.ts
function addFindings(out, entry) {
  const same = out.invalid.find((e) => e.path === entry.path);
  if (same) same.findings.push(...entry.findings);
  else out.invalid.push(entry);
}
function invalidEntry(commit, kind, auditableId, filePath, findings, paths) {
  return {
    id: stableId(commit.sha, "invalid", filePath),
    action: "invalid",
    auditable_type: TYPE_OF_KIND[kind],
    auditable_id: auditableId,
    path: filePath,
    commit: commit.sha,
    created_at: commit.createdAt,
    user: attribute(commit, paths).user,
    message: commit.facts.subject,
    findings: findings.map((f) => ({ ...f, file: filePath }))
  };
}

// src/history/fold/find-holder.ts
function findHolder(state, kind, id, before, fresh, defChanges, commit, out) {
  const claims = (p) => {
    const f = state.files[p];
    return f !== void 0 && f.kind === kind && f.id === id;
  };
  let holder = before && claims(before.path) ? before.path : null;
  if (holder === null) {
    let best = null;
    for (const p in state.files) {
      const f = state.files[p];
      if (f.kind !== kind || f.id !== id || !(fresh.get(p)?.ok || f.copy)) continue;
      const b = best === null ? null : state.files[best];
      if (b === null || f.valid && !b.valid || f.valid === b.valid && (f.since < b.since || f.since === b.since && p < best)) {
        best = p;
      }
    }
    holder = best;
  }
  for (const c of defChanges) {
    const f = state.files[c.path];
    const parsed = fresh.get(c.path);
    if (c.path === holder || !f || !claims(c.path) || !parsed?.ok) continue;
    f.copy = { value: parsed.value, problems: problemsOf(parsed.findings) };
    if (holder === null || f.since !== commit.seq) continue;
    addFindings(
      out,
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: "duplicate_id",
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: "Give each definition its own id; history follows the file that held it first.",
            pointer: "/id",
            severity: "error"
          }
        ],
        [c.path]
      )
    );
  }
  return holder;
}

// src/history/fold/revert-facts.ts
function revertFacts(state, commit, ctx) {
  if (commit.revertsCommit) return { of: commit.revertsCommit, restores: null };
  const audit = commit.facts.revertsAudit;
  if (!audit) return { of: null, restores: null };
  const made = ctx.versionCommit(audit.id, audit.version);
  for (const kind of DEFINITION_KINDS) {
    const obj = state.objects[definitionKey(kind, audit.id)];
    if (obj) return restoring(TYPE_OF_KIND[kind], audit, obj.commit, made);
  }
  const step = state.steps[audit.id];
  if (step) return restoring("Runbook::Step", audit, step.commit, made);
  return { of: made, restores: null };
}
function restoring(type, audit, current, made) {
  return {
    of: current,
    restores: made === null ? null : { type, id: audit.id, version: audit.version, commit: made }
  };
}

// src/history/fold-history.ts
function foldCommit(state, commit, ctx) {
  const out = { seq: commit.seq, events: [], states: [], invalid: [], missingScripts: [] };
  const touched = [];
  const touch = (key) => void (touched.includes(key) || touched.push(key));
  const fresh = /* @__PURE__ */ new Map();
  let changedScripts = null;
  const { changes } = commit;
  const kinds = [];
  const defChanges = [];
  for (const c of changes) {
    const kind = kindOfPath(c.path, ctx.definitionsDir);
    kinds.push(kind);
    if (kind !== null) defChanges.push(c);
    else if (Object.hasOwn(state.scripts, c.path)) {
      state.scripts[c.path] = c.newBlob;
      (changedScripts ??= /* @__PURE__ */ new Set()).add(c.path);
    }
  }
  const revert = revertFacts(state, commit, ctx);
  for (let i = 0; i < changes.length; i++) {
    const kind = kinds[i];
    if (!kind) continue;
    const c = changes[i];
    const old = state.files[c.path];
    if (old?.id) touch(definitionKey(kind, old.id));
    if (c.newBlob === null) {
      delete state.files[c.path];
      continue;
    }
    const parsed = ctx.parse(kind, c.newBlob, c.path, commit.schema);
    fresh.set(c.path, parsed);
    if (parsed.ok) {
      const id = String(parsed.value.id);
      const valid = parsed.findings.length === 0;
      const since = old?.id === id ? old.since : commit.seq;
      state.files[c.path] = { kind, id, blob: c.newBlob, parsed: true, valid, since };
      touch(definitionKey(kind, id));
      if (!valid) out.invalid.push(invalidEntry(commit, kind, id, c.path, parsed.findings, [c.path]));
    } else {
      const id = old?.id ?? null;
      state.files[c.path] = {
        kind,
        id,
        blob: c.newBlob,
        parsed: false,
        valid: false,
        since: old?.since ?? 0
      };
      out.invalid.push(invalidEntry(commit, kind, id ?? parsed.id, c.path, parsed.findings, [c.path]));
    }
  }
  if (changedScripts !== null) {
    for (const key in state.objects) {
      const obj = state.objects[key];
      if (obj.type !== "Action" || !obj.live) continue;
      const sp = scriptPathOf(obj.value);
      if (sp !== null && changedScripts.has(sp)) touch(key);
    }
  }
  for (const key of touched) {
    const sep = key.indexOf(":");
    const kind = key.slice(0, sep);
    const id = key.slice(sep + 1);
    const obj = state.objects[key];
    const before = obj?.live ? obj : null;
    const holder = findHolder(state, kind, id, before, fresh, defChanges, commit, out);
    let after = null;
    if (holder !== null) {
      after = afterOf(state, holder, before, fresh.get(holder));
      const sp = kind === "action" ? scriptPathOf(after.value) : null;
      if (sp !== null) {
        if (Object.hasOwn(state.scripts, sp)) after.fileBlob = state.scripts[sp] ?? null;
        else if (!out.missingScripts.includes(sp)) out.missingScripts.push(sp);
      }
    }
    emitChange(state, commit, ctx, kind, id, key, before, after, out, revert);
  }
  state.seq = commit.seq;
  return out;
}

export {
  foldCommit
};
