import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../git/run-git.js';

/** Every opsledger hook file carries this marker, so install may update it and uninstall may remove it. */
export const HOOK_MARKER = '# opsledger-hook:';
export const CLIENT_HOOKS = ['pre-commit', 'commit-msg'] as const;
export const SERVER_HOOKS = ['pre-receive'] as const;
/** The shell library the hooks source to find the opsledger command. */
export const HOOK_LIB = 'lib/opsledger-hook.sh';
const BACKUP_SUFFIX = '.before-opsledger';

export interface HookCommand {
  /** Absolute path of node, so hooks run from GUI clients and servers with a thin PATH. */
  node: string;
  /** Absolute path of this opsledger copy's bin/opsledger.js. */
  bin: string;
}

export interface InstallOptions {
  /** Any folder of the target repo: its work tree, a bare repo, or a .git folder. */
  dir: string;
  /** The hooks/ folder shipped with opsledger (the files to copy). */
  hooksSource: string;
  command: HookCommand;
  /** Install the server-side pre-receive hook (implied for a bare repo). */
  server?: boolean;
  /** Replace hooks that are not opsledger's (they are kept as <name>.before-opsledger). */
  force?: boolean;
}

export interface InstallResult {
  /** `hooks-path`: core.hooksPath points at the repo's own hooks/; `copy`: files copied into its hooks folder. */
  mode: 'hooks-path' | 'copy';
  hooksDir: string;
  hooks: string[];
  /** Foreign hooks moved aside by --force. */
  backups: string[];
}

interface RepoLayout {
  gitDir: string;
  bare: boolean;
  root: string | null;
}

async function readLayout(dir: string): Promise<RepoLayout> {
  const probe = await runGitRaw(dir, [
    'rev-parse',
    '--absolute-git-dir',
    '--is-bare-repository',
    '--is-inside-work-tree',
  ]).catch(() => undefined);
  if (!probe || probe.code !== 0) {
    throw new OpsledgerError('NOT_A_REPO', `${dir} is not inside a git repository`, {
      hint: 'Pass --target DIR naming a git work tree or a bare repository.',
    });
  }
  const [gitDir = dir, bare, inside] = probe.stdout.trim().split('\n');
  let root: string | null = null;
  if (inside === 'true') root = (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim();
  return { gitDir, bare: bare === 'true', root };
}

async function isOpsledgerHook(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text !== null && text.includes(HOOK_MARKER);
}

/**
 * Install the hooks into a repo. A repo that carries opsledger's own hooks/ folder (this project and its clones)
 * gets `core.hooksPath=hooks`, so the committed hooks run and stay current; any other repo gets copies in its hooks
 * folder (honouring its core.hooksPath), and a bare repo gets the pre-receive hook. Either way the absolute path of
 * this opsledger copy is recorded in the repo's git config (`opsledger.bin`, `opsledger.node`) for the hooks to find.
 */
export async function installHooks(options: InstallOptions): Promise<InstallResult> {
  const layout = await readLayout(options.dir);
  const server = options.server === true || layout.bare;
  const git = (args: string[]): Promise<string> => runGit(layout.gitDir, args);
  let result: InstallResult;
  const ownHooks = layout.root === null ? null : path.join(layout.root, 'hooks');
  if (!server && ownHooks !== null && (await isOpsledgerHook(path.join(ownHooks, 'pre-commit')))) {
    await git(['config', 'core.hooksPath', 'hooks']);
    result = { mode: 'hooks-path', hooksDir: ownHooks, hooks: [...CLIENT_HOOKS], backups: [] };
  } else {
    const names = layout.bare
      ? [...SERVER_HOOKS]
      : server
        ? [...CLIENT_HOOKS, ...SERVER_HOOKS]
        : [...CLIENT_HOOKS];
    result = await copyHooks(layout, names, options);
  }
  await git(['config', 'opsledger.bin', options.command.bin]);
  await git(['config', 'opsledger.node', options.command.node]);
  return result;
}

async function hooksDirOf(layout: RepoLayout): Promise<string> {
  const out = (await runGit(layout.gitDir, ['rev-parse', '--git-path', 'hooks'])).trim();
  // --git-path answers relative to where git ran, or to the work tree for a relative core.hooksPath.
  const configured = await runGitRaw(layout.gitDir, ['config', '--get', 'core.hooksPath']);
  if (configured.code === 0 && !path.isAbsolute(configured.stdout.trim()) && layout.root !== null) {
    return path.resolve(layout.root, configured.stdout.trim());
  }
  return path.resolve(layout.gitDir, out);
}

async function copyHooks(
  layout: RepoLayout,
  names: string[],
  options: InstallOptions,
): Promise<InstallResult> {
  const hooksDir = await hooksDirOf(layout);
  const files = [...names, HOOK_LIB];
  const foreign: string[] = [];
  for (const name of files) {
    const dest = path.join(hooksDir, name);
    const exists = await readFile(dest).then(
      () => true,
      () => false,
    );
    if (exists && !(await isOpsledgerHook(dest))) foreign.push(dest);
  }
  if (foreign.length > 0 && options.force !== true) {
    throw new OpsledgerError(
      'HOOK_CONFLICT',
      `hooks that are not opsledger's already exist: ${foreign.join(', ')}`,
    );
  }
  const backups: string[] = [];
  await mkdir(path.join(hooksDir, path.dirname(HOOK_LIB)), { recursive: true });
  for (const name of files) {
    const dest = path.join(hooksDir, name);
    if (foreign.includes(dest)) {
      await rename(dest, dest + BACKUP_SUFFIX);
      backups.push(dest + BACKUP_SUFFIX);
    }
    const body = await readFile(path.join(options.hooksSource, name));
    await writeFile(`${dest}.tmp`, body);
    await chmod(`${dest}.tmp`, 0o755);
    await rename(`${dest}.tmp`, dest);
  }
  return { mode: 'copy', hooksDir, hooks: names, backups };
}

export interface UninstallResult {
  removed: string[];
  restored: string[];
  unsetHooksPath: boolean;
}

/** Undo installHooks: unset core.hooksPath=hooks, remove copied opsledger hooks (restoring backups), drop the config. */
export async function uninstallHooks(dir: string): Promise<UninstallResult> {
  const layout = await readLayout(dir);
  const result: UninstallResult = { removed: [], restored: [], unsetHooksPath: false };
  const hooksPath = await runGitRaw(layout.gitDir, ['config', '--get', 'core.hooksPath']);
  if (
    hooksPath.code === 0 &&
    hooksPath.stdout.trim().replace(/\/$/, '') === 'hooks' &&
    layout.root !== null
  ) {
    if (await isOpsledgerHook(path.join(layout.root, 'hooks', 'pre-commit'))) {
      await runGit(layout.gitDir, ['config', '--unset', 'core.hooksPath']);
      result.unsetHooksPath = true;
    }
  } else {
    const hooksDir = await hooksDirOf(layout);
    for (const name of [...CLIENT_HOOKS, ...SERVER_HOOKS, HOOK_LIB]) {
      const dest = path.join(hooksDir, name);
      if (!(await isOpsledgerHook(dest))) continue;
      await rm(dest, { force: true });
      result.removed.push(dest);
      const restored = await rename(dest + BACKUP_SUFFIX, dest).then(
        () => true,
        () => false,
      );
      if (restored) result.restored.push(dest);
    }
  }
  for (const key of ['opsledger.bin', 'opsledger.node']) {
    await runGitRaw(layout.gitDir, ['config', '--unset', key]);
  }
  return result;
}
