import type { DefinitionKind } from '../../definitions/types.js';
import { scriptPathOf } from '../fold-types.js';

const stepsCache = new WeakMap<Record<string, unknown>, Record<string, unknown>[]>();

/**
 * A runbook's steps, first of each id (a value is asked for its steps several times while folding). An invalid
 * runbook's items that are not objects with an id are not steps.
 */
export function stepsOf(value: Record<string, unknown>): Record<string, unknown>[] {
  let out = stepsCache.get(value);
  if (!out) {
    const steps = Array.isArray(value.steps) ? (value.steps as unknown[]) : [];
    const seen = new Set<string>();
    out = steps.filter((s): s is Record<string, unknown> => {
      if (s === null || typeof s !== 'object' || Array.isArray(s)) return false;
      const id = (s as { id?: unknown }).id;
      if (typeof id !== 'string' && typeof id !== 'number') return false;
      return !seen.has(String(id)) && Boolean(seen.add(String(id)));
    });
    stepsCache.set(value, out);
  }
  return out;
}

/** An action's value as audited: `script.file_blob` carries the script file's content identity. */
export function augment(value: Record<string, unknown>, fileBlob: string | null): Record<string, unknown> {
  if (scriptPathOf(value) === null) return value;
  return { ...value, script: { ...(value.script as object), file_blob: fileBlob } };
}

/** What a definition's own event compares: a runbook's steps by id only (their content has events of their own). */
export function shapeOf(
  kind: DefinitionKind,
  value: Record<string, unknown>,
  fileBlob: string | null,
): unknown {
  if (kind === 'runbook') return { ...value, steps: stepsOf(value).map((s) => String(s.id)) };
  return augment(value, fileBlob);
}
