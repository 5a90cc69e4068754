import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  alertOnAppend,
  openAlerts,
  scanRecordsAfter,
  stampRecordedVia
} from "./chunk-R6S2JVID.js";
import {
  cliJournalTarget
} from "./chunk-B25MYGMP.js";
import {
  openJournalAt
} from "./chunk-BX7OU6HI.js";

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
    import("./pg-pool-JXVZVB66.js"),
    import("./pg-session-DQPN5KRM.js"),
    import("./pg-outbox-6WKOXEIQ.js")
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
