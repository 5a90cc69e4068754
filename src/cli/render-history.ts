import { renderTable } from './output.js';
import type { AuditEvent, InvalidEntry } from '../history/types.js';

/** A value as one short line: JSON, cut at `width` characters. */
export function formatValue(value: unknown, width = 60): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** The change lines of one event: one per pointer for an update, one summary line for create and delete. */
export function describeChanges(event: AuditEvent): string[] {
  const prefix = event.auditable_type === 'Runbook::Step' ? `step ${event.auditable_id.split('/')[1]}: ` : '';
  if (event.action === 'create') return [`${prefix}created`];
  if (event.action === 'delete') return [`${prefix}deleted`];
  return Object.entries(event.audited_changes).map(([pointer, change]) => {
    const [before, after] = change as [unknown, unknown];
    return `${prefix}${pointer}: ${formatValue(before, 40)} → ${formatValue(after, 40)}`;
  });
}

/** When, as `YYYY-MM-DD HH:MM` in the commit's own offset. */
export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** `opsledger history` as a table: version, when, who, PR, commit, one line per changed pointer (pure). */
export function renderHistoryTable(events: readonly AuditEvent[]): string {
  const rows: string[][] = [['VERSION', 'WHEN', 'WHO', 'PR', 'COMMIT', 'CHANGE']];
  for (const e of events) {
    const version = e.auditable_type === 'Runbook::Step' ? `  v${e.version}` : `v${e.version}`;
    const lines = describeChanges(e);
    const pr = e.pull_request === null ? '-' : `#${e.pull_request}`;
    const revert = e.revert_of ? ` (reverts ${e.revert_of.slice(0, 7)})` : '';
    lines.forEach((line, i) => {
      rows.push(
        i === 0
          ? [version, shortDate(e.created_at), e.user.email, pr, e.commit.slice(0, 7), line + revert]
          : ['', '', '', '', '', line],
      );
    });
  }
  return renderTable(rows);
}

/** `opsledger audit` as a table: one line per event (type, id, action, version) or invalid file (pure). */
export function renderAuditTable(entries: readonly (AuditEvent | InvalidEntry)[]): string {
  const rows: string[][] = [['WHEN', 'WHO', 'TYPE', 'ID', 'ACTION', 'VERSION', 'PR', 'COMMIT', 'CHANGE']];
  for (const e of entries) {
    if (e.action === 'invalid') {
      const f = e.findings[0];
      rows.push([
        shortDate(e.created_at),
        e.user.email,
        e.auditable_type,
        e.auditable_id ?? '?',
        'invalid',
        '-',
        '-',
        e.commit.slice(0, 7),
        f ? `${e.path}:${f.line}:${f.col}: ${f.message}` : e.path,
      ]);
      continue;
    }
    const changes = describeChanges(e);
    rows.push([
      shortDate(e.created_at),
      e.user.email,
      e.auditable_type,
      e.auditable_id,
      e.action,
      `v${e.version}`,
      e.pull_request === null ? '-' : `#${e.pull_request}`,
      e.commit.slice(0, 7),
      changes.length > 1 ? `${changes[0]} (+${changes.length - 1} more)` : (changes[0] ?? ''),
    ]);
  }
  return renderTable(rows);
}
