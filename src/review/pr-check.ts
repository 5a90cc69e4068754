import { openTreeSource } from '../definitions/sources/open-tree-source.js';
import { readRules, validateSource } from '../definitions/validate-source.js';
import type { DefinitionKind, Role } from '../definitions/types.js';
import { kindOfPath } from '../definitions/types.js';
import { openCatFileBatch } from '../git/cat-file-batch.js';
import { scriptPathOf, type ParsedBlob } from '../history/fold-types.js';
import { parseBlob } from '../history/parse-blob.js';
import { assembleReport } from './assemble-pr-report.js';
import { foldPrChanges } from './fold-pr-changes.js';
import { diffFiles, listFiles, mergeBase, readAuthors, resolveRevision } from './read-pr-revisions.js';
import type { PrCheckOptions, PrCheckReport } from './pr-check-report.js';

export type * from './pr-check-report.js';

/**
 * `opsledger pr-check`: judge a pull request before it lands (docs/github.md). The definitions changed between the
 * merge base and the head are validated under the base's rules, diffed by the history engine, weighed for impact and
 * risk, and given the approvals the base's role files require. This is the edge: it reads git once per question
 * (rev-parse, merge-base, ls-tree, diff, log, one cat-file batch) and hands data to the pure parts.
 */
export async function runPrCheck(options: PrCheckOptions): Promise<PrCheckReport> {
  const { repo } = options;
  const [base, head] = await Promise.all([
    resolveRevision(repo, options.base),
    resolveRevision(repo, options.head),
  ]);
  const mb = await mergeBase(repo, base, head);
  const [baseSource, headSource] = await Promise.all([
    openTreeSource(repo, base),
    openTreeSource(repo, head),
  ]);
  const rules = await readRules(baseSource);
  const dir = rules.definitionsDir;
  const [validation, baseFiles, roleFiles, changes, authors] = await Promise.all([
    validateSource(headSource, { rules: baseSource }),
    listFiles(repo, mb, dir),
    listFiles(repo, base, `${dir}/roles`),
    diffFiles(repo, mb, head),
    readAuthors(repo, mb, head),
  ]);
  const batch = openCatFileBatch(repo);
  try {
    const wanted = [...new Set([...baseFiles, ...roleFiles].map((f) => f.blob))];
    for (const c of changes) if (c.newBlob && kindOfPath(c.path, dir)) wanted.push(c.newBlob);
    const objects = await batch.readMany(wanted);
    const bytes = new Map(wanted.map((blob, i) => [blob, objects[i]?.content ?? Buffer.alloc(0)]));
    const parsed = new Map<string, ParsedBlob>();
    const parse = (kind: DefinitionKind, blob: string, file: string): ParsedBlob => {
      const key = `${kind}:${blob}`;
      let hit = parsed.get(key);
      if (!hit)
        parsed.set(key, (hit = parseBlob(bytes.get(blob) ?? Buffer.alloc(0), file, kind, rules.validators)));
      return hit;
    };
    const defFiles = baseFiles.filter((f) => kindOfPath(f.path, dir) !== null);
    const scripts = await scriptBlobs(
      [...defFiles, ...changes.flatMap((c) => (c.newBlob ? [{ path: c.path, blob: c.newBlob }] : []))],
      dir,
      parse,
      (p) => batch.read(`${mb}:${p}`).then((o) => o?.oid ?? null),
    );
    const fold = foldPrChanges({ definitionsDir: dir, baseFiles: defFiles, changes, scripts, parse });
    const baseRoles = roleFiles.flatMap((f) => {
      const r = kindOfPath(f.path, dir) === 'role' ? parse('role', f.blob, f.path) : null;
      return r?.ok ? [r.value as unknown as Role] : [];
    });
    return assembleReport({
      base: { ref: options.base, sha: base },
      head: { ref: options.head, sha: head },
      mergeBase: mb,
      fold,
      validation,
      changedPaths: changes.map((c) => c.path),
      textOf: (blob) => bytes.get(blob)?.toString('utf8') ?? '',
      baseRoles,
      authors,
      required: options.config.approvals.required,
      githubLogins: options.config.github.github_logins ?? {},
    });
  } finally {
    await batch.close();
  }
}

/** The script files actions name on either side, with their blob at the merge base (null when absent there). */
async function scriptBlobs(
  files: { path: string; blob: string }[],
  dir: string,
  parse: (kind: DefinitionKind, blob: string, file: string) => ParsedBlob,
  blobAtBase: (path: string) => Promise<string | null>,
): Promise<Record<string, string | null>> {
  const paths = new Set<string>();
  for (const f of files) {
    if (kindOfPath(f.path, dir) !== 'action') continue;
    const p = parse('action', f.blob, f.path);
    const sp = p.ok ? scriptPathOf(p.value) : null;
    if (sp !== null) paths.add(sp);
  }
  const out: Record<string, string | null> = {};
  for (const p of [...paths].sort()) out[p] = await blobAtBase(p);
  return out;
}
