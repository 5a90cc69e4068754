import { runGit } from '../../git/run-git.js';
import { isInside, type DefinitionSource, type PathInfo, type SourceEntry } from './definition-source.js';
import { readGitBlobs } from './read-git-blobs.js';

/** One entry of `git ls-files -s` or `git ls-tree -r`. */
export interface GitEntry {
  mode: string;
  oid: string;
  /** Index stage: 0 normally, 1-3 for an unresolved merge. Always 0 for a tree. */
  stage: number;
}

function typeOfMode(mode: string): SourceEntry['type'] {
  if (mode === '120000') return 'symlink';
  if (mode === '100644' || mode === '100755') return 'file';
  return 'other';
}

/**
 * A source over a git listing (the index or a tree): every path with its mode and blob id, read with one
 * `git cat-file --batch`. The listing is taken once, so every lookup answers from memory.
 */
export function createGitEntriesSource(options: {
  gitDir: string;
  kind: 'index' | 'tree';
  label: string;
  rev?: string;
  entries: Map<string, GitEntry>;
}): DefinitionSource {
  const { gitDir, entries } = options;
  const dirs = new Set<string>(['']);
  for (const path of entries.keys()) {
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i));
  }
  const sorted = [...entries.keys()].sort();
  const source: DefinitionSource = {
    kind: options.kind,
    label: options.label,
    list(dir) {
      return Promise.resolve(
        sorted
          .filter((path) => isInside(path, dir) && path !== dir)
          .map((path) => {
            const entry = entries.get(path)!;
            return { path, type: entry.stage > 0 ? 'unmerged' : typeOfMode(entry.mode) };
          }),
      );
    },
    async read(paths, maxBytes) {
      const wanted = paths.flatMap((path) => {
        const entry = entries.get(path);
        return entry && entry.stage === 0 && typeOfMode(entry.mode) === 'file'
          ? [[path, entry.oid] as const]
          : [];
      });
      const blobs = await readGitBlobs(
        gitDir,
        wanted.map(([, oid]) => oid),
        maxBytes,
      );
      const result = new Map<string, { size: number; bytes?: Buffer }>();
      for (const [path, oid] of wanted) {
        const blob = blobs.get(oid);
        if (blob) result.set(path, blob);
      }
      return result;
    },
    async lookup(path): Promise<PathInfo> {
      const entry = entries.get(path);
      if (!entry) return dirs.has(path) ? { type: 'dir' } : { type: 'missing' };
      const type = typeOfMode(entry.mode);
      if (type === 'symlink') {
        const target = await runGit(gitDir, ['cat-file', 'blob', entry.oid]);
        return { type: 'symlink', target };
      }
      return type === 'file' && entry.stage === 0 ? { type: 'file' } : { type: 'other' };
    },
  };
  if (options.rev !== undefined) return { ...source, rev: options.rev };
  return source;
}

/** Parse NUL-separated `git ls-files -s -z` / `git ls-tree -r -z` output into a path → entry map. */
export function parseGitListing(output: string, format: 'ls-files' | 'ls-tree'): Map<string, GitEntry> {
  const entries = new Map<string, GitEntry>();
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const fields = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (format === 'ls-files') {
      const stage = Number(fields[2]);
      const existing = entries.get(path);
      // An unmerged path has up to three stages; remember it as unmerged once.
      if (!existing || stage > 0) entries.set(path, { mode: fields[0]!, oid: fields[1]!, stage });
    } else {
      if (fields[1] === 'tree') continue;
      entries.set(path, { mode: fields[0]!, oid: fields[2]!, stage: 0 });
    }
  }
  return entries;
}
