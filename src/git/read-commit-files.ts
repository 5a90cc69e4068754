import { splitNul, streamGit } from './stream-git.js';
import type { GitPerson } from './read-first-parent-log.js';

export interface CommitFiles {
  sha: string;
  author: GitPerson;
  committedAt: string;
  message: string;
  /** Paths the commit changed against its first parent (merges list none). */
  paths: string[];
}

const FORMAT = '%x01%H%x00%aN%x00%aE%x00%aI%x00%cI%x00%B';
const FIELDS = 6;

/**
 * Author, message and changed paths of exactly the given commits (no walk), in one `git log --stdin` process.
 * Used to attribute a merge's changes to the commits it brought in.
 */
export async function readCommitFiles(dir: string, shas: readonly string[]): Promise<CommitFiles[]> {
  if (shas.length === 0) return [];
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--no-walk=unsorted',
    '--stdin',
    '-z',
    '--name-only',
    '--no-renames',
    `--format=${FORMAT}`,
  ];
  const out: CommitFiles[] = [];
  let header: string[] | null = null;
  let current: CommitFiles | null = null;
  for await (const raw of splitNul(streamGit(dir, args, { input: `${shas.join('\n')}\n` }))) {
    if (header) {
      header.push(raw);
      if (header.length === FIELDS) {
        const [sha = '', name = '', email = '', date = '', committedAt = '', message = ''] = header;
        current = {
          sha,
          author: { name, email, date },
          committedAt,
          message: message.replace(/\n+$/, ''),
          paths: [],
        };
        out.push(current);
        header = null;
      }
      continue;
    }
    const token = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (token.startsWith('\x01')) {
      header = [token.slice(1)];
      continue;
    }
    if (token !== '' && current) current.paths.push(token);
  }
  return out;
}
