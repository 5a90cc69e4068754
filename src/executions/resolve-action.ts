import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDefinition } from '../definitions/parse-definition.js';
import { loadValidators } from '../definitions/schemas.js';
import type { Action } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { resolveRef } from '../git/repo-info.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import type { HistoryIndex } from '../history/types.js';
import type { PinnedDefinition } from './types.js';

/** The action that will run, the script text that will run, and what the run is pinned to. */
export interface ResolvedAction {
  action: Action;
  pinned: PinnedDefinition;
  script: { shell: Action['script']['shell']; text: string; fileName: string };
}

export interface ResolveActionOptions {
  repo: string;
  branch: string;
  actionId: string;
  history: HistoryIndex;
  definitionsDir?: string;
}

/** Hash of a work-tree file as git would store it, or null when it is missing. */
async function workTreeBlob(repo: string, file: string): Promise<string | null> {
  const result = await runGitRaw(repo, ['hash-object', '--', file]);
  return result.code === 0 ? result.stdout.trim() : null;
}

const scriptPathOf = (action: Action): string | null =>
  action.script.file
    ? path.posix.normalize(action.script.file.replace(/\\/g, '/')).replace(/^(\.\/)+|^\/+/, '')
    : null;

function parseAction(repo: string, text: string | Buffer, file: string, definitionsDir: string): Action {
  const validators = loadValidators(path.join(repo, definitionsDir, 'schema'));
  const result = parseDefinition(text, file, 'action', validators);
  if (!result.ok) {
    const f = result.findings[0]!;
    throw new OpsledgerError('VALIDATION_FAILED', `${f.file}:${f.line}:${f.col}: ${f.message}`, {
      hint: f.hint,
    });
  }
  return result.definition.value as Action;
}

/** An action that exists only in the work tree (never committed to the tracked branch): its file, or null. */
async function findInWorkTree(repo: string, id: string, definitionsDir: string): Promise<string | null> {
  const listed = await runGit(repo, [
    'ls-files',
    '-co',
    '--exclude-standard',
    '--',
    `${definitionsDir}/actions`,
  ]);
  for (const file of listed.split('\n').filter((f) => /\.ya?ml$/i.test(f))) {
    let text: string;
    try {
      text = await readFile(path.join(repo, file), 'utf8');
    } catch {
      continue;
    }
    // The id is the caller's input: matched as literal text, never as a pattern.
    const literal = id.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    if (new RegExp(`^id:\\s*['"]?${literal}['"]?\\s*(#.*)?$`, 'm').test(text)) return file;
  }
  return null;
}

/**
 * Find the action at the tip of the tracked branch (through the history index, which gives its version) and decide
 * what runs: the committed definition and script, or, when either differs in the work tree (`dirty`), the work-tree
 * version, which is what the person running it means. An action that was never committed is pinned with null
 * commit/blob/version and counts as dirty.
 */
export async function resolveAction(options: ResolveActionOptions): Promise<ResolvedAction> {
  const { repo, branch, actionId: id } = options;
  const definitionsDir = options.definitionsDir ?? 'definitions';
  if (!(await resolveRef(repo, branch))) {
    throw new OpsledgerError('BRANCH_NOT_FOUND', `the tracked branch "${branch}" does not exist in ${repo}`);
  }
  const version = options.history.definitionAt('action', id);
  if (!version) {
    const file = await findInWorkTree(repo, id, definitionsDir);
    if (!file) {
      throw new OpsledgerError('DEFINITION_NOT_FOUND', `no action "${id}" on ${branch} or in the work tree`);
    }
    const text = await readFile(path.join(repo, file));
    const action = parseAction(repo, text, file, definitionsDir);
    if (action.id !== id) throw new OpsledgerError('DEFINITION_NOT_FOUND', `no action "${id}" in ${file}`);
    return {
      action,
      pinned: {
        commit: null,
        blob: await workTreeBlob(repo, file),
        path: file,
        version: null,
        status: action.status,
        dirty: true,
      },
      script: await scriptOf(repo, action, null, branch),
    };
  }

  const committed = version.value as Action;
  const scriptPath = scriptPathOf(committed);
  const tipScriptBlob = scriptPath
    ? (
        await runGitRaw(repo, ['rev-parse', '--verify', '--quiet', `${branch}:${scriptPath}`])
      ).stdout.trim() || null
    : null;
  const [defBlob, scriptBlob] = await Promise.all([
    workTreeBlob(repo, version.path),
    scriptPath ? workTreeBlob(repo, scriptPath) : Promise.resolve(null),
  ]);
  const defDirty = defBlob !== version.blob;
  const scriptDirty = scriptPath !== null && scriptBlob !== null && scriptBlob !== tipScriptBlob;

  // A definition deleted from the work tree runs as committed (there is nothing else to run), flagged dirty.
  const action =
    defDirty && defBlob !== null
      ? parseAction(repo, await readFile(path.join(repo, version.path)), version.path, definitionsDir)
      : committed;
  if (action.id !== id) {
    throw new OpsledgerError(
      'DEFINITION_DIRTY',
      `${version.path} in the work tree now defines "${action.id}"`,
    );
  }
  const runScriptFrom = defDirty || scriptDirty || scriptPathOf(action) !== scriptPath ? null : branch;
  return {
    action,
    pinned: {
      commit: version.commit,
      blob: defDirty && defBlob !== null ? defBlob : version.blob,
      path: version.path,
      version: version.version,
      status: action.status,
      dirty: defDirty || scriptDirty || (scriptPath !== null && scriptBlob === null),
    },
    script: await scriptOf(repo, action, runScriptFrom, branch),
  };
}

/** The script text: inline, or the `script.file` at the branch tip (`from`) or in the work tree (`from` null). */
async function scriptOf(
  repo: string,
  action: Action,
  from: string | null,
  branch: string,
): Promise<ResolvedAction['script']> {
  const file = scriptPathOf(action);
  if (!file) return { shell: action.script.shell, text: action.script.inline ?? '', fileName: '' };
  let text: string;
  if (from) {
    text = await runGit(repo, ['cat-file', 'blob', `${from}:${file}`]);
  } else {
    try {
      text = await readFile(path.join(repo, file), 'utf8');
    } catch {
      const committed = await runGitRaw(repo, ['cat-file', 'blob', `${branch}:${file}`]);
      if (committed.code !== 0) {
        throw new OpsledgerError(
          'PATH_NOT_FOUND',
          `the script file ${file} of "${action.id}" does not exist`,
        );
      }
      text = committed.stdout;
    }
  }
  return { shell: action.script.shell, text, fileName: path.posix.basename(file) };
}
