import { kindOfPath, type DefinitionKind, type Finding } from '../definitions/types.js';
import { attribute } from './attribute-change.js';
import {
  definitionKey,
  scriptPathOf,
  stableId,
  TYPE_OF_KIND,
  type FoldCommit,
  type FoldContext,
  type FoldOutput,
  type FoldState,
  type ObjectState,
  type StateRecord,
} from './fold-types.js';
import { diffValues, type AuditedChanges } from './semantic-diff.js';
import type { AuditableType, AuditEvent, AuditUser, InvalidEntry } from './types.js';

export * from './fold-types.js';
export { attribute } from './attribute-change.js';

interface After {
  value: Record<string, unknown>;
  path: string;
  blob: string;
  fileBlob: string | null;
}

/**
 * Fold one first-parent commit into the state (in place) and return the audit events, state records and invalid
 * entries it makes (CONTRACTS.md §3). The functional core of history: no git, no files, no clock.
 */
export function foldCommit(state: FoldState, commit: FoldCommit, ctx: FoldContext): FoldOutput {
  const out: FoldOutput = { seq: commit.seq, events: [], states: [], invalid: [], missingScripts: [] };
  // Plain loops and lazily made collections: this runs for every commit of the history.
  const touched: string[] = [];
  const touch = (key: string): void => void (touched.includes(key) || touched.push(key));
  const changedValid = new Map<string, Record<string, unknown>>();
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
    const parsed = ctx.parse(kind, c.newBlob, c.path);
    if (parsed.ok) {
      const id = String(parsed.value.id);
      state.files[c.path] = { kind, id, blob: c.newBlob, valid: true };
      changedValid.set(c.path, parsed.value);
      touch(definitionKey(kind, id));
    } else {
      // The id keeps its last valid state; the fix later diffs against it.
      state.files[c.path] = { kind, id: old?.id ?? null, blob: c.newBlob, valid: false };
      out.invalid.push(invalidEntry(commit, kind, old?.id ?? parsed.id, c.path, parsed.findings, [c.path]));
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

  const revert = touched.length > 0 ? revertOf(ctx, commit) : null;
  for (const key of touched) {
    const sep = key.indexOf(':');
    const kind = key.slice(0, sep) as DefinitionKind;
    const id = key.slice(sep + 1);
    const obj = state.objects[key];
    const before = obj?.live ? obj : null;
    const holder = findHolder(state, kind, id, before, defChanges, commit, out);
    let after: After | null = null;
    if (holder !== null) {
      const fresh = changedValid.get(holder);
      const base = fresh ?? before!.value;
      after = {
        value: base,
        path: holder,
        blob: fresh ? state.files[holder]!.blob : before!.blob,
        fileBlob: null,
      };
      const sp = kind === 'action' ? scriptPathOf(base) : null;
      if (sp !== null) {
        if (Object.hasOwn(state.scripts, sp)) after.fileBlob = state.scripts[sp] ?? null;
        else if (!out.missingScripts.includes(sp)) out.missingScripts.push(sp);
      }
    }
    emitChange(state, commit, kind, id, key, before, after, out, revert);
  }
  state.seq = commit.seq;
  return out;
}

/** The path that defines `id` after the commit; later claimants of a held id are reported as duplicates. */
function findHolder(
  state: FoldState,
  kind: DefinitionKind,
  id: string,
  before: ObjectState | null,
  defChanges: FoldCommit['changes'],
  commit: FoldCommit,
  out: FoldOutput,
): string | null {
  const holds = (p: string): boolean => {
    const f = state.files[p];
    return f !== undefined && f.kind === kind && f.id === id;
  };
  let holder: string | null = before && holds(before.path) ? before.path : null;
  for (const c of defChanges) {
    const f = state.files[c.path];
    if (c.path === holder || !f?.valid || !holds(c.path)) continue;
    if (holder === null) {
      holder = c.path;
      continue;
    }
    state.files[c.path] = { ...f, id: null, valid: false };
    out.invalid.push(
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: 'duplicate-id',
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: 'Give each definition its own id; history follows the first file.',
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
  kind: DefinitionKind,
  id: string,
  key: string,
  before: ObjectState | null,
  after: After | null,
  out: FoldOutput,
  revert: string | null,
): void {
  if (!before && !after) return;
  const type = TYPE_OF_KIND[kind];
  const relevant = [before?.path, after?.path, after ? scriptPathOf(after.value) : null].filter(
    (p): p is string => typeof p === 'string',
  );
  const who = attribute(commit, relevant);
  const prev = state.objects[key];
  const version = prev?.version ?? 0;
  const shared: Shared = { kind, who, commit, out, state, revertOf: revert };

  if (!before && after) {
    const obj = setObject(state, key, type, id, version + 1, after);
    pushEvent(
      shared,
      type,
      id,
      'create',
      obj.version,
      augment(after.value, after.fileBlob),
      after.path,
      after.blob,
    );
    if (kind === 'runbook') foldSteps(shared, id, [], stepsOf(after.value), after.path, after.blob);
    pushState(shared, key, obj, after);
    return;
  }
  if (before && !after) {
    before.version += 1;
    before.live = false;
    pushEvent(
      shared,
      type,
      id,
      'delete',
      before.version,
      augment(before.value, before.fileBlob),
      before.path,
      null,
    );
    if (kind === 'runbook') foldSteps(shared, id, stepsOf(before.value), [], before.path, null);
    out.states.push(stateRecord(key, commit, before.version, null, before.path, null, null));
    return;
  }
  const b = before!;
  const a = after!;
  const changes: AuditedChanges = diffValues(
    shapeOf(kind, b.value, b.fileBlob),
    shapeOf(kind, a.value, a.fileBlob),
  );
  if (b.path !== a.path) changes['/__path'] = [b.path, a.path];
  const changed = Object.keys(changes).length > 0;
  if (changed) {
    b.version += 1;
    pushEvent(shared, type, id, 'update', b.version, changes, a.path, a.blob);
  }
  if (kind === 'runbook') foldSteps(shared, id, stepsOf(b.value), stepsOf(a.value), a.path, a.blob);
  if (changed || b.blob !== a.blob || b.fileBlob !== a.fileBlob) {
    b.value = a.value;
    b.path = a.path;
    b.blob = a.blob;
    b.fileBlob = a.fileBlob;
    pushState(shared, key, b, a);
  }
}

interface Shared {
  kind: DefinitionKind;
  revertOf: string | null;
  who: { user: AuditUser; authors: AuditUser[] };
  commit: FoldCommit;
  out: FoldOutput;
  state: FoldState;
}

function setObject(
  state: FoldState,
  key: string,
  type: AuditableType,
  id: string,
  version: number,
  after: After,
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
  };
  state.objects[key] = obj;
  return obj;
}

function pushState(shared: Shared, key: string, obj: ObjectState, after: After): void {
  shared.out.states.push(
    stateRecord(key, shared.commit, obj.version, after.blob, after.path, after.fileBlob, after.value),
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
): void {
  const { commit } = shared;
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
    revert_of: shared.revertOf,
    blob,
    authors: shared.who.authors,
    committer: commit.committer,
  });
}

/** Create/update/delete events for each step of a runbook, matched by step id. */
function foldSteps(
  shared: Shared,
  runbookId: string,
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  filePath: string,
  blob: string | null,
): void {
  const { state } = shared;
  const beforeById = new Map(before.map((s) => [String(s.id), s]));
  const afterById = new Map(after.map((s) => [String(s.id), s]));
  const ids = [...beforeById.keys()];
  for (const id of afterById.keys()) if (!beforeById.has(id)) ids.push(id);
  for (const stepId of ids) {
    const b = beforeById.get(stepId) ?? null;
    const a = afterById.get(stepId) ?? null;
    // The block parser shares an unchanged step between versions: nothing to compare.
    if (b !== null && b === a) continue;
    const auditableId = `${runbookId}/${stepId}`;
    const step = state.steps[auditableId];
    if (!b && a) {
      const version = (step?.version ?? 0) + 1;
      state.steps[auditableId] = { version, live: true };
      pushEvent(shared, 'Runbook::Step', auditableId, 'create', version, a, filePath, blob);
    } else if (b && !a && step) {
      step.version += 1;
      step.live = false;
      pushEvent(shared, 'Runbook::Step', auditableId, 'delete', step.version, b, filePath, null);
    } else if (b && a && step) {
      const changes = diffValues(b, a);
      if (Object.keys(changes).length === 0) continue;
      step.version += 1;
      pushEvent(shared, 'Runbook::Step', auditableId, 'update', step.version, changes, filePath, blob);
    }
  }
}

const stepsCache = new WeakMap<Record<string, unknown>, Record<string, unknown>[]>();

/** A runbook's steps, first of each id (a value is asked for its steps several times while folding). */
function stepsOf(value: Record<string, unknown>): Record<string, unknown>[] {
  let out = stepsCache.get(value);
  if (!out) {
    const steps = Array.isArray(value.steps) ? (value.steps as Record<string, unknown>[]) : [];
    const seen = new Set<string>();
    out = steps.filter((s) => !seen.has(String(s.id)) && seen.add(String(s.id)));
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

function revertOf(ctx: FoldContext, commit: FoldCommit): string | null {
  if (commit.revertsCommit) return commit.revertsCommit;
  const audit = commit.facts.revertsAudit;
  return audit ? ctx.versionCommit(audit.id, audit.version) : null;
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
