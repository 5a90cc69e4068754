function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema
} from "./chunk-PEN3FHEJ.js";
import {
  DEFINITION_ID
} from "./chunk-6O2CUPPL.js";
import {
  MAX_DEFINITION_BYTES,
  parseYaml
} from "./chunk-O64KD3H5.js";

// src/history/block-yaml.ts
import jsyaml from "js-yaml";
function memoByText(parse) {
  const cache = /* @__PURE__ */ new Map();
  return {
    get(text) {
      let hit = cache.get(text);
      if (hit === void 0) {
        hit = parse(text);
        cache.set(text, hit);
      }
      return hit;
    },
    size: () => cache.size
  };
}
var NEEDS_FULL_PARSER = /(^|[\s[{,:-])[&*!][^\s]|^(%|---|\.\.\.)|(^|[\s[{,:-])([-+]0[xXoObB]|0[bB][01])|\t/m;
var MAYBE_SPECIAL = /[&*!%\t]|---|\.\.\.|[-+]?0[xXoObB]/;
function needsFullParser(text) {
  return MAYBE_SPECIAL.test(text) && NEEDS_FULL_PARSER.test(text);
}
function createBlockYamlParser() {
  const items = memoByText(parseOneItem);
  const blocks = memoByText(
    (text) => needsFullParser(text) ? null : parseSequenceBlock(text, items.get) ?? parseOne(text, keyAt(text, 0))
  );
  return {
    get parsedBlocks() {
      return blocks.size() + items.size();
    },
    parse(text) {
      const cut = cutBlocks(text);
      if (!cut) return null;
      const out = {};
      for (const { text: blockText, key } of cut) {
        if (Object.hasOwn(out, key)) return null;
        const block = blocks.get(blockText);
        if (!block) return null;
        out[key] = block.value;
      }
      return out;
    }
  };
}
function cutBlocks(text) {
  const out = [];
  let start = -1;
  let key = "";
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const next = end < 0 ? text.length : end + 1;
    const c = text.charCodeAt(pos);
    const continues = c === 10 || c === 13 || c === 32 || c === 35 || c === 45 && isItemDash(text, pos + 1);
    if (!continues) {
      const found = keyAt(text, pos);
      if (found === null || found === "__proto__") return null;
      if (start >= 0) out.push({ text: text.slice(start, pos), key });
      start = pos;
      key = found;
    } else if (start < 0 && c !== 10 && c !== 13 && c !== 35 && !isBlankLine(text, pos, next)) {
      return null;
    }
    pos = next;
  }
  if (start < 0) return null;
  out.push({ text: text.slice(start), key });
  return out;
}
function keyAt(text, pos) {
  let i = pos;
  let c = text.charCodeAt(i);
  if (!(isWordChar(c) && c !== 45 && c !== 46)) return null;
  do
    c = text.charCodeAt(++i);
  while (isWordChar(c));
  const end = i;
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  if (c !== 58) return null;
  const after = text.charCodeAt(i + 1);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10)) return null;
  return text.slice(pos, end);
}
function isWordChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45;
}
function isItemDash(text, at) {
  const c = text.charCodeAt(at);
  return Number.isNaN(c) || c === 32 || c === 10 || c === 13;
}
function isBlankLine(text, from, to) {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13) return false;
  }
  return true;
}
function parseSequenceBlock(text, parseItem) {
  const firstEnd = text.indexOf("\n");
  if (firstEnd < 0 || !/^[^:]*:[ \t]*(#.*)?\r?$/.test(text.slice(0, firstEnd))) return null;
  const parts = [];
  let dash = -1;
  let start = -1;
  let pos = firstEnd + 1;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const next = end < 0 ? text.length : end + 1;
    let indent = pos;
    while (text.charCodeAt(indent) === 32) indent++;
    const c = text.charCodeAt(indent);
    const blank = indent >= next || c === 10 || c === 13 || c === 35;
    if (!blank) {
      const col = indent - pos;
      if (dash < 0) {
        if (c !== 45 || !isItemDash(text, indent + 1)) return null;
        dash = col;
      }
      if (col === dash && c === 45 && isItemDash(text, indent + 1)) {
        if (start >= 0) parts.push(text.slice(start, pos));
        start = pos;
      } else if (col <= dash) {
        return null;
      }
    }
    pos = next;
  }
  if (start < 0) return null;
  parts.push(text.slice(start));
  const value = [];
  for (const part of parts) {
    const item = parseItem(part);
    if (!item) return null;
    value.push(item.value);
  }
  return { value: Object.freeze(value) };
}
function load(text) {
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return FAILED;
  }
}
var FAILED = /* @__PURE__ */ Symbol("does not parse");
function parseOneItem(text) {
  const parsed = load(text);
  if (!Array.isArray(parsed) || parsed.length !== 1) return null;
  return { value: deepFreeze(parsed[0]) };
}
function parseOne(text, key) {
  const parsed = load(text);
  if (parsed === FAILED || parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return null;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== key) return null;
  return { value: deepFreeze(parsed[key]) };
}
function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// src/history/parse-blob.ts
import jsyaml2 from "js-yaml";
var UTF8 = new TextDecoder("utf-8", { fatal: true });
var USABLE_ID = DEFINITION_ID;
function parseBlob(bytes, file, kind, validators, blocks) {
  const fast = fastValue(bytes, kind, validators, blocks);
  let value;
  let findings = [];
  if (fast) {
    value = fast;
  } else {
    const parsed = parseYaml(bytes, file);
    if (!parsed.ok) return { ok: false, findings: parsed.findings, id: null };
    findings = checkSchema(parsed.parsed, file, validators[kind]);
    const id = idOf(parsed.parsed.value);
    if (id === null || !USABLE_ID.test(id)) {
      return { ok: false, findings: findings.length > 0 ? findings : [noIdFinding(file)], id: null };
    }
    value = parsed.parsed.value;
  }
  if (kind === "runbook" && Array.isArray(value.steps)) {
    const seen = /* @__PURE__ */ new Set();
    const dup = value.steps.find((s) => {
      const id = s !== null && typeof s === "object" ? s.id : void 0;
      return id !== void 0 && (seen.has(id) || !seen.add(id));
    });
    if (dup) {
      findings = [
        ...findings,
        {
          code: "duplicate-step-id",
          file,
          line: 1,
          col: 1,
          message: `step id "${String(dup.id)}" appears more than once`,
          hint: "Give each step of a runbook its own id.",
          pointer: "/steps",
          severity: "error"
        }
      ];
    }
  }
  return { ok: true, value, findings };
}
function noIdFinding(file) {
  return {
    code: "schema",
    file,
    line: 1,
    col: 1,
    message: "the file names no usable id",
    hint: "Give the definition an `id` of lowercase letters, digits and dashes.",
    pointer: "/id",
    severity: "error"
  };
}
function fastValue(bytes, kind, validators, blocks) {
  if (bytes.length > MAX_DEFINITION_BYTES) return null;
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  let value = blocks?.parse(text) ?? null;
  if (value === null) {
    if (needsFullParser(text)) return null;
    try {
      value = jsyaml2.load(text, { schema: jsyaml2.CORE_SCHEMA });
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  return validators[kind](value) ? value : null;
}
function idOf(value) {
  const id = value && typeof value === "object" && !Array.isArray(value) ? value.id : void 0;
  return typeof id === "string" ? id : null;
}

export {
  createBlockYamlParser,
  parseBlob
};
