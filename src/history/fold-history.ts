import { kindOfPath, type DefinitionKind } from '../definitions/types.js';
import {
  definitionKey,
  scriptPathOf,
  type FoldCommit,
  type FoldContext,
  type FoldOutput,
  type FoldState,
  type ParsedBlob,
} from './fold-types.js';
import { afterOf, type After } from './fold/after-state.js';
import { emitChange } from './fold/emit-change.js';
import { findHolder } from './fold/find-holder.js';
import { invalidEntry } from './fold/invalid-entry.js';
import { revertFacts } from './fold/revert-facts.js';

export * from './fold-types.js';
export { attribute } from './attribute-change.js';

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
