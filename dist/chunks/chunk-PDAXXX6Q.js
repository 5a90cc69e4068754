import {
  uniqueUsers
} from "./chunk-KXWQ4V6J.js";
import {
  TYPE_OF_KIND,
  definitionKey,
  scriptPathOf,
  stableId
} from "./chunk-64C3RHXA.js";
import {
  kindOfPath
} from "./chunk-EZB2VO3F.js";

// src/history/semantic-diff.ts
function escapePointer(segment) {
  if (!segment.includes("~") && !segment.includes("/")) return segment;
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function deepEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a;
    const y = b;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const ao = a;
  const bo = b;
  let count = 0;
  for (const k in ao) {
    if (!Object.hasOwn(ao, k) || ao[k] === void 0) continue;
    count++;
    if (!Object.hasOwn(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (Object.hasOwn(bo, k) && bo[k] !== void 0) count--;
  return count === 0;
}
function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function itemKey(items) {
  if (items.length === 0) return null;
  for (const key of ["id", "name"]) {
    const values = items.map((it) => isPlainObject(it) ? it[key] : void 0);
    if (values.every((v) => typeof v === "string") && new Set(values).size === values.length) return key;
  }
  return null;
}
function diffValues(before, after, pointer = "") {
  const changes = {};
  collect(before, after, pointer, changes);
  return changes;
}
function collect(a, b, pointer, out) {
  if (deepEqual(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const k of keys) {
      const x = a[k] ?? null;
      const y = b[k] ?? null;
      if (x !== y) collect(x, y, `${pointer}/${escapePointer(k)}`, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = sharedItemKey(a, b);
    if (key) {
      collectKeyed(a, b, key, pointer, out);
      return;
    }
  }
  out[pointer] = [a ?? null, b ?? null];
}
function sharedItemKey(a, b) {
  const ka = a.length > 0 ? itemKey(a) : void 0;
  const kb = b.length > 0 ? itemKey(b) : void 0;
  if (ka === null || kb === null) return null;
  if (ka === void 0) return kb ?? null;
  if (kb === void 0) return ka;
  return ka === kb ? ka : null;
}
function collectKeyed(a, b, key, pointer, out) {
  const oldKeys = a.map((it) => String(it[key]));
  const newKeys = b.map((it) => String(it[key]));
  const common = new Set(oldKeys.filter((k) => newKeys.includes(k)));
  const oldOrder = oldKeys.filter((k) => common.has(k));
  const newOrder = newKeys.filter((k) => common.has(k));
  if (oldOrder.some((k, i) => newOrder[i] !== k)) out[pointer] = [oldKeys, newKeys];
  const byKey = (list, k) => list.find((it) => String(it[key]) === k) ?? null;
  for (const k of [...oldKeys, ...newKeys.filter((n) => !oldKeys.includes(n))]) {
    collect(byKey(a, k), byKey(b, k), `${pointer}/${escapePointer(k)}`, out);
  }
}
function leafPointers(value, pointer = "") {
  const out = /* @__PURE__ */ new Map();
  walk(value, pointer, out);
  return out;
}
function walk(value, pointer, out) {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) out.set(pointer, value);
    for (const k of keys) walk(value[k], `${pointer}/${escapePointer(k)}`, out);
    return;
  }
  if (Array.isArray(value)) {
    const key = itemKey(value);
    if (key) {
      for (const item of value) {
        walk(item, `${pointer}/${escapePointer(String(item[key]))}`, out);
      }
      return;
    }
  }
  out.set(pointer, value);
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

// src/history/fold-history.ts
function foldCommit(state, commit, ctx) {
  const out = { seq: commit.seq, events: [], states: [], invalid: [], missingScripts: [] };
  const touched = [];
  const touch = (key) => void (touched.includes(key) || touched.push(key));
  const changedValid = /* @__PURE__ */ new Map();
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
    const parsed = ctx.parse(kind, c.newBlob, c.path);
    if (parsed.ok) {
      const id = String(parsed.value.id);
      state.files[c.path] = { kind, id, blob: c.newBlob, valid: true };
      changedValid.set(c.path, parsed.value);
      touch(definitionKey(kind, id));
    } else {
      state.files[c.path] = { kind, id: old?.id ?? null, blob: c.newBlob, valid: false };
      out.invalid.push(invalidEntry(commit, kind, old?.id ?? parsed.id, c.path, parsed.findings, [c.path]));
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
  const revert = touched.length > 0 ? revertOf(ctx, commit) : null;
  for (const key of touched) {
    const sep = key.indexOf(":");
    const kind = key.slice(0, sep);
    const id = key.slice(sep + 1);
    const obj = state.objects[key];
    const before = obj?.live ? obj : null;
    const holder = findHolder(state, kind, id, before, defChanges, commit, out);
    let after = null;
    if (holder !== null) {
      const fresh = changedValid.get(holder);
      const base = fresh ?? before.value;
      after = {
        value: base,
        path: holder,
        blob: fresh ? state.files[holder].blob : before.blob,
        fileBlob: null
      };
      const sp = kind === "action" ? scriptPathOf(base) : null;
      if (sp !== null) {
        if (Object.hasOwn(state.scripts, sp)) after.fileBlob = state.scripts[sp] ?? null;
        else if (!out.missingScripts.includes(sp)) out.missingScripts.push(sp);
      }
    }
    emitChange(state, commit, kind, id, key, before, after, out, revert);
  }
  state.seq = commit.seq;
  return out;
}
function findHolder(state, kind, id, before, defChanges, commit, out) {
  const holds = (p) => {
    const f = state.files[p];
    return f !== void 0 && f.kind === kind && f.id === id;
  };
  let holder = before && holds(before.path) ? before.path : null;
  for (const c of defChanges) {
    const f = state.files[c.path];
    if (c.path === holder || !f?.valid || !holds(c.path)) continue;
    if (holder === null) {
      holder = c.path;
      continue;
    }
    state.files[c.path] = { ...f, id: null, valid: false };
    out.invalid.push(
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: "duplicate-id",
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: "Give each definition its own id; history follows the first file.",
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
function emitChange(state, commit, kind, id, key, before, after, out, revert) {
  if (!before && !after) return;
  const type = TYPE_OF_KIND[kind];
  const relevant = [before?.path, after?.path, after ? scriptPathOf(after.value) : null].filter(
    (p) => typeof p === "string"
  );
  const who = attribute(commit, relevant);
  const prev = state.objects[key];
  const version = prev?.version ?? 0;
  const shared = { kind, who, commit, out, state, revertOf: revert };
  if (!before && after) {
    const obj = setObject(state, key, type, id, version + 1, after);
    pushEvent(
      shared,
      type,
      id,
      "create",
      obj.version,
      augment(after.value, after.fileBlob),
      after.path,
      after.blob
    );
    if (kind === "runbook") foldSteps(shared, id, [], stepsOf(after.value), after.path, after.blob);
    pushState(shared, key, obj, after);
    return;
  }
  if (before && !after) {
    before.version += 1;
    before.live = false;
    pushEvent(
      shared,
      type,
      id,
      "delete",
      before.version,
      augment(before.value, before.fileBlob),
      before.path,
      null
    );
    if (kind === "runbook") foldSteps(shared, id, stepsOf(before.value), [], before.path, null);
    out.states.push(stateRecord(key, commit, before.version, null, before.path, null, null));
    return;
  }
  const b = before;
  const a = after;
  const changes = diffValues(
    shapeOf(kind, b.value, b.fileBlob),
    shapeOf(kind, a.value, a.fileBlob)
  );
  if (b.path !== a.path) changes["/__path"] = [b.path, a.path];
  const changed = Object.keys(changes).length > 0;
  if (changed) {
    b.version += 1;
    pushEvent(shared, type, id, "update", b.version, changes, a.path, a.blob);
  }
  if (kind === "runbook") foldSteps(shared, id, stepsOf(b.value), stepsOf(a.value), a.path, a.blob);
  if (changed || b.blob !== a.blob || b.fileBlob !== a.fileBlob) {
    b.value = a.value;
    b.path = a.path;
    b.blob = a.blob;
    b.fileBlob = a.fileBlob;
    pushState(shared, key, b, a);
  }
}
function setObject(state, key, type, id, version, after) {
  const obj = {
    type,
    id,
    version,
    live: true,
    path: after.path,
    blob: after.blob,
    value: after.value,
    fileBlob: after.fileBlob
  };
  state.objects[key] = obj;
  return obj;
}
function pushState(shared, key, obj, after) {
  shared.out.states.push(
    stateRecord(key, shared.commit, obj.version, after.blob, after.path, after.fileBlob, after.value)
  );
}
function stateRecord(key, commit, version, blob, filePath, fileBlob, value) {
  return {
    key,
    seq: commit.seq,
    commit: commit.sha,
    created_at: commit.createdAt,
    version,
    blob,
    path: filePath,
    file_blob: fileBlob,
    value
  };
}
function pushEvent(shared, type, auditableId, action, version, changes, filePath, blob) {
  const { commit } = shared;
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
    revert_of: shared.revertOf,
    blob,
    authors: shared.who.authors,
    committer: commit.committer
  });
}
function foldSteps(shared, runbookId, before, after, filePath, blob) {
  const { state } = shared;
  const beforeById = new Map(before.map((s) => [String(s.id), s]));
  const afterById = new Map(after.map((s) => [String(s.id), s]));
  const ids = [...beforeById.keys()];
  for (const id of afterById.keys()) if (!beforeById.has(id)) ids.push(id);
  for (const stepId of ids) {
    const b = beforeById.get(stepId) ?? null;
    const a = afterById.get(stepId) ?? null;
    if (b !== null && b === a) continue;
    const auditableId = `${runbookId}/${stepId}`;
    const step = state.steps[auditableId];
    if (!b && a) {
      const version = (step?.version ?? 0) + 1;
      state.steps[auditableId] = { version, live: true };
      pushEvent(shared, "Runbook::Step", auditableId, "create", version, a, filePath, blob);
    } else if (b && !a && step) {
      step.version += 1;
      step.live = false;
      pushEvent(shared, "Runbook::Step", auditableId, "delete", step.version, b, filePath, null);
    } else if (b && a && step) {
      const changes = diffValues(b, a);
      if (Object.keys(changes).length === 0) continue;
      step.version += 1;
      pushEvent(shared, "Runbook::Step", auditableId, "update", step.version, changes, filePath, blob);
    }
  }
}
var stepsCache = /* @__PURE__ */ new WeakMap();
function stepsOf(value) {
  let out = stepsCache.get(value);
  if (!out) {
    const steps = Array.isArray(value.steps) ? value.steps : [];
    const seen = /* @__PURE__ */ new Set();
    out = steps.filter((s) => !seen.has(String(s.id)) && seen.add(String(s.id)));
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
function revertOf(ctx, commit) {
  if (commit.revertsCommit) return commit.revertsCommit;
  const audit = commit.facts.revertsAudit;
  return audit ? ctx.versionCommit(audit.id, audit.version) : null;
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

export {
  diffValues,
  leafPointers,
  foldCommit
};
