import { TYPE_OF_KIND, type DefinitionKind, type Finding } from '../../definitions/types.js';
import { attribute } from '../attribute-change.js';
import { stableId, type FoldCommit, type FoldOutput } from '../fold-types.js';
import type { InvalidEntry } from '../types.js';

/** Add an invalid entry, or its findings to the entry the path already has in this commit (one entry per file). */
export function addFindings(out: FoldOutput, entry: InvalidEntry): void {
  const same = out.invalid.find((e) => e.path === entry.path);
  if (same) same.findings.push(...entry.findings);
  else out.invalid.push(entry);
}

/** The `invalid` entry of a definition file that does not parse or validate in this commit. */
export function invalidEntry(
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
