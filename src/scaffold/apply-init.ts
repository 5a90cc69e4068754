import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { runGit, runGitRaw } from '../git/run-git.js';
import { CLIENT_HOOKS, HOOK_LIB, installHooks, type HookCommand } from '../hooks/install-hooks.js';
import { judgeFile, planInit, type FileOutcome, type InitInput } from './plan-init.js';

export interface InitOptions {
  /** The repo's work tree root. */
  root: string;
  hooks: InitInput['hooks'];
  github: boolean;
  /** Paths (relative to the root) whose user version may be replaced; `hooks` replaces foreign git hooks. */
  force: ReadonlySet<string>;
  dryRun: boolean;
  /** Overrides git config user.email for the admin role and the example's owner. */
  admin?: string;
  version: string;
  repoUrl: string;
  /** The opsledger package's shipped schema folder and hooks folder. */
  schemaDir: string;
  /** The shipped GitHub workflow templates (docs/workflows/). */
  workflowDir: string;
  hooksSource: string;
  command: HookCommand;
  dataDir: string;
}

export type HooksStatus = 'installed' | 'unchanged' | 'skipped' | 'conflict';

export interface InitResult {
  root: string;
  files: FileOutcome[];
  hooks: { status: HooksStatus; detail: string };
  /** True when nothing was (or, with --dry-run, would be) changed. */
  unchanged: boolean;
}

/** Set opsledger up in a git work tree: plan every file, judge each against what is there, write, install hooks. */
export async function applyInit(options: InitOptions): Promise<InitResult> {
  const email = options.admin ?? (await gitEmail(options.root));
  const schemas: Record<string, string> = {};
  for (const name of (await readdir(options.schemaDir)).filter((n) => n.endsWith('.schema.json'))) {
    schemas[name] = await readFile(path.join(options.schemaDir, name), 'utf8');
  }
  const workflows: Record<string, string> = {};
  if (options.github) {
    for (const name of (await readdir(options.workflowDir)).filter((n) => n.endsWith('.yml'))) {
      workflows[name] = await readFile(path.join(options.workflowDir, name), 'utf8');
    }
  }
  const planned = planInit({
    workflows,
    email,
    version: options.version,
    repoUrl: options.repoUrl,
    schemas,
    hooks: options.hooks,
    github: options.github,
    hasActions: await hasYaml(path.join(options.root, 'definitions/actions'), 'hello-world.yaml'),
    hasRoles: await hasYaml(path.join(options.root, 'definitions/roles'), 'admins.yaml'),
    dataDir: options.dataDir,
  });
  const files: FileOutcome[] = [];
  for (const file of planned) {
    const current = await readFile(path.join(options.root, file.path), 'utf8').catch(() => null);
    files.push(judgeFile(file, current, options.force.has(file.path)));
  }
  for (const dir of ['definitions/actions', 'definitions/runbooks', 'definitions/roles']) {
    if (!options.dryRun) await mkdir(path.join(options.root, dir), { recursive: true });
  }
  if (!options.dryRun) {
    for (const f of files) {
      if (f.content === undefined || !['create', 'update', 'replace'].includes(f.status)) continue;
      await writeAtomically(path.join(options.root, f.path), f.content);
    }
  }
  const hooks = await initHooks(options);
  const unchanged =
    files.every((f) => f.status === 'unchanged' || f.status === 'kept') &&
    (hooks.status === 'unchanged' || hooks.status === 'skipped' || hooks.status === 'conflict');
  return { root: options.root, files, hooks, unchanged };
}

async function initHooks(options: InitOptions): Promise<InitResult['hooks']> {
  if (options.hooks !== 'git') {
    return {
      status: 'skipped',
      detail: options.hooks === 'none' ? '--hooks none' : 'run `pre-commit install`',
    };
  }
  const hooksDir = path.resolve(
    options.root,
    (await runGit(options.root, ['rev-parse', '--git-path', 'hooks'])).trim(),
  );
  const same = await Promise.all(
    [...CLIENT_HOOKS, HOOK_LIB].map(async (name) => {
      const [mine, theirs] = await Promise.all([
        readFile(path.join(options.hooksSource, name), 'utf8').catch(() => null),
        readFile(path.join(hooksDir, name), 'utf8').catch(() => null),
      ]);
      return mine !== null && mine === theirs;
    }),
  );
  const bin = await runGitRaw(options.root, ['config', '--get', 'opsledger.bin']);
  if (same.every(Boolean) && bin.stdout.trim() === options.command.bin) {
    return { status: 'unchanged', detail: `${CLIENT_HOOKS.join(', ')} in ${hooksDir}` };
  }
  if (options.dryRun) return { status: 'installed', detail: `would install ${CLIENT_HOOKS.join(', ')}` };
  try {
    const result = await installHooks({
      dir: options.root,
      hooksSource: options.hooksSource,
      command: options.command,
      force: options.force.has('hooks'),
    });
    return { status: 'installed', detail: `${result.hooks.join(', ')} in ${result.hooksDir}` };
  } catch (err) {
    if (err instanceof OpsledgerError && err.code === 'HOOK_CONFLICT') {
      return {
        status: 'conflict',
        detail: `${err.message}; --force hooks keeps them as <name>.before-opsledger`,
      };
    }
    throw err;
  }
}

async function gitEmail(root: string): Promise<string> {
  const out = await runGitRaw(root, ['config', '--get', 'user.email']);
  const email = out.stdout.trim();
  if (out.code !== 0 || email === '') {
    throw new OpsledgerError(
      'INPUT_INVALID',
      'git config user.email is not set: the admin role needs your email',
      {
        hint: 'git config user.email you@example.com (or pass --admin EMAIL)',
      },
    );
  }
  return email;
}

async function hasYaml(dir: string, except: string): Promise<boolean> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.some((n) => /\.ya?ml$/.test(n) && path.basename(n) !== except);
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.opsledger-tmp`, content);
  await rename(`${file}.opsledger-tmp`, file);
}
