function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/present-execution.ts
function presentExecution(record, resolveUser, pseudonymize = false) {
  if (pseudonymize) return record;
  const { user, os_user: osUser } = record.initiator;
  const initiator = {
    ...record.initiator,
    user: resolveUser(user),
    pseudonym: user
  };
  if (osUser !== void 0) initiator.os_user = resolveUser(osUser);
  return { ...record, initiator };
}
function formatDuration(ms) {
  if (ms === null) return "-";
  if (ms < 1e3) return `${ms}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
  const m = Math.floor(ms / 6e4);
  const s = Math.round(ms % 6e4 / 1e3);
  return `${m}m${String(s).padStart(2, "0")}s`;
}

export {
  presentExecution,
  formatDuration
};
