import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  alertOnAppend,
  openAlerts,
  scanRecordsAfter,
  stampRecordedVia
} from "./chunk-DUXNQUPJ.js";
import {
  cliJournalTarget
} from "./chunk-L5AQSTE4.js";
import {
  openJournalAt
} from "./chunk-SVA4U2XH.js";

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
  const recordsAfter = target.backend === "postgres" ? (seq) => scanRecordsAfter(journal, seq) : void 0;
  return alertOnAppend(journal, cliAlerts(ctx).journalAlerts(recordsAfter));
}
function cliAlerts(ctx) {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`)
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
