import type { ChangedDefinition } from './pr-check-report.js';

/** A value on one line, cut to `width` characters (`300`, `"nginx"`, `["web-01"]`). */
export function formatChangeValue(value: unknown, width = 60): string {
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * One line per changed field of a definition, `/timeout 300 → 600`; a step's fields are under
 * `/steps/<step>`; a created or deleted definition (or step) is one line.
 */
export function changeLines(def: ChangedDefinition, width = 60): string[] {
  const lines: string[] = [];
  if (def.action === 'create') lines.push('created');
  else if (def.action === 'delete') lines.push('deleted');
  else lines.push(...pointerLines(def.audited_changes, '', width));
  for (const step of def.steps) {
    const prefix = `/steps/${step.auditable_id.slice(step.auditable_id.indexOf('/') + 1)}`;
    if (step.action === 'update') lines.push(...pointerLines(step.audited_changes, prefix, width));
    else lines.push(`${prefix} ${step.action === 'create' ? 'added' : 'removed'}`);
  }
  return lines;
}

function pointerLines(changes: Record<string, unknown>, prefix: string, width: number): string[] {
  return Object.entries(changes).map(([pointer, change]) => {
    const [before, after] = change as [unknown, unknown];
    return `${prefix}${pointer} ${formatChangeValue(before, width)} → ${formatChangeValue(after, width)}`;
  });
}

/** `action restart-web` */
export function definitionLabel(def: Pick<ChangedDefinition, 'kind' | 'id'>): string {
  return `${def.kind} ${def.id}`;
}
