import { sql as journal001 } from './001-journal.js';
import { sql as shared002 } from './002-shared-state.js';
import { sql as alerts003 } from './003-alerts.js';
import { sql as leases004 } from './004-recording-leases.js';
import { sql as claims005 } from './005-alert-claims.js';
import { sql as pending006 } from './006-journal-pending.js';
import { sql as targets007 } from './007-journal-targets.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema's versioned migrations, in order: one file per version in this directory, `NNN-name.ts`, listed here so
 * the bundle carries them (a test checks the directory and this list agree). Never edit one that shipped; add the
 * next number.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'journal', sql: journal001 },
  { version: 2, name: 'shared-state', sql: shared002 },
  { version: 3, name: 'alerts', sql: alerts003 },
  { version: 4, name: 'recording-leases', sql: leases004 },
  { version: 5, name: 'alert-claims', sql: claims005 },
  { version: 6, name: 'journal-pending', sql: pending006 },
  { version: 7, name: 'journal-targets', sql: targets007 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
