function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openJournal
} from "./chunk-7EE6QVFP.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/executions/open-journal-at.ts
function isDatabaseUrl(spec) {
  return /^postgres(ql)?:\/\//i.test(spec);
}
function parseJournalTarget(spec) {
  return isDatabaseUrl(spec) ? { backend: "postgres", url: spec } : { backend: "file", dataDir: spec };
}
async function openJournalAt(target, options = {}) {
  if (target.backend === "file") return openJournal({ ...options, dataDir: target.dataDir });
  const { openPostgresJournal } = await import("./open-postgres-journal-UE65KJB6.js");
  return openPostgresJournal({
    url: target.url,
    ...options.now ? { now: options.now } : {},
    ...options.onWarning ? { onWarning: options.onWarning } : {}
  });
}
function resolveDatabaseUrl(flag, journal, env) {
  if (flag) {
    if (!isDatabaseUrl(flag)) {
      throw new OpsledgerError("INPUT_INVALID", `--database-url ${flag}: expected postgres://\u2026`, {
        hint: "e.g. --database-url postgres://opsledger@db.example.com/opsledger"
      });
    }
    return flag;
  }
  if (journal.backend !== "postgres") return null;
  const url = env[journal.url_env];
  if (!url) {
    throw new OpsledgerError(
      "CONFIG_INVALID",
      `opsledger.yaml sets journal.backend: postgres but $${journal.url_env} is not set`,
      { hint: `Export ${journal.url_env}=postgres://\u2026 or pass --database-url.` }
    );
  }
  return url;
}

export {
  isDatabaseUrl,
  parseJournalTarget,
  openJournalAt,
  resolveDatabaseUrl
};
