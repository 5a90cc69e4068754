import { resolveDatabaseUrl, type JournalTarget } from '../executions/open-journal-at.js';
import type { CliContext } from './context.js';

/**
 * Where this command's journal lives: `--database-url`, else the database `journal.url_env` names when
 * `journal.backend` is postgres, else the data dir's files (docs/postgres.md).
 */
export function cliJournalTarget(ctx: CliContext): JournalTarget {
  const url = resolveDatabaseUrl(ctx.databaseUrl, ctx.config.journal, ctx.env);
  return url ? { backend: 'postgres', url } : { backend: 'file', dataDir: ctx.dataDir };
}

/** The PostgreSQL URL of this command's journal, or null for the data dir's files. */
export function journalUrl(ctx: CliContext): string | null {
  const target = cliJournalTarget(ctx);
  return target.backend === 'postgres' ? target.url : null;
}
