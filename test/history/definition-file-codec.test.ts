import { describe, expect, it } from 'vitest';
import {
  decodeDefinitionFile,
  encodeDefinitionFile,
  valueOfBlob,
} from '../../src/history/definition-file-codec.js';
import { stableId } from '../../src/history/fold-types.js';
import type { DefinitionFile } from '../../src/history/history-store.js';
import type { AuditEvent } from '../../src/history/types.js';

const alice = { name: 'Ålice Ops', email: 'alice@example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const sha = (c: string): string => c.repeat(40);

/** An event as the fold makes it: its id follows from its commit, type and object. */
function event(over: Partial<Omit<AuditEvent, 'id'>>): AuditEvent {
  const e: AuditEvent = {
    id: '',
    auditable_type: 'Runbook',
    auditable_id: 'deploy',
    action: 'update',
    version: 2,
    audited_changes: {
      '/timeout': [60, 90],
      '/steps': [
        ['a', 'b'],
        ['b', 'a'],
      ],
    },
    user: alice,
    commit: sha('a'),
    created_at: '2024-01-02T03:04:05+00:00',
    path: 'definitions/runbooks/deploy.yaml',
    message: 'Raise the timeout (#12)',
    pull_request: 12,
    revert_of: null,
    blob: sha('b'),
    authors: [alice, bob],
    committer: bob,
    valid: true,
    problems: [],
    changed_by: null,
    merged_by: null,
    restores: null,
    partial: false,
    forge: 'github',
    approvals: null,
    ...over,
  };
  e.id = stableId(e.commit, e.auditable_type, e.auditable_id);
  return e;
}

const FILE: DefinitionFile = {
  kind: 'runbook',
  id: 'deploy',
  events: [
    { seq: 3, ord: 0, event: event({}) },
    {
      seq: 3,
      ord: 1,
      event: event({
        auditable_type: 'Runbook::Step',
        auditable_id: 'deploy/a',
        action: 'create',
        version: 1,
        audited_changes: { id: 'a', with: { x: null } },
      }),
    },
    {
      seq: 9,
      ord: 0,
      event: event({
        action: 'delete',
        version: 3,
        commit: sha('c'),
        pull_request: null,
        revert_of: sha('a'),
        blob: null,
        authors: [bob],
        user: bob,
      }),
    },
  ],
  states: [
    {
      seq: 3,
      commit: sha('a'),
      created_at: '2024-01-02T03:04:05+00:00',
      version: 2,
      blob: sha('b'),
      path: 'definitions/runbooks/deploy.yaml',
      file_blob: null,
      valid: false,
    },
    {
      seq: 9,
      commit: sha('c'),
      created_at: '2024-02-01T00:00:00+01:00',
      version: 3,
      blob: null,
      path: 'definitions/runbooks/deploy.yaml',
      file_blob: sha('d'),
      valid: true,
    },
  ],
  values: {
    [sha('b')]: [
      ['id', 0],
      ['timeout', 1],
    ],
    [sha('e')]: [
      ['id', 0],
      ['timeout', 2],
    ],
  },
  parts: [{ v: 'deploy' }, { v: 60 }, { v: 90 }],
};

describe('definition file codec (index format 4)', () => {
  it('gives back exactly the file it was given, key order of events included', () => {
    const decoded = decodeDefinitionFile(encodeDefinitionFile(FILE));
    expect(decoded).toEqual(FILE);
    expect(Object.keys(decoded.events[0]!.event)).toEqual(Object.keys(FILE.events[0]!.event));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(FILE));
  });

  it("#15.9 gives one blob's value alone, the same as the file's values (before and after they are made, and after a writer changes them)", () => {
    const decoded = decodeDefinitionFile(encodeDefinitionFile(FILE));
    const blobs = [...Object.keys(FILE.values), sha('f'), 'constructor'];
    const own = (blob: string) => (Object.hasOwn(FILE.values, blob) ? FILE.values[blob] : undefined);
    for (const blob of blobs) expect(valueOfBlob(decoded, blob)).toEqual(own(blob));
    expect(valueOfBlob(decoded, 'constructor')).toBeUndefined();
    expect(decoded.values[sha('e')]).toEqual(FILE.values[sha('e')]);
    expect(valueOfBlob(decoded, 'constructor')).toBeUndefined();
    // A writer (write-index.ts) changes the values it made: the lookup reads them from then on.
    decoded.values[sha('f')] = [['id', 2]];
    delete decoded.values[sha('b')];
    expect(valueOfBlob(decoded, sha('f'))).toEqual([['id', 2]]);
    expect(valueOfBlob(decoded, sha('b'))).toBeUndefined();
    expect(valueOfBlob(decoded, sha('e'))).toEqual(FILE.values[sha('e')]);
    // A file not decoded from the index: its values as they are.
    expect(valueOfBlob(FILE, sha('e'))).toBe(FILE.values[sha('e')]);
  });

  it('stores each repeated string once', () => {
    const text = encodeDefinitionFile(FILE);
    expect(text.split(sha('a')).length - 1).toBe(1);
    expect(text.split('alice@example.com').length - 1).toBe(1);
    // Values of the same keys share one key list; event ids are not stored but computed again.
    expect(text.split('"timeout"').length - 1).toBe(1);
    expect(text).not.toContain(FILE.events[0]!.event.id);
    expect(text.length).toBeLessThan(JSON.stringify(FILE).length * 0.7);
  });

  it('refuses a damaged file instead of inventing values', () => {
    const form = JSON.parse(encodeDefinitionFile(FILE)) as { strings: string[]; events: unknown[][] };
    const lost = { ...form, strings: form.strings.slice(0, 2) };
    expect(() => decodeDefinitionFile(JSON.stringify(lost))).toThrow(/missing/);
    const badType = { ...form, events: [[...form.events[0]!.slice(0, 2), 9, ...form.events[0]!.slice(3)]] };
    expect(() => decodeDefinitionFile(JSON.stringify(badType))).toThrow(/unknown/);
    const values = (form as unknown as { values: number[][] }).values;
    const shortValue = { ...form, values: [values[0]!.slice(0, 3)] };
    expect(() => decodeDefinitionFile(JSON.stringify(shortValue))).toThrow(/key list/);
    expect(() => decodeDefinitionFile('{"kind":"action"}')).toThrow();
    expect(() => decodeDefinitionFile('{')).toThrow();
  });
});
