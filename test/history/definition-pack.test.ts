import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  idsIn,
  readRecord,
  readTable,
  removeStalePacks,
  tableFile,
  writePack,
  type PackTable,
} from '../../src/history/definition-pack.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function genDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsledger-pack-'));
  dirs.push(dir);
  return dir;
}

const put = (file: string, content: string): void => writeFileSync(file, content);
const save = (dir: string, table: PackTable, seq: number): void =>
  put(tableFile(dir, seq), JSON.stringify(table));

describe('definition pack', () => {
  it('writes every record into one pack and reads each back by kind and id, non-ASCII bytes included', () => {
    const dir = genDir();
    const table = writePack(
      dir,
      null,
      [
        { kind: 'action', id: 'b', text: '{"name":"Zoë Ünal"}' },
        { kind: 'action', id: 'a', text: '{"x":1}' },
        { kind: 'runbook', id: 'deploy', text: '{"steps":[]}' },
      ],
      put,
    );
    save(dir, table, 3);
    expect(readdirSync(dir).sort()).toEqual(['defs-1.pack', 'defs-3.json']);
    const read = readTable(dir, 3)!;
    expect(idsIn(read, 'action')).toEqual(['a', 'b']);
    expect(idsIn(read, 'role')).toEqual([]);
    expect(readRecord(dir, read, 'action', 'b')).toBe('{"name":"Zoë Ünal"}');
    expect(readRecord(dir, read, 'runbook', 'deploy')).toBe('{"steps":[]}');
    expect(readRecord(dir, read, 'action', 'missing')).toBeNull();
    expect(readRecord(dir, read, 'action', '__proto__')).toBeNull();
    expect(read.size).toBe(statSync(path.join(dir, 'defs-1.pack')).size);
  });

  it('appends an update, so a reader holding the older table still reads what it names', () => {
    const dir = genDir();
    const first = writePack(dir, null, [{ kind: 'action', id: 'a', text: 'v1' }], put);
    const second = writePack(
      dir,
      first,
      [
        { kind: 'action', id: 'a', text: 'v2' },
        { kind: 'role', id: 'r', text: 'r1' },
      ],
      put,
    );
    expect(second.pack).toBe('defs-1.pack');
    expect(readRecord(dir, first, 'action', 'a')).toBe('v1');
    expect(readRecord(dir, second, 'action', 'a')).toBe('v2');
    expect(readRecord(dir, second, 'role', 'r')).toBe('r1');
  });

  it('cuts what a crashed writer appended past the table before appending', () => {
    const dir = genDir();
    const first = writePack(dir, null, [{ kind: 'action', id: 'a', text: 'v1' }], put);
    appendFileSync(path.join(dir, first.pack), 'torn record without an end');
    const second = writePack(dir, first, [{ kind: 'action', id: 'a', text: 'v2' }], put);
    expect(second.files.action!.a![0]).toBe(first.size);
    expect(statSync(path.join(dir, first.pack)).size).toBe(second.size);
    expect(readRecord(dir, second, 'action', 'a')).toBe('v2');
  });

  it('starts a new pack of the live records when most of the old one is dead, and drops the old files', () => {
    const dir = genDir();
    const big = 'x'.repeat(1_500_000);
    const first = writePack(
      dir,
      null,
      [
        { kind: 'action', id: 'a', text: big },
        { kind: 'action', id: 'keep', text: 'kept' },
      ],
      put,
    );
    save(dir, first, 1);
    const second = writePack(dir, first, [{ kind: 'action', id: 'a', text: 'small' }], put);
    save(dir, second, 2);
    expect(second.pack).toBe('defs-2.pack');
    expect(readRecord(dir, second, 'action', 'a')).toBe('small');
    expect(readRecord(dir, second, 'action', 'keep')).toBe('kept');
    expect(second.size).toBeLessThan(100);
    removeStalePacks(dir, second, 2);
    expect(readdirSync(dir).sort()).toEqual(['defs-2.json', 'defs-2.pack']);
    // A reader still holding the first table finds its pack gone: ENOENT tells it to read meta again.
    expect(() => readRecord(dir, first, 'action', 'keep')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });

  it('refuses a pack shorter than its table says, and a table that is not one', () => {
    const dir = genDir();
    const table = writePack(dir, null, [{ kind: 'action', id: 'a', text: 'abcdef' }], put);
    writeFileSync(path.join(dir, table.pack), 'abc');
    expect(() => readRecord(dir, table, 'action', 'a')).toThrow(/cut short/);
    writeFileSync(tableFile(dir, 1), '{"pack": 3}');
    expect(readTable(dir, 1)).toBeNull();
    expect(readTable(dir, 2)).toBeNull();
  });
});
