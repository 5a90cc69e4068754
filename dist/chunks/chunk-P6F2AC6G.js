function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  resolveDatabaseUrl
} from "./chunk-OGEFOTHU.js";

// src/cli/journal-target.ts
function cliJournalTarget(ctx) {
  const url = resolveDatabaseUrl(ctx.databaseUrl, ctx.config.journal, ctx.env);
  return url ? { backend: "postgres", url } : { backend: "file", dataDir: ctx.dataDir };
}
function journalUrl(ctx) {
  const target = cliJournalTarget(ctx);
  return target.backend === "postgres" ? target.url : null;
}

export {
  cliJournalTarget,
  journalUrl
};
