// src/executions/canonical-json.ts
var quotedKeys = /* @__PURE__ */ new Map();
function quoteKey(key) {
  let quoted = quotedKeys.get(key);
  if (quoted === void 0) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 1e4) quotedKeys.set(key, quoted);
  }
  return quoted;
}
function canonicalJson(value) {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out2 = "[";
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          out2 += `${i === 0 ? "" : ","}${v === void 0 ? "null" : canonicalJson(v)}`;
        }
        return `${out2}]`;
      }
      const obj = value;
      let out = "{";
      let first = true;
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === void 0) continue;
        out += `${first ? "" : ","}${quoteKey(key)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
  }
}

export {
  canonicalJson
};
