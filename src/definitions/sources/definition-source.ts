/** What one repo-relative path is in a source, without following a final symbolic link. */
export type PathInfo =
  | { type: 'file' }
  | { type: 'dir' }
  | { type: 'symlink'; target: string }
  | { type: 'other' }
  | { type: 'missing' };

/** A file (or link, or conflicted index entry) a source lists. */
export interface SourceEntry {
  /** Repo-relative, posix separators. */
  path: string;
  type: 'file' | 'symlink' | 'other' | 'unmerged';
}

/** Bytes of one file; `bytes` is absent when the file is over the size limit it was read with. */
export interface FileContent {
  size: number;
  bytes?: Buffer;
}

/**
 * Where definitions are read from: the work tree, the git index (`--staged`) or a commit (`--rev`). The same checks
 * run on every source; only this port knows how to list and read files.
 */
export interface DefinitionSource {
  readonly kind: 'worktree' | 'index' | 'tree';
  /** For messages: "work tree", "index", "commit 1a2b3c4". */
  readonly label: string;
  /** The commit (or tree) sha a `tree` source reads. */
  readonly rev?: string;
  /** Files and links under a repo-relative folder, recursively ('' is the whole repo), sorted by path. */
  list(dir: string): Promise<SourceEntry[]>;
  /** Read regular files; one over `maxBytes` comes back with its size only, a missing one is left out. */
  read(paths: readonly string[], maxBytes: number): Promise<Map<string, FileContent>>;
  /** What a path is. Used to check that a `script.file` exists and stays in the repo. */
  lookup(path: string): Promise<PathInfo>;
}

/** True when `path` is `dir` itself or inside it ('' contains everything). */
export function isInside(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}
