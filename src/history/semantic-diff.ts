/** JSON Pointer → [old, new]; null stands for the absent side (docs/history.md). */
export type AuditedChanges = Record<string, [unknown, unknown]>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Escape one JSON Pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Deep equality of parsed YAML/JSON values; object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    if (!Object.hasOwn(ao, k) || ao[k] === undefined) continue;
    count++;
    if (!Object.hasOwn(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (Object.hasOwn(bo, k) && bo[k] !== undefined) count--;
  return count === 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The key an array of objects is addressed by: `id` (steps) before `name` (parameters), when unique in the array. */
function itemKey(items: readonly unknown[]): 'id' | 'name' | null {
  if (items.length === 0) return null;
  for (const key of ['id', 'name'] as const) {
    const values = items.map((it) => (isPlainObject(it) ? it[key] : undefined));
    if (values.every((v) => typeof v === 'string') && new Set(values).size === values.length) return key;
  }
  return null;
}

/**
 * The smallest changed nodes between two versions of a definition (pure). Objects are compared key by key; arrays of
 * objects that all carry a unique `id` or `name` are matched by that value and addressed by it
 * (`/parameters/service/default`), and a change in the order of their common items shows as
 * `<array>` → `[[old keys], [new keys]]`; any other array is compared whole. Absent sides are null.
 */
export function diffValues(before: unknown, after: unknown, pointer = ''): AuditedChanges {
  const changes: AuditedChanges = {};
  collect(before, after, pointer, changes);
  return changes;
}

function collect(a: unknown, b: unknown, pointer: string, out: AuditedChanges): void {
  if (deepEqual(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const k of keys) {
      const x = a[k] ?? null;
      const y = b[k] ?? null;
      // Versions share their unchanged blocks (block parser): most keys are the same object on both sides.
      if (x !== y) collect(x, y, `${pointer}/${escapePointer(k)}`, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = sharedItemKey(a, b);
    if (key) {
      collectKeyed(a as Record<string, unknown>[], b as Record<string, unknown>[], key, pointer, out);
      return;
    }
  }
  out[pointer] = [a ?? null, b ?? null];
}

/** The item key both sides agree on (an empty side agrees with anything), or null to compare the arrays whole. */
function sharedItemKey(a: readonly unknown[], b: readonly unknown[]): 'id' | 'name' | null {
  const ka = a.length > 0 ? itemKey(a) : undefined;
  const kb = b.length > 0 ? itemKey(b) : undefined;
  if (ka === null || kb === null) return null;
  if (ka === undefined) return kb ?? null;
  if (kb === undefined) return ka;
  return ka === kb ? ka : null;
}

function collectKeyed(
  a: Record<string, unknown>[],
  b: Record<string, unknown>[],
  key: 'id' | 'name',
  pointer: string,
  out: AuditedChanges,
): void {
  const oldKeys = a.map((it) => String(it[key]));
  const newKeys = b.map((it) => String(it[key]));
  const common = new Set(oldKeys.filter((k) => newKeys.includes(k)));
  const oldOrder = oldKeys.filter((k) => common.has(k));
  const newOrder = newKeys.filter((k) => common.has(k));
  if (oldOrder.some((k, i) => newOrder[i] !== k)) out[pointer] = [oldKeys, newKeys];
  const byKey = (list: Record<string, unknown>[], k: string): unknown =>
    list.find((it) => String(it[key]) === k) ?? null;
  for (const k of [...oldKeys, ...newKeys.filter((n) => !oldKeys.includes(n))]) {
    collect(byKey(a, k), byKey(b, k), `${pointer}/${escapePointer(k)}`, out);
  }
}

/** Every leaf of a value as JSON Pointer → value, with keyed arrays addressed as `diffValues` does (for blame). */
export function leafPointers(value: unknown, pointer = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  walk(value as Json, pointer, out);
  return out;
}

function walk(value: Json, pointer: string, out: Map<string, unknown>): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) out.set(pointer, value);
    for (const k of keys) walk(value[k] as Json, `${pointer}/${escapePointer(k)}`, out);
    return;
  }
  if (Array.isArray(value)) {
    const key = itemKey(value);
    if (key) {
      for (const item of value as Record<string, Json>[]) {
        walk(item, `${pointer}/${escapePointer(String(item[key]))}`, out);
      }
      return;
    }
  }
  out.set(pointer, value);
}
