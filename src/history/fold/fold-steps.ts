import { definitionKey } from '../fold-types.js';
import { diffValues } from '../semantic-diff.js';
import { pushEvent, VALID, type Shared, type Validity } from './push-event.js';

/** Create/update/delete events for each step of a runbook, matched by step id. */
export function foldSteps(
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
