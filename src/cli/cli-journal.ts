import { alertOnAppend } from '../alerts/alert-on-append.js';
import { openAlerts, type Alerts } from '../alerts/open-alerts.js';
import type { Outbox } from '../alerts/outbox.js';
import { openJournalAt } from '../executions/open-journal-at.js';
import type { Journal } from '../executions/types.js';
import { stampRecordedVia } from '../executions/recorded-via.js';
import { scanRecordsAfter } from '../executions/read-records-after.js';
import type { CliContext } from './context.js';
import { cliJournalTarget } from './journal-target.js';

/**
 * The journal of the context (its data dir, or the PostgreSQL database configured, docs/postgres.md); its reports (a
 * quarantined torn line) go to stderr.
 */
export async function openCliJournal(ctx: CliContext): Promise<Journal> {
  // What the CLI appends itself is `recorded_via: local` (docs/executions.md, Remote recording).
  const target = cliJournalTarget(ctx);
  const journal = stampRecordedVia(
    await openJournalAt(target, {
      now: ctx.now,
      onWarning: (m) => ctx.out.info(`warning: ${m}`),
    }),
    'local',
  );
  // Runs started and ended here reach the webhooks through the outbox (docs/alerts.md).
  if (ctx.config.webhooks.length === 0) return journal;
  if (target.backend !== 'postgres') return alertOnAppend(journal, cliAlerts(ctx).journalAlerts());
  // On PostgreSQL the run's alerts go to the database's outbox, which every `serve` on it delivers from, and recovery
  // reads the records after the outbox's mark from the database (docs/postgres.md, "Several instances").
  const [{ createPool }, { openPgSession }, { openPgOutbox }] = await Promise.all([
    import('../executions/postgres/pg-pool.js'),
    import('../executions/postgres/pg-session.js'),
    import('../alerts/pg-outbox.js'),
  ]);
  const pool = createPool(target.url, 2);
  const session = openPgSession(target.url);
  const alerts = cliAlerts(ctx, openPgOutbox(pool, session));
  const hooked = alertOnAppend(
    journal,
    alerts.journalAlerts((seq) => scanRecordsAfter(journal, seq)),
  );
  const close = hooked.close.bind(hooked);
  hooked.close = async () => {
    await close();
    await session.close();
    await pool.end();
  };
  return hooked;
}

/** The alerts of the context's data dir (with `outbox`, that outbox instead of its file); warnings go to stderr. */
export function cliAlerts(ctx: CliContext, outbox?: Outbox): Alerts {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`),
    ...(outbox ? { outbox } : {}),
  });
}

/** Run `use` with the context's journal open, and close the journal however it ends. */
export async function withCliJournal<T>(ctx: CliContext, use: (journal: Journal) => Promise<T>): Promise<T> {
  const journal = await openCliJournal(ctx);
  try {
    return await use(journal);
  } finally {
    await journal.close();
  }
}
