import type { DefinitionKind } from '../definitions/types.js';
import type { DefinitionFile, StoredEvent, StoredState } from './history-store.js';
import {
  AUDIT_ACTIONS,
  FORGES,
  type AuditEvent,
  type AuditUser,
  type Credit,
  type Problem,
} from './types.js';
import { stableId } from './fold-types.js';
import type { EncodedValue, Part } from './value-table.js';
import { AUDITABLE_TYPES } from '../definitions/types.js';

/**
 * How a definition file of the index is written (format 5; format 4 without the validity, credit, revert, partial and forge columns): events and states as rows, and every string they repeat
 * (commit ids, blob ids, dates, paths, messages, names, e-mail addresses) once, in a table the rows point into.
 * A file is mostly the same few commits, people and paths over and over: on the benchmark repo this writes the
 * index in about a third of the bytes of plain objects, which is most of what a cold build spends writing it.
 * An event's id is not stored: it is a function of its commit, type and object (`stableId`), computed on reading.
 * A version's value is stored as its key list (one of a table of key lists) and its part numbers.
 * In memory a file is always the plain `DefinitionFile` (its states and values made when first read); only the bytes on
 * disk are compact.
 */
interface StoredForm {
  kind: DefinitionKind;
  id: string;
  strings: string[];
  /** [name, email] as string numbers. */
  people: [number, number][];
  events: EventRow[];
  states: StateRow[];
  /** The key lists of the values, each once. */
  shapes: string[][];
  /** [blob, shape, part of each key...] */
  values: number[][];
  parts: Part[];
}

/** A string number, or -1 for null. */
type Str = number;

type EventRow = [
  seq: number,
  ord: number,
  type: number,
  auditableId: Str,
  action: number,
  version: number,
  changes: Record<string, unknown>,
  commit: Str,
  createdAt: Str,
  path: Str,
  message: Str,
  pullRequest: number | null,
  revertOf: Str,
  blob: Str,
  user: number,
  authors: number[],
  committer: number,
  valid: 0 | 1,
  problems: Problem[],
  /** [pointer, person, commit] per pointer of a merge's event, or null. */
  changedBy: [string, number, Str][] | null,
  /** A person, or -1. */
  mergedBy: number,
  restores: [version: number, commit: Str] | null,
  partial: 0 | 1,
  /** A number of FORGES, or -1. */
  forge: number,
];

type StateRow = [
  seq: number,
  commit: Str,
  createdAt: Str,
  version: number,
  blob: Str,
  path: Str,
  fileBlob: Str,
  valid: 0 | 1,
];

export function encodeDefinitionFile(file: DefinitionFile): string {
  const strings: string[] = [];
  const stringAt = new Map<string, number>();
  const str = (s: string | null): Str => {
    if (s === null) return -1;
    let at = stringAt.get(s);
    if (at === undefined) {
      at = strings.push(s) - 1;
      stringAt.set(s, at);
    }
    return at;
  };
  const people: [number, number][] = [];
  const personAt = new Map<string, number>();
  // The fold shares one person object between the events of a commit: most lookups hit by identity.
  const personOf = new Map<AuditUser, number>();
  const person = (p: AuditUser): number => {
    let at = personOf.get(p);
    if (at !== undefined) return at;
    const key = `${p.name}\n${p.email}`;
    at = personAt.get(key);
    if (at === undefined) {
      at = people.push([str(p.name), str(p.email)]) - 1;
      personAt.set(key, at);
    }
    personOf.set(p, at);
    return at;
  };
  const shapes: string[][] = [];
  const shapeAt = new Map<string, number>();
  const shapeOf = (value: EncodedValue): number => {
    const keys = value.map(([key]) => key);
    const key = keys.join('\n');
    let at = shapeAt.get(key);
    if (at === undefined) {
      at = shapes.push(keys) - 1;
      shapeAt.set(key, at);
    }
    return at;
  };
  const form: StoredForm = {
    kind: file.kind,
    id: file.id,
    strings,
    people,
    events: file.events.map(({ seq, ord, event: e }) => [
      seq,
      ord,
      AUDITABLE_TYPES.indexOf(e.auditable_type),
      str(e.auditable_id),
      AUDIT_ACTIONS.indexOf(e.action),
      e.version,
      e.audited_changes,
      str(e.commit),
      str(e.created_at),
      str(e.path),
      str(e.message),
      e.pull_request,
      str(e.revert_of),
      str(e.blob),
      person(e.user),
      e.authors.map(person),
      person(e.committer),
      e.valid ? 1 : 0,
      e.problems,
      e.changed_by === null
        ? null
        : Object.entries(e.changed_by).map(([pointer, c]) => [pointer, person(c), str(c.commit)]),
      e.merged_by === null ? -1 : person(e.merged_by),
      e.restores === null ? null : [e.restores.version, str(e.restores.commit)],
      e.partial ? 1 : 0,
      e.forge === null ? -1 : FORGES.indexOf(e.forge),
    ]),
    states: file.states.map((s) => [
      s.seq,
      str(s.commit),
      str(s.created_at),
      s.version,
      str(s.blob),
      str(s.path),
      str(s.file_blob),
      s.valid ? 1 : 0,
    ]),
    shapes,
    values: Object.entries(file.values).map(([blob, value]) => {
      const row = [str(blob), shapeOf(value)];
      for (const [, part] of value) row.push(part);
      return row;
    }),
    parts: file.parts,
  };
  return JSON.stringify(form);
}

/** Per file decoded by decodeDefinitionFile: one blob's value, made alone (valueOfBlob). */
const oneValue = new WeakMap<DefinitionFile, (blob: string) => EncodedValue | undefined>();

/**
 * `file.values[blob]`, without making the value of every other version of the file when it was decoded from the
 * index (a report reads one version of most files: the one in force).
 */
export function valueOfBlob(file: DefinitionFile, blob: string): EncodedValue | undefined {
  const one = oneValue.get(file);
  return one ? one(blob) : Object.hasOwn(file.values, blob) ? file.values[blob] : undefined;
}

/** The ids of decoded events already asked for. */
const idsRead = new WeakMap<object, string>();

/**
 * An event's `id`: computed when first read (JSON output, blame), so the table of `history ID` prints none and hashes
 * none (README, CLI start-up); an enumerable own property all the same, first in the event's keys. One accessor shared
 * by every event: a getter written in each event's literal is a new function per event, and V8 keeps accessors in an
 * object's hidden class, so each event had a class of its own (on the report's 8,000 events that was most of the
 * decoding time and a third of its memory).
 */
const ID_PROPERTY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: AuditEvent): string {
    let id = idsRead.get(this);
    if (id === undefined)
      idsRead.set(this, (id = stableId(this.commit, this.auditable_type, this.auditable_id)));
    return id;
  },
};

function changedByOf(
  rows: [string, number, Str][],
  person: (at: number) => AuditUser,
  must: (at: Str) => string,
): Record<string, Credit> {
  const out: Record<string, Credit> = {};
  for (const [pointer, who, commit] of rows) {
    const p = person(who);
    out[pointer] = { name: p.name, email: p.email, commit: must(commit) };
  }
  return out;
}

/** The file a stored text holds; throws on anything that is not a well-formed format-5 file (the index is damaged). */
export function decodeDefinitionFile(text: string): DefinitionFile {
  const form = JSON.parse(text) as StoredForm;
  const { strings, people } = form;
  if (
    !Array.isArray(strings) ||
    !Array.isArray(people) ||
    !Array.isArray(form.events) ||
    !Array.isArray(form.shapes)
  ) {
    throw new Error('not a definition file');
  }
  const str = (at: Str): string | null => {
    if (at === -1) return null;
    const s = strings[at];
    if (typeof s !== 'string') throw new Error(`string ${at} is missing`);
    return s;
  };
  const must = (at: Str): string => {
    const s = str(at);
    if (s === null) throw new Error('a required string is null');
    return s;
  };
  const person = (at: number): AuditUser => {
    const p = people[at];
    if (!p) throw new Error(`person ${at} is missing`);
    return { name: must(p[0]), email: must(p[1]) };
  };
  const enumOf = <T>(list: readonly T[], at: number): T => {
    const v = list[at];
    if (v === undefined) throw new Error(`code ${at} is unknown`);
    return v;
  };
  // One object per person of the file, shared by its events (as the fold shares one per commit): fewer objects to make.
  const persons: (AuditUser | undefined)[] = [];
  const personOf = (at: number): AuditUser => (persons[at] ??= person(at));
  const events: StoredEvent[] = form.events.map((r) => {
    const event = {} as AuditEvent;
    Object.defineProperty(event, 'id', ID_PROPERTY);
    event.auditable_type = enumOf(AUDITABLE_TYPES, r[2]);
    event.auditable_id = must(r[3]);
    event.action = enumOf(AUDIT_ACTIONS, r[4]);
    event.version = r[5];
    event.audited_changes = r[6];
    event.user = personOf(r[14]);
    event.commit = must(r[7]);
    event.created_at = must(r[8]);
    event.path = must(r[9]);
    event.message = must(r[10]);
    event.pull_request = r[11];
    event.revert_of = str(r[12]);
    event.blob = str(r[13]);
    event.authors = r[15].map(personOf);
    event.committer = personOf(r[16]);
    event.valid = r[17] === 1;
    event.problems = r[18];
    event.changed_by = r[19] === null ? null : changedByOf(r[19], person, must);
    event.merged_by = r[20] === -1 ? null : personOf(r[20]);
    event.restores = r[21] === null ? null : { version: r[21][0], commit: must(r[21][1]) };
    event.partial = r[22] === 1;
    event.forge = r[23] === -1 ? null : enumOf(FORGES, r[23]);
    // Approvals are not stored: the index overlays them from the notes (docs/history.md "Approvals").
    event.approvals = null;
    return { seq: r[0], ord: r[1], event };
  });
  // States and values are checked now (a damaged file throws here) and made when first asked for: the report's
  // events() reads the events of every definition and the states and values of the roles only.
  for (const r of form.states) {
    must(r[1]);
    must(r[2]);
    str(r[4]);
    must(r[5]);
    str(r[6]);
  }
  for (const row of form.values) {
    const keys = form.shapes[row[1]!];
    if (!keys || keys.length !== row.length - 2)
      throw new Error(`value of ${row[0]} does not fit its key list`);
    must(row[0]!);
  }
  let states: StoredState[] | undefined;
  let values: Record<string, EncodedValue> | undefined;
  const file = { kind: form.kind, id: form.id, events } as DefinitionFile;
  // One blob's value without making every version's (valueOfBlob): the rows by blob, made when first asked.
  let rows: Map<string, number[]> | undefined;
  oneValue.set(file, (blob) => {
    if (values) return Object.hasOwn(values, blob) ? values[blob] : undefined;
    rows ??= new Map(form.values.map((row) => [strings[row[0]!]!, row]));
    const row = rows.get(blob);
    return row && form.shapes[row[1]!]!.map((key, i): [string, number] => [key, row[i + 2]!]);
  });
  Object.defineProperty(file, 'states', {
    enumerable: true,
    configurable: true,
    get: () =>
      (states ??= form.states.map((r) => ({
        seq: r[0],
        commit: strings[r[1]]!,
        created_at: strings[r[2]]!,
        version: r[3],
        blob: r[4] === -1 ? null : strings[r[4]]!,
        path: strings[r[5]]!,
        file_blob: r[6] === -1 ? null : strings[r[6]]!,
        valid: r[7] === 1,
      }))),
  });
  Object.defineProperty(file, 'values', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!values) {
        values = {};
        for (const row of form.values) {
          const keys = form.shapes[row[1]!]!;
          values[strings[row[0]!]!] = keys.map((key, i) => [key, row[i + 2]!]);
        }
      }
      return values;
    },
  });
  file.parts = form.parts;
  return file;
}
