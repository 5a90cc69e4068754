import { OpsledgerError } from '../errors/opsledger-error.js';
import { openJournal, type OpenJournalOptions } from './open-journal.js';
import type { Journal } from './types.js';

/** Where a journal lives: the files of a data dir (default) or a PostgreSQL database (docs/postgres.md). */
export type JournalTarget = { backend: 'file'; dataDir: string } | { backend: 'postgres'; url: string };

/** `postgres://…` or `postgresql://…` is a database; anything else a data dir. */
export function isDatabaseUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** A `--from`/`--to` argument as a target. */
export function parseJournalTarget(spec: string): JournalTarget {
  return isDatabaseUrl(spec) ? { backend: 'postgres', url: spec } : { backend: 'file', dataDir: spec };
}

/**
 * The journal of a target through the one port. The PostgreSQL backend loads on demand (the file journal's commands
 * never load the driver), and refuses an unmigrated or newer schema.
 */
export async function openJournalAt(
  target: JournalTarget,
  options: Omit<OpenJournalOptions, 'dataDir'> = {},
): Promise<Journal> {
  if (target.backend === 'file') return openJournal({ ...options, dataDir: target.dataDir });
  const { openPostgresJournal } = await import('./postgres/open-postgres-journal.js');
  return openPostgresJournal({
    url: target.url,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}

/** The configured database URL: `--database-url`, else the variable `journal.url_env` names when the backend is postgres. */
export function resolveDatabaseUrl(
  flag: string | undefined,
  journal: { backend: 'file' | 'postgres'; url_env: string },
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  if (flag) {
    if (!isDatabaseUrl(flag)) {
      throw new OpsledgerError('INPUT_INVALID', `--database-url ${flag}: expected postgres://…`, {
        hint: 'e.g. --database-url postgres://opsledger@db.example.com/opsledger',
      });
    }
    return flag;
  }
  if (journal.backend !== 'postgres') return null;
  const url = env[journal.url_env];
  if (!url) {
    throw new OpsledgerError(
      'CONFIG_INVALID',
      `opsledger.yaml sets journal.backend: postgres but $${journal.url_env} is not set`,
      { hint: `Export ${journal.url_env}=postgres://… or pass --database-url.` },
    );
  }
  return url;
}
