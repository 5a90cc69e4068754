import { alertOnAppend } from '../alerts/alert-on-append.js';
import { openAlerts, type Alerts } from '../alerts/open-alerts.js';
import { openJournal, type FileJournal } from '../executions/open-journal.js';
import type { CliContext } from './context.js';

/** The journal of the context's data dir; its reports (a quarantined torn line) go to stderr. */
export async function openCliJournal(ctx: CliContext): Promise<FileJournal> {
  const journal = await openJournal({
    dataDir: ctx.dataDir,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
  });
  // Runs started and ended here reach the webhooks through the outbox (docs/alerts.md).
  return ctx.config.webhooks.length === 0 ? journal : alertOnAppend(journal, cliAlerts(ctx).emitter, ctx.now);
}

/** The alerts of the context's data dir; warnings go to stderr. */
export function cliAlerts(ctx: CliContext): Alerts {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
  });
}

/** Run `use` with the context's journal open, and close the journal however it ends. */
export async function withCliJournal<T>(
  ctx: CliContext,
  use: (journal: FileJournal) => Promise<T>,
): Promise<T> {
  const journal = await openCliJournal(ctx);
  try {
    return await use(journal);
  } finally {
    await journal.close();
  }
}
