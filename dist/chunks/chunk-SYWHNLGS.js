import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  alertOnAppend,
  openAlerts,
  stampRecordedVia
} from "./chunk-W2UYCDPD.js";
import {
  cliJournalTarget
} from "./chunk-H42IUWEX.js";
import {
  openJournalAt
} from "./chunk-IWILKRQH.js";

// src/cli/cli-journal.ts
async function openCliJournal(ctx) {
  const journal = stampRecordedVia(
    await openJournalAt(cliJournalTarget(ctx), {
      now: ctx.now,
      onWarning: (m) => ctx.out.info(`warning: ${m}`)
    }),
    "local"
  );
  return ctx.config.webhooks.length === 0 ? journal : alertOnAppend(journal, cliAlerts(ctx).journalAlerts());
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
