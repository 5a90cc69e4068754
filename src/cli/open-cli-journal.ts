import { alertOnAppend } from '../alerts/alert-on-append.js';
import { openAlerts, type Alerts } from '../alerts/open-alerts.js';
import { openJournal, type FileJournal } from '../executions/open-journal.js';
import { stampRecordedVia } from '../executions/recorded-via.js';
import type { CliContext } from './context.js';

/** The journal of the context's data dir; its reports (a quarantined torn line) go to stderr. */
export async function openCliJournal(ctx: CliContext): Promise<FileJournal> {
  // What the CLI appends itself is `recorded_via: local` (docs/executions.md, Remote recording).
  const journal = stampRecordedVia(
    await openJournal({
      dataDir: ctx.dataDir,
      now: ctx.now,
      onWarning: (m) => ctx.out.info(`warning: ${m}`),
    }),
    'local',
  );
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
