import { makeFinding } from '../finding-codes.js';
import type { LoadedDefinition } from '../load-definitions.js';
import type { Finding } from '../types.js';
import { placeOf } from './rule-context.js';

/** Ids are unique per kind across the repo: each file of a clash gets a finding naming the others, with their line. */
export function checkDuplicateIds(definitions: readonly LoadedDefinition[]): Finding[] {
  const groups = new Map<string, LoadedDefinition[]>();
  for (const loaded of definitions) {
    const key = `${loaded.definition.kind}\0${loaded.definition.value.id}`;
    groups.set(key, [...(groups.get(key) ?? []), loaded]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const places = group.map((loaded) => placeOf(loaded, '/id'));
    group.forEach((loaded, i) => {
      const others = places
        .filter((_, j) => j !== i)
        .map((p) => `${p.file}:${p.line}`)
        .join(', ');
      const { kind, value } = loaded.definition;
      findings.push(
        makeFinding('duplicate-id', places[i]!, `${kind} id "${value.id}" is also declared in ${others}`),
      );
    });
  }
  return findings;
}
