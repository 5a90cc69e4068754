function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  DEFINITION_ID,
  PARAMETER_NAME
} from "./chunk-6O2CUPPL.js";

// src/runbooks/parse-template.ts
var OPEN = "${{";
var CLOSE = "}}";
function parseTemplate(text) {
  const parts = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    if (open < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) throw new Error(`"${OPEN}" at character ${open + 1} is not closed by "${CLOSE}"`);
    parts.push(parseRef(text.slice(open + OPEN.length, close).trim()));
    at = close + CLOSE.length;
  }
  return parts;
}
function parseRef(inner) {
  const words = inner.split(".");
  if (words[0] === "params" && words.length === 2 && PARAMETER_NAME.test(words[1])) {
    return { kind: "param", name: words[1] };
  }
  if (words[0] === "steps" && words.length === 3 && DEFINITION_ID.test(words[1])) {
    const field = words[2];
    if (field === "status" || field === "exit_code") return { kind: "step", step: words[1], field };
  }
  throw new Error(
    `"\${{ ${inner} }}" is not an expression opsledger knows (params.NAME, steps.ID.status, steps.ID.exit_code)`
  );
}
function renderTemplate(value, scope) {
  if (typeof value !== "string" || !value.includes(OPEN)) return value;
  const parts = parseTemplate(value);
  const only = parts.length === 1 ? parts[0] : void 0;
  if (only !== void 0 && typeof only !== "string") return readRef(only, scope) ?? "";
  return parts.map((p) => typeof p === "string" ? p : String(readRef(p, scope) ?? "")).join("");
}
function readRef(ref, scope) {
  if (ref.kind === "param") return Object.hasOwn(scope.params, ref.name) ? scope.params[ref.name] : void 0;
  const step = scope.steps.get(ref.step);
  if (!step) return ref.field === "status" ? "skipped" : void 0;
  return ref.field === "status" ? step.status : step.exit_code ?? void 0;
}
function listTemplateRefs(value) {
  if (typeof value !== "string" || !value.includes(OPEN)) return [];
  return parseTemplate(value).filter((p) => typeof p !== "string");
}

// src/runbooks/parse-duration.ts
var DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
function parseDuration(text) {
  const m = DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [, d, h, min, s] = m;
  if (d === void 0 && h === void 0 && min === void 0 && s === void 0) return null;
  return Math.round(
    ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 6e4 + Number(s ?? 0) * 1e3
  );
}

export {
  renderTemplate,
  listTemplateRefs,
  parseDuration
};
