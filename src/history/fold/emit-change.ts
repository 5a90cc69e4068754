import { TYPE_OF_KIND, type DefinitionKind } from '../../definitions/types.js';
import { attribute } from '../attribute-change.js';
import {
  scriptPathOf,
  type FoldCommit,
  type FoldContext,
  type FoldOutput,
  type FoldState,
  type ObjectState,
  type StateRecord,
} from '../fold-types.js';
import { diffValues, type AuditedChanges } from '../semantic-diff.js';
import type { AuditableType } from '../types.js';
import type { After } from './after-state.js';
import { augment, shapeOf, stepsOf } from './audited-value.js';
import { foldSteps } from './fold-steps.js';
import { pushEvent, VALID, type Shared } from './push-event.js';
import type { RevertFacts } from './revert-facts.js';

/**
 * The events and state records of one definition the commit touched: its create, update (with a semantic diff) or
 * delete, its runbook steps' own events, and the state the next commit folds on.
 */
export function emitChange(
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
