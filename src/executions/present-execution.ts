import type { ExecutionRecord } from './types.js';

/** A record as people read it: `initiator.user`/`os_user` resolved through the vault, the stored pseudonym beside. */
export type PresentedExecution = Omit<ExecutionRecord, 'initiator'> & {
  initiator: ExecutionRecord['initiator'] & { pseudonym?: string };
};

/**
 * Resolve the pseudonyms of a record for display (the journal line keeps the pseudonym, which is what its hash
 * covers; `pseudonym` carries it). With `pseudonymize` the record is returned as stored (the reporting switch).
 */
export function presentExecution(
  record: ExecutionRecord,
  resolveUser: (stored: string) => string,
  pseudonymize = false,
): PresentedExecution {
  if (pseudonymize) return record;
  const { user, os_user: osUser } = record.initiator;
  const initiator: PresentedExecution['initiator'] = {
    ...record.initiator,
    user: resolveUser(user),
    pseudonym: user,
  };
  if (osUser !== undefined) initiator.os_user = resolveUser(osUser);
  return { ...record, initiator };
}

/** `1.2s`, `340ms`, `2m05s`, `-` for a run still going. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m${String(s).padStart(2, '0')}s`;
}
