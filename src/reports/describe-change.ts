import type { AuditEvent } from '../history/types.js';
import type { People } from './create-people.js';
import type { ChangeEntry, FieldChange } from './report-model.js';
import { formatValue } from './report-format.js';

export const REDACTED = '(secret, not shown)';

/**
 * One audit event as a change-history row: field-level `[old, new]` pairs (a create or delete lists the whole
 * object by top-level key), with the defaults of secret parameters redacted and people pseudonymized on request.
 * `secretNames` holds every parameter name that is secret anywhere in the action's history (or, for steps, in any
 * action), so a default is hidden even in versions where the flag was off.
 */
export function describeChange(
  event: AuditEvent,
  secretNames: ReadonlySet<string>,
  people: People,
): ChangeEntry {
  return {
    subject: event.auditable_id,
    type: event.auditable_type,
    action: event.action,
    version: event.version,
    commit: event.commit,
    created_at: event.created_at,
    user: people.person(event.user.email),
    message: people.scrub(event.message),
    pull_request: event.pull_request,
    revert_of: event.revert_of,
    changes: fieldChanges(event, secretNames).map(({ pointer, old, new: next }) => ({
      pointer,
      old: people.scrub(old),
      new: people.scrub(next),
    })),
  };
}

/** The changed pointers of an event, old and new formatted for display. */
export function fieldChanges(event: AuditEvent, secretNames: ReadonlySet<string>): FieldChange[] {
  const pairs: [string, unknown, unknown][] = [];
  if (event.action === 'update') {
    for (const [pointer, pair] of Object.entries(event.audited_changes)) {
      const [old, next] = Array.isArray(pair) ? pair : [undefined, pair];
      pairs.push([pointer, old, next]);
    }
  } else {
    for (const [key, value] of Object.entries(event.audited_changes)) {
      const pointer = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      pairs.push(event.action === 'create' ? [pointer, null, value] : [pointer, value, null]);
    }
  }
  return pairs
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pointer, old, next]) => ({
      pointer,
      old: formatValue(redact(pointer, old, secretNames)),
      new: formatValue(redact(pointer, next, secretNames)),
    }));
}

/** Hide secret parameter defaults (and runbook step inputs to secret parameters) inside a changed value. */
export function redact(pointer: string, value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (value === null || value === undefined || secretNames.size === 0) return value;
  const parts = pointer.split('/').slice(1);
  const [head, name, field] = parts;
  if (head === 'parameters') {
    if (name === undefined) return redactParameterList(value, secretNames);
    if (!secretNames.has(name)) return value;
    if (field === undefined) return redactParameter(value);
    return field === 'default' ? REDACTED : value;
  }
  if (head === 'with') {
    if (name === undefined) return redactWith(value, secretNames);
    return secretNames.has(name) ? REDACTED : value;
  }
  if (head === 'steps' && Array.isArray(value)) {
    return value.map((step: unknown) =>
      step && typeof step === 'object' && 'with' in step
        ? { ...step, with: redactWith((step as { with: unknown }).with, secretNames) }
        : step,
    );
  }
  return value;
}

function redactParameterList(value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((p: unknown) =>
    p && typeof p === 'object' && secretNames.has(String((p as { name?: unknown }).name))
      ? redactParameter(p)
      : p,
  );
}

function redactParameter(value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('default' in value)) return value;
  return { ...value, default: REDACTED };
}

function redactWith(value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretNames.has(k) ? REDACTED : v;
  return out;
}
