function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  alertOnAppend,
  openAlerts,
  scanRecordsAfter,
  stampRecordedVia
} from "./chunk-RLKZC5XG.js";
import {
  cliJournalTarget
} from "./chunk-P6F2AC6G.js";
import {
  openJournalAt
} from "./chunk-OGEFOTHU.js";

// src/cli/cli-journal.ts
async function openCliJournal(ctx) {
  const target = cliJournalTarget(ctx);
  const journal = stampRecordedVia(
    await openJournalAt(target, {
      now: ctx.now,
      onWarning: (m) => ctx.out.info(`warning: ${m}`)
    }),
    "local"
  );
  if (ctx.config.webhooks.length === 0) return journal;
  if (target.backend !== "postgres") return alertOnAppend(journal, cliAlerts(ctx).journalAlerts());
  const [{ createPool }, { openPgSession }, { openPgOutbox }] = await Promise.all([
    import("./pg-pool-HW3BLAX4.js"),
    import("./pg-session-MPORC5ZX.js"),
    import("./pg-outbox-RAYDG64A.js")
  ]);
  const pool = createPool(target.url, 2);
  const session = openPgSession(target.url);
  const alerts = cliAlerts(ctx, openPgOutbox(pool, session));
  const hooked = alertOnAppend(
    journal,
    alerts.journalAlerts((seq) => scanRecordsAfter(journal, seq))
  );
  const close = hooked.close.bind(hooked);
  hooked.close = async () => {
    await close();
    await session.close();
    await pool.end();
  };
  return hooked;
}
function cliAlerts(ctx, outbox) {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
    ...outbox ? { outbox } : {}
  });
}
async function withCliJournal(ctx, use) {
  const journal = await openCliJournal(ctx);
  try {
    return await use(journal);
  } finally {
    await journal.close();
  }
}

export {
  openCliJournal,
  cliAlerts,
  withCliJournal
};
