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

export interface BranchLog {
  /** The first-parent chain of tip, oldest first, back to (not including) base. */
  chain: LogCommit[];
  /** The log's other commits (what merges on the chain brought in), by sha. */
  others: Map<string, LogCommit>;
  /** Whether the chain left the log exactly at base (false: the branch was rewritten, not fast-forwarded). */
  joinsBase: boolean;
}

const ZERO = /^0+$/;
// The identities as committed (%an, not the .mailmap-mapped %aN): a later .mailmap must not change an earlier event
// (docs/history.md "Append-only"). Every field ends in NUL, the record starts with \x01.
const FORMAT = '%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B';
const FIELDS = 9;

/**
 * Read every commit reachable from `tip` and not from `base` in one `git log` process, with each commit's raw
 * changes against its first parent (merges too): the first-parent chain and, beside it, the commits merges brought
 * in, so attribution needs no second walk. Parsed as git writes it (newest first); the chain is found as it
 * streams, by following first parents from tip (a commit that arrives before its turn, e.g. under clock skew,
 * waits), and `onChainCommit` is called for each chain commit as soon as it is placed, newest first.
 */
export async function readBranchLog(
  dir: string,
  options: {
    tip: string;
    base?: string | null;
    /** Called for each chain commit as soon as it is known to be one (newest first), e.g. to read its blobs. */
    onChainCommit?: (commit: LogCommit) => void;
  },
): Promise<BranchLog> {
  const base = options.base ?? null;
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--diff-merges=first-parent',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '-z',
    `--format=${FORMAT}`,
    options.tip,
    ...(base ? [`^${base}`] : []),
    '--',
  ];
  const chain: LogCommit[] = [];
  const waiting = new Map<string, LogCommit>();
  let expected: string | undefined = options.tip;
  const place = (commit: LogCommit): void => {
    chain.push(commit);
    options.onChainCommit?.(commit);
    expected = commit.parents[0];
  };
  const take = (commit: LogCommit | null): void => {
    if (!commit) return;
    if (commit.sha !== expected) {
      waiting.set(commit.sha, commit);
      return;
    }
    place(commit);
    // Chain commits git listed before their turn follow at once.
    let next: LogCommit | undefined;
    while (expected !== undefined && (next = waiting.get(expected))) {
      waiting.delete(next.sha);
      place(next);
    }
  };
  // Parsed synchronously chunk by chunk: thousands of tokens per chunk, no promise per token.
  const splitter = new NulSplitter();
  const parser = new RawLogParser();
  for await (const chunk of streamGit(dir, args)) splitter.push(chunk).forEach((t) => take(parser.push(t)));
  splitter.end().forEach((t) => take(parser.push(t)));
  take(parser.end());
  return {
    chain: chain.reverse(),
    others: waiting,
    joinsBase: (expected ?? null) === base,
  };
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
