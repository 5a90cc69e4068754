import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGitRaw } from '../git/run-git.js';

/** A unified diff of two versions of a file, as `git diff --no-index` shows it, labelled a/<file> and b/<file>. */
export async function diffText(file: string, before: string, after: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-diff-'));
  try {
    await writeFile(path.join(dir, 'a'), before);
    await writeFile(path.join(dir, 'b'), after);
    const out = await runGitRaw(dir, ['diff', '--no-index', '--no-color', '--', 'a', 'b']);
    return out.stdout
      .split('\n')
      .filter((line) => !line.startsWith('diff --git ') && !line.startsWith('index '))
      .map((line) => (line === '--- a/a' ? `--- a/${file}` : line === '+++ b/b' ? `+++ b/${file}` : line))
      .join('\n')
      .trimEnd();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
