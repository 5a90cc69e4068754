function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  requirePackage
} from "./chunk-N5OJQZGE.js";

// src/definitions/parse-yaml.ts
var yamlPackage;
function yaml() {
  return yamlPackage ??= requirePackage("yaml");
}
var MAX_DEFINITION_BYTES = 256 * 1024;
var MAX_ALIAS_COUNT = 50;
function finding(file, line, col, code, message, hint) {
  return { code, file, line, col, message, hint, severity: "error" };
}
function parseYaml(bytes, file) {
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_DEFINITION_BYTES) {
    return {
      ok: false,
      findings: [
        finding(
          file,
          1,
          1,
          "file-too-large",
          `file is ${size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`,
          "Split the definition or move a long script into a script.file."
        )
      ]
    };
  }
  let text;
  if (typeof bytes === "string") {
    text = bytes;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return {
        ok: false,
        findings: [
          finding(
            file,
            at.line,
            at.col,
            "invalid-utf8",
            "file is not valid UTF-8",
            "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)."
          )
        ]
      };
    }
  }
  const { LineCounter: Counter, parseAllDocuments } = yaml();
  const lineCounter = new Counter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    return {
      ok: false,
      findings: [
        finding(file, 1, 1, "empty-file", "file holds no YAML document", "Write one definition per file.")
      ]
    };
  }
  const findings = [];
  for (const doc2 of list) {
    for (const err of doc2.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      findings.push(
        finding(
          file,
          pos.line,
          pos.col,
          "yaml-syntax",
          firstLine(err.message),
          "Fix the YAML syntax at this place."
        )
      );
    }
  }
  if (findings.length > 0) return { ok: false, findings };
  if (list.length > 1) {
    const second = list[1];
    const pos = lineCounter.linePos(second.range[0]);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          "multiple-documents",
          `file holds ${list.length} YAML documents`,
          "Keep one definition per file; move the others to files of their own."
        )
      ]
    };
  }
  const doc = list[0];
  let value;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          "alias-bomb",
          `refused to expand aliases: ${message}`,
          "Write the values out; definitions must not use nested YAML aliases."
        )
      ]
    };
  }
  return { ok: true, parsed: { value, doc, lineCounter } };
}
function firstLine(message) {
  return message.split("\n")[0] ?? message;
}
function firstInvalidUtf8(bytes) {
  let line = 1;
  let col = 1;
  for (let i = 0; i < bytes.length; i++) {
    const ok = new TextDecoder("utf-8", { fatal: true });
    const b = bytes[i];
    if (b === 10) {
      line++;
      col = 1;
      continue;
    }
    if (b < 128) {
      col++;
      continue;
    }
    const len = b >= 240 ? 4 : b >= 224 ? 3 : b >= 192 ? 2 : 1;
    try {
      ok.decode(bytes.subarray(i, i + len));
    } catch {
      return { line, col };
    }
    i += len - 1;
    col++;
  }
  return { line, col };
}
function firstAliasOffset(doc) {
  let offset = doc.contents?.range?.[0] ?? 0;
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? offset;
      return visit.BREAK;
    }
  });
  return offset;
}
function locatePointer(parsed, pointer, key) {
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node = parsed.doc.contents;
  let best = node?.range ?? void 0;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const keyNode = pair.key;
      best = pair.value?.range ?? keyNode.range ?? best;
      if (keyNode.range) best = keyNode.range;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (!item) break;
      best = item.range ?? best;
      node = item;
    } else {
      break;
    }
  }
  if (key !== void 0 && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const range = pair?.key?.range;
    if (range) best = range;
  }
  return parsed.lineCounter.linePos(best?.[0] ?? 0);
}

export {
  MAX_DEFINITION_BYTES,
  parseYaml,
  locatePointer
};
