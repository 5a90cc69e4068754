function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/alerts/outbox.ts
var ONCE_TYPES = /* @__PURE__ */ new Set([
  "definition.changed",
  "definition.invalid",
  "history.rewritten"
]);
function unclaimed(events, claimed) {
  const seen = /* @__PURE__ */ new Set();
  return events.filter((e) => !claimed.has(e.id) && !seen.has(e.id) && seen.add(e.id) !== void 0);
}

export {
  ONCE_TYPES,
  unclaimed
};
