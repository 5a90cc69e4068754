function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/cli/parse-options.ts
function parseIsoOption(flag, value, endOfDay = false) {
  if (value === void 0) return void 0;
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T23:59:59.999Z`;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `${flag} ${value}: expected an ISO 8601 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`
    );
  }
  return new Date(ms).toISOString();
}
function parseWholeNumber(flag, text, bounds) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < bounds.min || bounds.max !== void 0 && n > bounds.max) {
    throw new OpsledgerError(bounds.code, `${flag} ${text}: expected ${bounds.expected}`);
  }
  return n;
}

export {
  parseIsoOption,
  parseWholeNumber
};
