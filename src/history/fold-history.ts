import { kindOfPath, type DefinitionKind, type Finding } from '../definitions/types.js';
import { attribute } from './attribute-change.js';
import { creditPointers } from './credit-pointers.js';
import {
  definitionKey,
  problemsOf,
  scriptPathOf,
  stableId,
  TYPE_OF_KIND,
  type FoldCommit,
  type FoldContext,
  type FoldOutput,
  type FoldState,
  type ObjectState,
  type ParsedBlob,
  type StateRecord,
} from './fold-types.js';
import { diffValues, type AuditedChanges } from './semantic-diff.js';
import type { AuditableType, AuditEvent, AuditUser, Credit, InvalidEntry, Problem } from './types.js';

export * from './fold-types.js';
export { attribute } from './attribute-change.js';

/** A definition after the commit: its last parsed value, and whether this version parsed at all. */
interface After {
  value: Record<string, unknown>;
  path: string;
  blob: string;
  fileBlob: string | null;
  /** false: this version does not parse (no content; `value` is the last parsed one). */
  parsed: boolean;
  valid: boolean;
  problems: Problem[];
}

/** What a revert commit says: the commit its events undo, and for `Reverts-Audit:` the version it restores. */
interface RevertFacts {
  of: string | null;
  restores: { type: AuditableType; id: string; version: number; commit: string } | null;
}

/**
 * Fold one first-parent commit into the state (in place) and return the audit events, state records and invalid
 * entries it makes (docs/history.md "Audit events"). The functional core of history: no git, no files, no clock.
 */
export function foldCommit(state: FoldState, commit: FoldCommit, ctx: FoldContext): FoldOutput {
  const out: FoldOutput = { seq: commit.seq, events: [], states: [], invalid: [], missingScripts: [] };
  // Plain loops and lazily made collections: this runs for every commit of the history.
  const touched: string[] = [];
  const touch = (key: string): void => void (touched.includes(key) || touched.push(key));
  const fresh = new Map<string, ParsedBlob>();
  let changedScripts: Set<string> | null = null;
  const { changes } = commit;
  const kinds: (DefinitionKind | null)[] = [];
  const defChanges: FoldCommit['changes'] = [];
  for (const c of changes) {
    const kind = kindOfPath(c.path, ctx.definitionsDir);
    kinds.push(kind);
    if (kind !== null) defChanges.push(c);
    else if (Object.hasOwn(state.scripts, c.path)) {
      state.scripts[c.path] = c.newBlob;
      (changedScripts ??= new Set()).add(c.path);
    }
  }
  // Read before this commit's changes move any version on.
  const revert = revertFacts(state, commit, ctx);
  for (let i = 0; i < changes.length; i++) {
    const kind = kinds[i];
    if (!kind) continue;
    const c = changes[i]!;
    const old = state.files[c.path];
    if (old?.id) touch(definitionKey(kind, old.id));
    if (c.newBlob === null) {
      delete state.files[c.path];
      continue;
    }
    const parsed = ctx.parse(kind, c.newBlob, c.path, commit.schema);
    fresh.set(c.path, parsed);
    if (parsed.ok) {
      const id = String(parsed.value.id);
      const valid = parsed.findings.length === 0;
      const since = old?.id === id ? old.since : commit.seq;
      state.files[c.path] = { kind, id, blob: c.newBlob, parsed: true, valid, since };
      touch(definitionKey(kind, id));
      if (!valid) out.invalid.push(invalidEntry(commit, kind, id, c.path, parsed.findings, [c.path]));
    } else {
      // A file that stops parsing keeps claiming its id: the version is an event with no content.
      const id = old?.id ?? null;
      state.files[c.path] = {
        kind,
        id,
        blob: c.newBlob,
        parsed: false,
        valid: false,
        since: old?.since ?? 0,
      };
      out.invalid.push(invalidEntry(commit, kind, id ?? parsed.id, c.path, parsed.findings, [c.path]));
    }
  }
  if (changedScripts !== null) {
    for (const key in state.objects) {
      const obj = state.objects[key]!;
      if (obj.type !== 'Action' || !obj.live) continue;
      const sp = scriptPathOf(obj.value);
      if (sp !== null && changedScripts.has(sp)) touch(key);
    }
  }

  for (const key of touched) {
    const sep = key.indexOf(':');
    const kind = key.slice(0, sep) as DefinitionKind;
    const id = key.slice(sep + 1);
    const obj = state.objects[key];
    const before = obj?.live ? obj : null;
    const holder = findHolder(state, kind, id, before, fresh, defChanges, commit, out);
    let after: After | null = null;
    if (holder !== null) {
      after = afterOf(state, holder, before, fresh.get(holder));
      const sp = kind === 'action' ? scriptPathOf(after.value) : null;
      if (sp !== null) {
        if (Object.hasOwn(state.scripts, sp)) after.fileBlob = state.scripts[sp] ?? null;
        else if (!out.missingScripts.includes(sp)) out.missingScripts.push(sp);
      }
    }
    emitChange(state, commit, ctx, kind, id, key, before, after, out, revert);
  }
  state.seq = commit.seq;
  return out;
}

/** The definition as the holder path leaves it: this commit's parse, a copy taking the id over, or unchanged. */
function afterOf(
  state: FoldState,
  holder: string,
  before: ObjectState | null,
  parsed: ParsedBlob | undefined,
): After {
  const file = state.files[holder]!;
  if (parsed?.ok) {
    // `delete` only when there is one: deleting a property makes every occupant a slow dictionary object.
    if (file.copy) delete file.copy;
    const problems = problemsOf(parsed.findings);
    return {
      value: parsed.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems,
    };
  }
  if (parsed) {
    // Only the holder itself can stop parsing (a copy takes an id over only while it parses).
    return {
      value: before!.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: false,
      valid: false,
      problems: problemsOf(parsed.findings),
    };
  }
  if (file.copy && holder !== before?.path) {
    const { value, problems } = file.copy;
    delete file.copy;
    return {
      value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems,
    };
  }
  const b = before!;
  return {
    value: b.value,
    path: holder,
    blob: b.blob,
    fileBlob: null,
    parsed: b.parsed,
    valid: b.valid,
    problems: b.problems,
  };
}

/**
 * The path that defines `id` after the commit (docs/history.md "Duplicate ids"): the path that held it, while it still
 * claims it; else the claimant that claimed first (valid before invalid, then by path). A path newly claiming an id
 * another path holds gets a `duplicate_id` finding, keeps its parse as a copy, and takes the id over when the holder
 * goes away.
 */
function findHolder(
  state: FoldState,
  kind: DefinitionKind,
  id: string,
  before: ObjectState | null,
  fresh: ReadonlyMap<string, ParsedBlob>,
  defChanges: FoldCommit['changes'],
  commit: FoldCommit,
  out: FoldOutput,
): string | null {
  const claims = (p: string): boolean => {
    const f = state.files[p];
    return f !== undefined && f.kind === kind && f.id === id;
  };
  let holder: string | null = before && claims(before.path) ? before.path : null;
  if (holder === null) {
    let best: string | null = null;
    for (const p in state.files) {
      const f = state.files[p]!;
      if (f.kind !== kind || f.id !== id || !(fresh.get(p)?.ok || f.copy)) continue;
      const b = best === null ? null : state.files[best]!;
      if (
        b === null ||
        (f.valid && !b.valid) ||
        (f.valid === b.valid && (f.since < b.since || (f.since === b.since && p < best!)))
      ) {
        best = p;
      }
    }
    holder = best;
  }
  for (const c of defChanges) {
    const f = state.files[c.path];
    const parsed = fresh.get(c.path);
    if (c.path === holder || !f || !claims(c.path) || !parsed?.ok) continue;
    f.copy = { value: parsed.value, problems: problemsOf(parsed.findings) };
    if (holder === null || f.since !== commit.seq) continue;
    addFindings(
      out,
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: 'duplicate_id',
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: 'Give each definition its own id; history follows the file that held it first.',
            pointer: '/id',
            severity: 'error',
          },
        ],
        [c.path],
      ),
    );
  }
  return holder;
}

function emitChange(
  state: FoldState,
  commit: FoldCommit,
  ctx: FoldContext,
  kind: DefinitionKind,
  id: string,
  key: string,
  before: ObjectState | null,
  after: After | null,
  out: FoldOutput,
  revert: RevertFacts,
): void {
  if (!before && !after) return;
  const type = TYPE_OF_KIND[kind];
  const relevant = [before?.path, after?.path, after ? scriptPathOf(after.value) : null].filter(
    (p): p is string => typeof p === 'string',
  );
  const who = attribute(commit, relevant);
  const prev = state.objects[key];
  const version = prev?.version ?? 0;
  const shared: Shared = { kind, who, commit, ctx, out, state, revert, paths: relevant };

  if (!before && after) {
    const obj = setObject(state, key, type, id, version + 1, after, commit.sha);
    const whole = augment(after.value, after.fileBlob);
    const validity = { valid: after.valid, problems: after.problems };
    pushEvent(shared, type, id, 'create', obj.version, whole, after.path, after.blob, validity);
    if (kind === 'runbook') foldSteps(shared, id, [], stepsOf(after.value), after, validity);
    pushState(shared, key, obj, after);
    return;
  }
  if (before && !after) {
    before.version += 1;
    before.live = false;
    before.commit = commit.sha;
    const whole = augment(before.value, before.fileBlob);
    pushEvent(shared, type, id, 'delete', before.version, whole, before.path, null, VALID);
    if (kind === 'runbook') foldSteps(shared, id, stepsOf(before.value), [], null, VALID);
    out.states.push(stateRecord(key, commit, before.version, null, before.path, null, null));
    return;
  }
  const b = before!;
  const a = after!;
  const changes: AuditedChanges = a.parsed
    ? diffValues(shapeOf(kind, b.value, b.fileBlob), shapeOf(kind, a.value, a.fileBlob))
    : {};
  if (b.path !== a.path) changes['/__path'] = [b.path, a.path];
  // A version that does not parse, and the first that parses again, are versions even with nothing to diff.
  const changed =
    Object.keys(changes).length > 0 ||
    (!a.parsed && a.blob !== b.blob) ||
    (a.parsed && !b.parsed && a.blob !== b.blob);
  const validity = { valid: a.valid, problems: a.problems };
  if (changed) {
    b.version += 1;
    b.commit = commit.sha;
    pushEvent(shared, type, id, 'update', b.version, changes, a.path, a.blob, validity);
  }
  if (kind === 'runbook' && a.parsed) foldSteps(shared, id, stepsOf(b.value), stepsOf(a.value), a, validity);
  if (changed || b.blob !== a.blob || b.fileBlob !== a.fileBlob) {
    b.value = a.value;
    b.path = a.path;
    b.blob = a.blob;
    b.fileBlob = a.fileBlob;
    b.parsed = a.parsed;
    b.valid = a.valid;
    b.problems = a.problems;
    pushState(shared, key, b, a);
  }
}

interface Validity {
  valid: boolean;
  problems: Problem[];
}

const VALID: Validity = { valid: true, problems: [] };

interface Shared {
  kind: DefinitionKind;
  revert: RevertFacts;
  who: { user: AuditUser; authors: AuditUser[] };
  commit: FoldCommit;
  ctx: FoldContext;
  out: FoldOutput;
  state: FoldState;
  /** The definition's paths before and after, and its script file (whose side commits count for a merge). */
  paths: string[];
}

function setObject(
  state: FoldState,
  key: string,
  type: AuditableType,
  id: string,
  version: number,
  after: After,
  commit: string,
): ObjectState {
  const obj: ObjectState = {
    type,
    id,
    version,
    live: true,
    path: after.path,
    blob: after.blob,
    value: after.value,
    fileBlob: after.fileBlob,
    parsed: after.parsed,
    valid: after.valid,
    problems: after.problems,
    commit,
  };
  state.objects[key] = obj;
  return obj;
}

function pushState(shared: Shared, key: string, obj: ObjectState, after: After): void {
  shared.out.states.push(
    stateRecord(
      key,
      shared.commit,
      obj.version,
      after.blob,
      after.path,
      after.fileBlob,
      after.parsed ? after.value : null,
      after.valid,
    ),
  );
}

function stateRecord(
  key: string,
  commit: FoldCommit,
  version: number,
  blob: string | null,
  filePath: string,
  fileBlob: string | null,
  value: Record<string, unknown> | null,
  valid = true,
): StateRecord {
  return {
    key,
    seq: commit.seq,
    commit: commit.sha,
    created_at: commit.createdAt,
    version,
    blob,
    path: filePath,
    file_blob: fileBlob,
    value,
    valid,
  };
}

function pushEvent(
  shared: Shared,
  type: AuditableType,
  auditableId: string,
  action: AuditEvent['action'],
  version: number,
  changes: Record<string, unknown>,
  filePath: string,
  blob: string | null,
  validity: Validity,
): void {
  const { commit, ctx, revert } = shared;
  const partial = ctx.partial === true;
  // In a partial history the first version seen of an object is where the window starts, not its creation.
  if (partial && action === 'create' && version === 1) {
    action = 'update';
    changes = diffValues({}, changes);
  }
  const restores =
    revert.restores && revert.restores.type === type && revert.restores.id === auditableId
      ? { version: revert.restores.version, commit: revert.restores.commit }
      : null;
  shared.out.events.push({
    id: stableId(commit.sha, type, auditableId),
    auditable_type: type,
    auditable_id: auditableId,
    action,
    version,
    audited_changes: changes,
    user: shared.who.user,
    commit: commit.sha,
    created_at: commit.createdAt,
    path: filePath,
    message: commit.facts.subject,
    pull_request: commit.facts.pullRequest,
    revert_of: revert.of,
    blob,
    authors: shared.who.authors,
    committer: commit.committer,
    valid: validity.valid,
    problems: validity.problems,
    changed_by: commit.side ? creditOf(shared, type, auditableId, action, changes) : null,
    merged_by: commit.side ? commit.committer : null,
    restores,
    partial,
    forge: commit.facts.forge,
    approvals: null,
  });
}

/** A merge's credit per changed pointer, in the definition's own pointers (a step's are under `/steps/<id>`). */
function creditOf(
  shared: Shared,
  type: AuditableType,
  auditableId: string,
  action: AuditEvent['action'],
  changes: Record<string, unknown>,
): Record<string, Credit> {
  const stepPrefix =
    type === 'Runbook::Step' ? `/steps/${auditableId.slice(auditableId.indexOf('/') + 1)}` : '';
  const pointers = action === 'update' ? Object.keys(changes) : [''];
  const credits = creditPointers(
    shared.commit,
    shared.kind,
    shared.paths,
    pointers.map((p) => stepPrefix + p),
    shared.ctx,
  );
  const out: Record<string, Credit> = {};
  pointers.forEach((p, i) => (out[p] = credits[i]!));
  return out;
}

/** Create/update/delete events for each step of a runbook, matched by step id. */
function foldSteps(
  shared: Shared,
  runbookId: string,
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  file: { path: string; blob: string } | null,
  validity: Validity,
): void {
  const { state, commit } = shared;
  const beforeById = new Map(before.map((s) => [String(s.id), s]));
  const afterById = new Map(after.map((s) => [String(s.id), s]));
  const ids = [...beforeById.keys()];
  for (const id of afterById.keys()) if (!beforeById.has(id)) ids.push(id);
  const filePath = file?.path ?? shared.state.objects[definitionKey('runbook', runbookId)]!.path;
  const blob = file?.blob ?? null;
  for (const stepId of ids) {
    const b = beforeById.get(stepId) ?? null;
    const a = afterById.get(stepId) ?? null;
    // The block parser shares an unchanged step between versions: nothing to compare.
    if (b !== null && b === a) continue;
    const auditableId = `${runbookId}/${stepId}`;
    const step = state.steps[auditableId];
    if (!b && a) {
      const version = (step?.version ?? 0) + 1;
      state.steps[auditableId] = { version, live: true, commit: commit.sha };
      pushEvent(shared, 'Runbook::Step', auditableId, 'create', version, a, filePath, blob, validity);
    } else if (b && !a && step) {
      step.version += 1;
      step.live = false;
      step.commit = commit.sha;
      pushEvent(shared, 'Runbook::Step', auditableId, 'delete', step.version, b, filePath, null, VALID);
    } else if (b && a && step) {
      const changes = diffValues(b, a);
      if (Object.keys(changes).length === 0) continue;
      step.version += 1;
      step.commit = commit.sha;
      pushEvent(
        shared,
        'Runbook::Step',
        auditableId,
        'update',
        step.version,
        changes,
        filePath,
        blob,
        validity,
      );
    }
  }
}

const stepsCache = new WeakMap<Record<string, unknown>, Record<string, unknown>[]>();

/**
 * A runbook's steps, first of each id (a value is asked for its steps several times while folding). An invalid
 * runbook's items that are not objects with an id are not steps.
 */
function stepsOf(value: Record<string, unknown>): Record<string, unknown>[] {
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
function augment(value: Record<string, unknown>, fileBlob: string | null): Record<string, unknown> {
  if (scriptPathOf(value) === null) return value;
  return { ...value, script: { ...(value.script as object), file_blob: fileBlob } };
}

/** What a definition's own event compares: a runbook's steps by id only (their content has events of their own). */
function shapeOf(kind: DefinitionKind, value: Record<string, unknown>, fileBlob: string | null): unknown {
  if (kind === 'runbook') return { ...value, steps: stepsOf(value).map((s) => String(s.id)) };
  return augment(value, fileBlob);
}

/**
 * `This reverts commit X` (git revert, `opsledger revert --commit`): the events undo X. `Reverts-Audit: ID@vN`
 * (`opsledger revert --to`): they undo the version of ID current before this commit, and restore version N.
 */
function revertFacts(state: FoldState, commit: FoldCommit, ctx: FoldContext): RevertFacts {
  if (commit.revertsCommit) return { of: commit.revertsCommit, restores: null };
  const audit = commit.facts.revertsAudit;
  if (!audit) return { of: null, restores: null };
  const made = ctx.versionCommit(audit.id, audit.version);
  for (const kind of ['action', 'runbook', 'role'] as const) {
    const obj = state.objects[definitionKey(kind, audit.id)];
    if (obj) return restoring(TYPE_OF_KIND[kind], audit, obj.commit, made);
  }
  const step = state.steps[audit.id];
  if (step) return restoring('Runbook::Step', audit, step.commit, made);
  return { of: made, restores: null };
}

function restoring(
  type: AuditableType,
  audit: { id: string; version: number },
  current: string,
  made: string | null,
): RevertFacts {
  return {
    of: current,
    restores: made === null ? null : { type, id: audit.id, version: audit.version, commit: made },
  };
}

/** Add an invalid entry, or its findings to the entry the path already has in this commit (one entry per file). */
function addFindings(out: FoldOutput, entry: InvalidEntry): void {
  const same = out.invalid.find((e) => e.path === entry.path);
  if (same) same.findings.push(...entry.findings);
  else out.invalid.push(entry);
}

function invalidEntry(
  commit: FoldCommit,
  kind: DefinitionKind,
  auditableId: string | null,
  filePath: string,
  findings: Finding[],
  paths: string[],
): InvalidEntry {
  return {
    id: stableId(commit.sha, 'invalid', filePath),
    action: 'invalid',
    auditable_type: TYPE_OF_KIND[kind],
    auditable_id: auditableId,
    path: filePath,
    commit: commit.sha,
    created_at: commit.createdAt,
    user: attribute(commit, paths).user,
    message: commit.facts.subject,
    findings: findings.map((f) => ({ ...f, file: filePath })),
  };
}
