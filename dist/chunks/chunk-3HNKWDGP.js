function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

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

export {
  escapePointer,
  deepEqual,
  diffValues,
  leafPointers
};
