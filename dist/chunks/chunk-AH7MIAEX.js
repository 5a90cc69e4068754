function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/history/value-table.ts
function createValueEncoder(parts) {
  const byObject = /* @__PURE__ */ new Map();
  const byScalar = /* @__PURE__ */ new Map();
  const add = (part) => parts.push(part) - 1;
  const partOf = (value, listItems) => {
    if (value !== null && typeof value === "object") {
      let at2 = byObject.get(value);
      if (at2 === void 0) {
        at2 = add(
          listItems && Array.isArray(value) ? { a: value.map((item) => partOf(item, false)) } : { v: value }
        );
        byObject.set(value, at2);
      }
      return at2;
    }
    let at = byScalar.get(value);
    if (at === void 0) {
      at = add({ v: value });
      byScalar.set(value, at);
    }
    return at;
  };
  return {
    encode(value) {
      const out = [];
      for (const k in value) out.push([k, partOf(value[k], true)]);
      return out;
    }
  };
}
function decodeValue(parts, encoded) {
  const out = {};
  for (const [key, at] of encoded) {
    const value = decodePart(parts, at);
    if (value === MISSING) return null;
    out[key] = value;
  }
  return out;
}
var MISSING = /* @__PURE__ */ Symbol("missing");
function decodePart(parts, at) {
  const part = parts[at];
  if (!part) return MISSING;
  if (!("a" in part)) return part.v;
  const items = new Array(part.a.length);
  for (let i = 0; i < items.length; i++) {
    const item = decodePart(parts, part.a[i]);
    if (item === MISSING) return MISSING;
    items[i] = item;
  }
  return items;
}

export {
  createValueEncoder,
  decodeValue
};
