import { describe, expect, it } from 'vitest';
import { deepEqual, diffValues, escapePointer, leafPointers } from '../../src/history/semantic-diff.js';

describe('diffValues', () => {
  it('reports the smallest changed node as a JSON Pointer', () => {
    expect(diffValues({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2, d: 4 } })).toEqual({ '/b/d': [3, 4] });
  });

  it('uses null for the absent side of an added or removed key', () => {
    expect(diffValues({ a: 1 }, { a: 1, timeout: 600 })).toEqual({ '/timeout': [null, 600] });
    expect(diffValues({ a: 1, schedule: '0 * * * *' }, { a: 1 })).toEqual({
      '/schedule': ['0 * * * *', null],
    });
  });

  it('ignores key order', () => {
    expect(diffValues({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toEqual({});
  });

  it('addresses parameters by name, not by index', () => {
    const before = { parameters: [{ name: 'service', default: 'nginx' }, { name: 'force' }] };
    const after = { parameters: [{ name: 'service', default: 'apache' }, { name: 'force' }] };
    expect(diffValues(before, after)).toEqual({ '/parameters/service/default': ['nginx', 'apache'] });
  });

  it('shows an added and a removed parameter as whole objects under its name', () => {
    const before = { parameters: [{ name: 'a', type: 'string' }] };
    const after = { parameters: [{ name: 'b', type: 'string' }] };
    expect(diffValues(before, after)).toEqual({
      '/parameters/a': [{ name: 'a', type: 'string' }, null],
      '/parameters/b': [null, { name: 'b', type: 'string' }],
    });
  });

  it('keys steps by id (before name) and shows a reorder as key lists', () => {
    const a = { id: 'a', name: 'A' };
    const b = { id: 'b', name: 'B' };
    expect(diffValues({ steps: [a, b] }, { steps: [b, a] })).toEqual({
      '/steps': [
        ['a', 'b'],
        ['b', 'a'],
      ],
    });
    expect(diffValues({ steps: [a] }, { steps: [a, { ...b, name: 'A' }] })).toEqual({
      '/steps/b': [null, { id: 'b', name: 'A' }],
    });
  });

  it('compares arrays of scalars whole', () => {
    expect(diffValues({ targets: ['web-01'] }, { targets: ['web-01', 'web-02'] })).toEqual({
      '/targets': [['web-01'], ['web-01', 'web-02']],
    });
  });

  it('compares arrays of objects without a unique key whole', () => {
    const before = { list: [{ name: 'x' }, { name: 'x' }] };
    const after = { list: [{ name: 'x' }] };
    expect(diffValues(before, after)).toEqual({ '/list': [[{ name: 'x' }, { name: 'x' }], [{ name: 'x' }]] });
  });

  it('reports a type change at the node that changed type', () => {
    expect(diffValues({ with: { a: 1 } }, { with: 'x' })).toEqual({ '/with': [{ a: 1 }, 'x'] });
  });

  it('escapes ~ and / in pointer segments', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(diffValues({ 'a/b': 1 }, { 'a/b': 2 })).toEqual({ '/a~1b': [1, 2] });
  });
});

describe('deepEqual', () => {
  it('treats arrays as ordered and objects as unordered', () => {
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: [1], b: null }, { b: null, a: [1] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('leafPointers', () => {
  it('lists leaves with keyed arrays addressed by their key and other arrays whole', () => {
    const leaves = leafPointers({ id: 'x', tags: ['a'], parameters: [{ name: 'p', default: 1 }] });
    expect([...leaves.entries()]).toEqual([
      ['/id', 'x'],
      ['/tags', ['a']],
      ['/parameters/p/name', 'p'],
      ['/parameters/p/default', 1],
    ]);
  });
});
