import { leafPointers } from './semantic-diff.js';
import type { AuditEvent, AuditUser, Credit } from './types.js';

/** Who set one leaf of the current definition, and when (`opsledger blame`). */
export interface BlameLine {
  pointer: string;
  value: unknown;
  version: number;
  auditable_id: string;
  user: AuditUser;
  created_at: string;
  commit: string;
  pull_request: number | null;
  event_id: string;
  /** The commit that set the value: for a merge, the merged-side commit credited with it (`changed_by`). */
  authored_in: string;
  /**
   * Who approved the change that set it (the email, else the GitHub login): current approvals by others than its
   * authors recorded in the commit's approval note; null when no note was recorded (docs/history.md "Approvals").
   */
  approved_by: string[] | null;
}

function isOrderList(change: unknown): boolean {
  const [a, b] = change as [unknown, unknown];
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return strings(a) && strings(b);
}

/**
 * For every leaf of the current definition, the latest event that set it (pure): an update whose pointer is the leaf
 * or one of its ancestors, or the create that made the object. A runbook's step leaves
 * (`/steps/<id>/...`) come from that step's own events. Reordering a keyed array does not set its items' values.
 */
export function blameDefinition(
  events: readonly AuditEvent[],
  current: Record<string, unknown>,
  options: { id: string },
): BlameLine[] {
  const lines: BlameLine[] = [];
  for (const [pointer, value] of leafPointers(current)) {
    const step = /^\/steps\/([^/]+)(\/.*)?$/.exec(pointer);
    const auditableId = step ? `${options.id}/${step[1]}` : options.id;
    const inner = step ? (step[2] ?? '') : pointer;
    const own = events.filter((e) => e.auditable_id === auditableId);
    const lastCreate = own.map((e) => e.action).lastIndexOf('create');
    const candidates = own.slice(Math.max(0, lastCreate));
    let setter: AuditEvent | undefined;
    for (let i = candidates.length - 1; i >= 0 && !setter; i--) {
      const e = candidates[i]!;
      if (e.action === 'create') setter = e;
      else if (e.action === 'update' && setsPointer(e.audited_changes, inner)) setter = e;
    }
    if (!setter) continue;
    const credit = creditFor(setter, inner);
    const event = setter;
    lines.push({
      pointer,
      value,
      version: setter.version,
      auditable_id: setter.auditable_id,
      user: credit ? { name: credit.name, email: credit.email } : setter.user,
      created_at: setter.created_at,
      commit: setter.commit,
      pull_request: setter.pull_request,
      // Read when shown (`--json`): the table prints no event id, and so computes none and loads no node:crypto
      // (README, CLI start-up). An enumerable own property all the same, in its place among the line's keys.
      get event_id() {
        return event.id;
      },
      authored_in: credit?.commit ?? setter.commit,
      approved_by: approvedBy(setter),
    });
  }
  return lines;
}

function approvedBy(event: AuditEvent): string[] | null {
  if (event.approvals === null) return null;
  const current = event.approvals.filter((a) => a.state === 'APPROVED' && !a.stale && !a.by_author);
  return [...new Set(current.map((a) => a.email ?? a.reviewer_login))];
}

/** Who a merge credits with setting the pointer: the entry of the changed pointer that covers it. */
function creditFor(event: AuditEvent, pointer: string): Credit | null {
  const credits = event.changed_by;
  if (!credits) return null;
  if (event.action !== 'update') return credits[''] ?? null;
  for (const [changed, change] of Object.entries(event.audited_changes)) {
    if (changed === pointer || (pointer.startsWith(`${changed}/`) && !isOrderList(change))) {
      return credits[changed] ?? null;
    }
  }
  return null;
}

function setsPointer(changes: Record<string, unknown>, pointer: string): boolean {
  for (const [changed, change] of Object.entries(changes)) {
    if (changed === pointer) return true;
    if (pointer.startsWith(`${changed}/`) && !isOrderList(change)) return true;
  }
  return false;
}
