import { describe, expect, it } from 'vitest';
import { createValueEncoder, decodeValue, type Part } from '../../src/history/value-table.js';

describe('value table', () => {
  it('stores shared parts once and decodes every version as it was', () => {
    const params = [{ name: 'service', type: 'string' }];
    const step = { id: 'a', action: 'x' };
    const v1 = { id: 'r', timeout: 1, parameters: params, steps: [step, { id: 'b' }] };
    const v2 = { id: 'r', timeout: 2, parameters: params, steps: [{ id: 'b2' }, step] };
    const parts: Part[] = [];
    const enc = createValueEncoder(parts);
    const e1 = enc.encode(v1);
    const e2 = enc.encode(v2);
    expect(decodeValue(parts, e1)).toEqual(v1);
    expect(decodeValue(parts, e2)).toEqual(v2);
    // id "r", the parameters list (a list of parts) and the shared step are stored once.
    expect(parts.filter((p) => 'v' in p && p.v === params[0])).toHaveLength(1);
    expect(e1.find(([k]) => k === 'parameters')![1]).toBe(e2.find(([k]) => k === 'parameters')![1]);
    expect(parts.filter((p) => 'v' in p && p.v === step)).toHaveLength(1);
    expect(parts.filter((p) => 'v' in p && p.v === 'r')).toHaveLength(1);
    // Through JSON, as the index stores it.
    const stored = JSON.parse(JSON.stringify({ parts, e2 })) as { parts: Part[]; e2: [string, number][] };
    expect(decodeValue(stored.parts, stored.e2)).toEqual(v2);
  });

  it('appends to the parts of an existing file without touching them', () => {
    const parts: Part[] = [];
    const first = createValueEncoder(parts).encode({ id: 'a', n: 1 });
    const before = JSON.stringify(parts);
    const second = createValueEncoder(parts).encode({ id: 'a', n: 2 });
    expect(JSON.stringify(parts).startsWith(before.slice(0, -1))).toBe(true);
    expect(decodeValue(parts, first)).toEqual({ id: 'a', n: 1 });
    expect(decodeValue(parts, second)).toEqual({ id: 'a', n: 2 });
  });

  it('keeps scalars that print alike apart (1 and "1", true and "true", null and "null")', () => {
    const value = {
      a: 1,
      b: '1',
      c: true,
      d: 'true',
      e: null,
      f: 'null',
      g: 1,
      list: [1, '1', false, 'false'],
    };
    const parts: Part[] = [];
    const encoded = createValueEncoder(parts).encode(value);
    const stored = JSON.parse(JSON.stringify(parts)) as Part[];
    expect(decodeValue(stored, encoded)).toEqual(value);
    expect(encoded.find(([k]) => k === 'a')![1]).toBe(encoded.find(([k]) => k === 'g')![1]);
  });

  it('answers null for an encoding that names a missing part', () => {
    expect(
      decodeValue(
        [{ v: 1 }],
        [
          ['a', 0],
          ['b', 5],
        ],
      ),
    ).toBeNull();
    expect(decodeValue([{ a: [3] }], [['a', 0]])).toBeNull();
  });
});
