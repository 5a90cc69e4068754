function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

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

// src/executions/record-hash.ts
import { hash as digest } from "node:crypto";
var GENESIS_HASH = "0".repeat(64);
function hashRecord(record) {
  const { hash: _hash, ...rest } = record;
  return digest("sha256", canonicalJson(rest), "hex");
}
function sealRecord(input, head) {
  const record = { ...input, seq: head.seq + 1, prev_hash: head.hash };
  if ("hash" in record) delete record.hash;
  const body = canonicalJson(record);
  record.hash = digest("sha256", body, "hex");
  return { record, line: `${body.slice(0, -1)},"hash":"${record.hash}"}
` };
}
function sealedBytesMatch(line, hash) {
  const end = line.endsWith("\n") ? line.length - 1 : line.length;
  const suffix = `,"hash":"${hash}"}`;
  if (end < suffix.length || line.slice(end - suffix.length, end) !== suffix) return false;
  return digest("sha256", `${line.slice(0, end - suffix.length)}}`, "hex") === hash;
}
var HASH_KEY = Buffer.from(',"hash":"', "latin1");
function sealedLineMatches(line, hash) {
  const end = line.length;
  const at = end - HASH_KEY.length - hash.length - 2;
  if (hash.length !== 64 || at < 1 || line[end - 1] !== 125 || line[end - 2] !== 34) return false;
  if (line.compare(HASH_KEY, 0, HASH_KEY.length, at, at + HASH_KEY.length) !== 0) return false;
  for (let k = 0; k < hash.length; k++)
    if (line[at + HASH_KEY.length + k] !== hash.charCodeAt(k)) return false;
  return sealedHashHolds(line, at + HASH_KEY.length);
}
function sealedHashHolds(line, hashAt) {
  const comma = hashAt - HASH_KEY.length;
  line[comma] = 125;
  let sha;
  try {
    sha = digest("sha256", line.subarray(0, comma + 1), "hex");
  } finally {
    line[comma] = 44;
  }
  for (let k = 0; k < 64; k++) if (line[hashAt + k] !== sha.charCodeAt(k)) return false;
  return true;
}

export {
  canonicalJson,
  GENESIS_HASH,
  hashRecord,
  sealRecord,
  sealedBytesMatch,
  sealedLineMatches,
  sealedHashHolds
};
