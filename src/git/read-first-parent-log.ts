import { NulSplitter, streamGit } from './stream-git.js';

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

/** One file change of a commit against its first parent (`--raw --no-renames`); blobs are null for the absent side. */
export interface RawChange {
  path: string;
  status: string;
  oldBlob: string | null;
  newBlob: string | null;
}

export interface LogCommit {
  sha: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  /** The full raw message (subject, body, trailers). */
  message: string;
  changes: RawChange[];
}

const ZERO = /^0+$/;
// %aN/%aE/%cN/%cE honour .mailmap; every field ends in NUL, the record starts with \x01.
const FORMAT = '%x01%H%x00%P%x00%aN%x00%aE%x00%aI%x00%cN%x00%cE%x00%cI%x00%B';
const FIELDS = 9;

/**
 * Stream the first-parent history of `tip` (minus everything reachable from `base`), oldest first, with each
 * commit's changes against its first parent restricted to `paths`. Merges show their diff against the first parent.
 * One `git log` process, parsed as git writes it (newest first; the list is reversed at the end).
 */
export async function readFirstParentLog(
  dir: string,
  options: {
    tip: string;
    base?: string | null;
    paths: readonly string[];
    /** Called for each commit as soon as it is read (newest first), e.g. to start reading its blobs. */
    onCommit?: (commit: LogCommit) => void;
  },
): Promise<LogCommit[]> {
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '-z',
    `--format=${FORMAT}`,
    options.tip,
    ...(options.base ? [`^${options.base}`] : []),
    '--',
    ...options.paths,
  ];
  const commits: LogCommit[] = [];
  const take = (commit: LogCommit | null): void => {
    if (!commit) return;
    commits.push(commit);
    options.onCommit?.(commit);
  };
  // Parsed synchronously chunk by chunk: thousands of tokens per chunk, no promise per token.
  const splitter = new NulSplitter();
  const parser = new RawLogParser();
  for await (const chunk of streamGit(dir, args)) splitter.push(chunk).forEach((t) => take(parser.push(t)));
  splitter.end().forEach((t) => take(parser.push(t)));
  take(parser.end());
  return commits.reverse();
}

/**
 * Parse the NUL-separated tokens of `git log -z --raw --format=FORMAT` into commits, newest first: `push` returns the
 * commit a token completes (the one before the next header), `end` the last one.
 */
export class RawLogParser {
  private current: LogCommit | null = null;
  private header: string[] | null = null;
  private pendingMeta: string | null = null;

  push(raw: string): LogCommit | null {
    if (this.header) {
      this.header.push(raw);
      if (this.header.length === FIELDS) {
        this.current = toCommit(this.header);
        this.header = null;
      }
      return null;
    }
    if (this.pendingMeta !== null) {
      this.current?.changes.push(toChange(this.pendingMeta, raw));
      this.pendingMeta = null;
      return null;
    }
    const token = raw.charCodeAt(0) === 10 ? raw.slice(1) : raw;
    if (token.charCodeAt(0) === 1) {
      const done = this.current;
      this.current = null;
      this.header = [token.slice(1)];
      return done;
    }
    if (token.charCodeAt(0) === 58 /* : */) this.pendingMeta = token;
    return null;
  }

  end(): LogCommit | null {
    const done = this.current;
    this.current = null;
    return done;
  }
}

function toCommit(fields: string[]): LogCommit {
  const [sha = '', parents = '', aN = '', aE = '', aI = '', cN = '', cE = '', cI = '', message = ''] = fields;
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    author: { name: aN, email: aE, date: aI },
    committer: { name: cN, email: cE, date: cI },
    message: message.replace(/\n+$/, ''),
    changes: [],
  };
}

function toChange(meta: string, path: string): RawChange {
  // ":100644 100644 <old> <new> M"
  const [, , oldBlob = '', newBlob = '', status = ''] = meta.slice(1).split(' ');
  return {
    path,
    status,
    oldBlob: ZERO.test(oldBlob) ? null : oldBlob,
    newBlob: ZERO.test(newBlob) ? null : newBlob,
  };
}
