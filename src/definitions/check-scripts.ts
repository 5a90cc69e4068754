import { makeFinding } from './finding-codes.js';
import type { LoadedDefinition } from './load-definitions.js';
import { resolveScriptPath } from './resolve-script-path.js';
import { placeOf } from './rules/rule-context.js';
import type { DefinitionSource } from './sources/definition-source.js';
import type { Finding } from './types.js';

/**
 * Every `script.file` must exist in the same source as the action (the work tree, the index or the commit being
 * checked) and stay inside the repo, links included.
 */
export async function checkScripts(
  definitions: readonly LoadedDefinition[],
  source: DefinitionSource,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const loaded of definitions) {
    if (loaded.definition.kind !== 'action') continue;
    const file = loaded.definition.value.script.file;
    if (file === undefined) continue;
    const resolved = await resolveScriptPath(file, (path) => source.lookup(path));
    if (resolved.ok) continue;
    const message =
      resolved.code === 'script-missing' ? `${resolved.message} in the ${source.label}` : resolved.message;
    findings.push(makeFinding(resolved.code, placeOf(loaded, '/script/file'), message));
  }
  return findings;
}
