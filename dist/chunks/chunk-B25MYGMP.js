import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  resolveDatabaseUrl
} from "./chunk-BX7OU6HI.js";

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
