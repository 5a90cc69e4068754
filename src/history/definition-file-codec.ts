import type { DefinitionKind } from '../definitions/types.js';
import type { DefinitionFile, StoredEvent, StoredState } from './history-store.js';
import type { AuditAction, AuditableType, AuditUser } from './types.js';
import type { EncodedValue, Part } from './value-table.js';

/**
 * How a definition file of the index is written (format 3): events and states as rows, and every string they repeat
 * (commit ids, blob ids, dates, paths, messages, names, e-mail addresses) once, in a table the rows point into.
 * A file is mostly the same few commits, people and paths over and over: on the benchmark repo this writes the
 * index in under half the bytes of plain objects, which is most of what a cold build spends writing it.
 * In memory a file is always the plain `DefinitionFile`; only the bytes on disk are compact.
 */
interface StoredForm {
  kind: DefinitionKind;
  id: string;
  strings: string[];
  /** [name, email] as string numbers. */
  people: [number, number][];
  events: EventRow[];
  states: StateRow[];
  /** [blob, value] */
  values: [number, EncodedValue][];
  parts: Part[];
}

/** A string number, or -1 for null. */
type Str = number;

type EventRow = [
  seq: number,
  ord: number,
  id: string,
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
];

type StateRow = [
  seq: number,
  commit: Str,
  createdAt: Str,
  version: number,
  blob: Str,
  path: Str,
  fileBlob: Str,
];

const TYPES: readonly AuditableType[] = ['Action', 'Runbook', 'Runbook::Step', 'Role'];
const ACTIONS: readonly AuditAction[] = ['create', 'update', 'delete'];

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
  const form: StoredForm = {
    kind: file.kind,
    id: file.id,
    strings,
    people,
    events: file.events.map(({ seq, ord, event: e }) => [
      seq,
      ord,
      e.id,
      TYPES.indexOf(e.auditable_type),
      str(e.auditable_id),
      ACTIONS.indexOf(e.action),
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
    ]),
    states: file.states.map((s) => [
      s.seq,
      str(s.commit),
      str(s.created_at),
      s.version,
      str(s.blob),
      str(s.path),
      str(s.file_blob),
    ]),
    values: Object.entries(file.values).map(([blob, value]) => [str(blob), value]),
    parts: file.parts,
  };
  return JSON.stringify(form);
}

/** The file a stored text holds; throws on anything that is not a well-formed format-3 file (the index is damaged). */
export function decodeDefinitionFile(text: string): DefinitionFile {
  const form = JSON.parse(text) as StoredForm;
  const { strings, people } = form;
  if (!Array.isArray(strings) || !Array.isArray(people) || !Array.isArray(form.events)) {
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
  const events: StoredEvent[] = form.events.map((r) => ({
    seq: r[0],
    ord: r[1],
    event: {
      id: r[2],
      auditable_type: enumOf(TYPES, r[3]),
      auditable_id: must(r[4]),
      action: enumOf(ACTIONS, r[5]),
      version: r[6],
      audited_changes: r[7],
      user: person(r[15]),
      commit: must(r[8]),
      created_at: must(r[9]),
      path: must(r[10]),
      message: must(r[11]),
      pull_request: r[12],
      revert_of: str(r[13]),
      blob: str(r[14]),
      authors: r[16].map(person),
      committer: person(r[17]),
    },
  }));
  const states: StoredState[] = form.states.map((r) => ({
    seq: r[0],
    commit: must(r[1]),
    created_at: must(r[2]),
    version: r[3],
    blob: str(r[4]),
    path: must(r[5]),
    file_blob: str(r[6]),
  }));
  const values: Record<string, EncodedValue> = {};
  for (const [blob, value] of form.values) values[must(blob)] = value;
  return { kind: form.kind, id: form.id, events, states, values, parts: form.parts };
}
