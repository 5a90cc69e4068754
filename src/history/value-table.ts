/**
 * How a definition file of the index stores the parsed value of every version: each top-level property value and
 * each item of a top-level list is a "part", stored once, and a version is the list of its keys with part numbers.
 * Versions are mostly one edit apart and the block parser already shares unchanged parts in memory, so identity finds
 * the repeats: on the benchmark repo this stores the values in about a sixth of the bytes of writing each whole.
 */
export type Part = { v: unknown } | { a: number[] };
export type EncodedValue = [key: string, part: number][];

export interface ValueEncoder {
  encode(value: Record<string, unknown>): EncodedValue;
}

/** Encode values into `parts` (appending; parts already there stay as they are, for an incremental update). */
export function createValueEncoder(parts: Part[]): ValueEncoder {
  const byObject = new Map<object, number>();
  // Keyed by the scalar itself: a Map tells 1 from "1" and true from "true" (and -0 is 0, as in JSON).
  const byScalar = new Map<unknown, number>();
  const add = (part: Part): number => parts.push(part) - 1;
  const partOf = (value: unknown, listItems: boolean): number => {
    if (value !== null && typeof value === 'object') {
      let at = byObject.get(value);
      if (at === undefined) {
        at = add(
          listItems && Array.isArray(value) ? { a: value.map((item) => partOf(item, false)) } : { v: value },
        );
        byObject.set(value, at);
      }
      return at;
    }
    let at = byScalar.get(value);
    if (at === undefined) {
      at = add({ v: value });
      byScalar.set(value, at);
    }
    return at;
  };
  return {
    encode(value) {
      const out: EncodedValue = [];
      for (const k in value) out.push([k, partOf(value[k], true)]);
      return out;
    },
  };
}

/** The value an encoding stands for (null when it names a part the table lacks: a damaged file). */
export function decodeValue(parts: readonly Part[], encoded: EncodedValue): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [key, at] of encoded) {
    const value = decodePart(parts, at);
    if (value === MISSING) return null;
    out[key] = value;
  }
  return out;
}

const MISSING = Symbol('missing');

function decodePart(parts: readonly Part[], at: number): unknown {
  const part = parts[at];
  if (!part) return MISSING;
  if (!('a' in part)) return part.v;
  const items = new Array<unknown>(part.a.length);
  for (let i = 0; i < items.length; i++) {
    const item = decodePart(parts, part.a[i]!);
    if (item === MISSING) return MISSING;
    items[i] = item;
  }
  return items;
}
