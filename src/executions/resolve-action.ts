import { readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseDefinition } from '../definitions/parse-definition.js';
import { resolveScriptPath } from '../definitions/resolve-script-path.js';
import type { PathInfo } from '../definitions/sources/definition-source.js';
import { openWorkTreeSource } from '../definitions/sources/open-work-tree-source.js';
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
  /**
   * Pin to this first-parent commit of the tracked branch instead of the tip, ignoring the work tree: a runbook run
   * reads every step's action as the branch was when the run started (docs/runbooks.md).
   */
  atCommit?: string;
}

/** Hash of a work-tree file as git would store it (a symbolic link: its target text), or null when it is missing. */
async function workTreeBlob(repo: string, file: string): Promise<string | null> {
  const link = await readlink(path.join(repo, file)).catch(() => null);
  const result =
    link === null
      ? await runGitRaw(repo, ['hash-object', '--', file])
      : await runGitRaw(repo, ['hash-object', '--stdin'], { input: link });
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
  // A commit of the history index is on the tracked branch already: no git process to ask (a scheduled firing, a
  // runbook step; the scheduler's benchmark, docs/schedules.md).
  if (options.atCommit) return resolveAtCommit(options, options.atCommit);
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

/** The action as it was right after `commit`, and its script from that commit's tree; never dirty. */
async function resolveAtCommit(options: ResolveActionOptions, commit: string): Promise<ResolvedAction> {
  const version = options.history.definitionsAt('action', commit).find((v) => v.id === options.actionId);
  if (!version) {
    throw new OpsledgerError(
      'DEFINITION_NOT_FOUND',
      `no action "${options.actionId}" on ${options.branch} at commit ${commit.slice(0, 12)}`,
    );
  }
  const action = version.value as Action;
  return {
    action,
    pinned: {
      commit: version.commit,
      blob: version.blob,
      path: version.path,
      version: version.version,
      status: action.status,
      dirty: false,
    },
    script: await scriptOf(options.repo, action, commit, options.branch),
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
  const text =
    (from ? null : await readWorkTreeScript(repo, file, action.id)) ??
    (await readCommittedScript(repo, from ?? branch, file, action.id));
  return { shell: action.script.shell, text, fileName: path.posix.basename(file) };
}

/**
 * The script file in the work tree, or null when it is not there. Symbolic links are followed as the OS would, and
 * the real path of the file must lie inside the real path of the repo (docs/executions.md, "Script files").
 */
async function readWorkTreeScript(repo: string, file: string, actionId: string): Promise<string | null> {
  const resolved = await resolveScriptPath(file, openWorkTreeSource(repo).lookup);
  if (!resolved.ok) {
    if (resolved.code === 'script-missing') return null;
    throw outsideRepo(actionId, resolved.message);
  }
  let real: string;
  let root: string;
  try {
    [real, root] = await Promise.all([realpath(path.join(repo, resolved.path)), realpath(repo)]);
  } catch {
    return null;
  }
  const rel = path.relative(root, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw outsideRepo(actionId, `script.file ${file} resolves to ${real}, outside the repo`);
  }
  return readFile(real, 'utf8');
}

/** The script file as committed at `rev`; a committed symbolic link is followed only within that commit's tree. */
async function readCommittedScript(
  repo: string,
  rev: string,
  file: string,
  actionId: string,
): Promise<string> {
  const resolved = await resolveScriptPath(file, (p) => lookupCommitted(repo, rev, p));
  if (!resolved.ok) {
    if (resolved.code !== 'script-missing') throw outsideRepo(actionId, resolved.message);
    throw new OpsledgerError('PATH_NOT_FOUND', `the script file ${file} of "${actionId}" does not exist`);
  }
  return runGit(repo, ['cat-file', 'blob', `${rev}:${resolved.path}`]);
}

/** What a path is in a commit's tree (git stores a symbolic link as a blob holding its target). */
async function lookupCommitted(repo: string, rev: string, file: string): Promise<PathInfo> {
  const listed = await runGitRaw(repo, ['ls-tree', '-z', rev, '--', file]);
  const entry = listed.stdout.split('\0').find((e) => e.slice(e.indexOf('\t') + 1) === file);
  if (listed.code !== 0 || !entry) return { type: 'missing' };
  const [mode, type, oid] = entry.slice(0, entry.indexOf('\t')).split(' ');
  if (type === 'tree') return { type: 'dir' };
  if (mode === '120000') return { type: 'symlink', target: await runGit(repo, ['cat-file', 'blob', oid!]) };
  return mode === '100644' || mode === '100755' ? { type: 'file' } : { type: 'other' };
}

function outsideRepo(actionId: string, message: string): OpsledgerError {
  return new OpsledgerError('SCRIPT_OUTSIDE_REPO', `action "${actionId}": ${message}; it is not run`);
}
