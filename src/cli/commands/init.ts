import path from 'node:path';
import type { Command } from 'commander';
import { SHIPPED_SCHEMA_DIR } from '../../definitions/schemas.js';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { findRepoRoot } from '../../git/repo-info.js';
import { PACKAGE_ROOT, PACKAGE_VERSION, PACKAGE_REPOSITORY } from '../../package/package-root.js';
import { applyInit, type InitResult } from '../../scaffold/apply-init.js';
import { diffText } from '../../scaffold/diff-text.js';
import { reportError, type CliApp, type CommandModule } from '../cli-app.js';
import type { GlobalOptions } from '../context.js';

const EXAMPLES = `
Examples:
  $ git init ops && cd ops && opsledger init     # a new repo
  $ opsledger init --dry-run --diff              # what it would write into this repo, and how it differs
  $ opsledger init --hooks pre-commit-framework  # .pre-commit-config.yaml instead of .git/hooks
  $ opsledger init --force opsledger.yaml        # replace one file of yours with opsledger's

Never overwrites a file of yours: it says which ones it kept (--diff shows the difference). A second run changes
nothing and says so.`;

const NEXT = [
  'opsledger validate                      # check the definitions',
  'git add -A && git commit -m "Set up opsledger"',
  'opsledger run hello-world               # a first run, recorded in the journal',
];

interface InitFlags {
  hooks: 'git' | 'pre-commit-framework' | 'none';
  github?: boolean;
  force: string[];
  dryRun?: boolean;
  diff?: boolean;
  admin?: string;
}

/** `opsledger init [DIR]`: set opsledger up in a git repo (folders, schemas, editor wiring, role, config, hooks). */
export const initCommand: CommandModule = (program, app) => {
  program
    .command('init')
    .description('set opsledger up in a git repo: definitions folders, schemas, an admin role, config, hooks')
    .argument('[dir]', 'the repo (default: --repo, else the current directory)')
    .option(
      '--hooks <kind>',
      'git (the pre-commit and commit-msg hooks) | pre-commit-framework | none',
      'git',
    )
    .option('--github', 'also write a GitHub Actions workflow that validates pull requests')
    .option(
      '--force <path>',
      'replace this file of yours (repeatable; "hooks" replaces foreign git hooks)',
      collect,
      [],
    )
    .option('--admin <email>', 'the admin role member (default: git config user.email)')
    .option('--dry-run', 'say what would change, change nothing')
    .option('--diff', 'show the difference for every file kept, updated or replaced')
    .addHelpText('after', EXAMPLES)
    .action(async (dir: string | undefined, flags: InitFlags) => {
      const json = program.opts<GlobalOptions>().json === true;
      try {
        app.exitCode = await runInit(program, app, dir, flags, json);
      } catch (err) {
        app.exitCode = reportError(err, json, app.out);
      }
    });
};

async function runInit(
  program: Command,
  app: CliApp,
  dir: string | undefined,
  flags: InitFlags,
  json: boolean,
): Promise<number> {
  if (!['git', 'pre-commit-framework', 'none'].includes(flags.hooks)) {
    throw new OpsledgerError('USAGE', `--hooks ${flags.hooks}: expected git, pre-commit-framework or none`);
  }
  const root = await findRepoRoot(path.resolve(app.cwd, dir ?? program.opts<GlobalOptions>().repo ?? '.'));
  const result = await applyInit({
    root,
    hooks: flags.hooks,
    github: flags.github === true,
    force: new Set(
      flags.force.map((f) => (f === 'hooks' ? f : path.relative(root, path.resolve(app.cwd, f)))),
    ),
    dryRun: flags.dryRun === true,
    ...(flags.admin === undefined ? {} : { admin: flags.admin }),
    version: PACKAGE_VERSION,
    repoUrl: PACKAGE_REPOSITORY,
    schemaDir: SHIPPED_SCHEMA_DIR,
    workflowDir: path.join(PACKAGE_ROOT, 'docs', 'workflows'),
    hooksSource: path.join(PACKAGE_ROOT, 'hooks'),
    command: { node: process.execPath, bin: path.join(PACKAGE_ROOT, 'bin', 'opsledger.js') },
    dataDir: '.opsledger',
  });
  if (json) {
    app.out.json({
      root: result.root,
      dry_run: flags.dryRun === true,
      unchanged: result.unchanged,
      files: result.files.map(({ path: p, status, note }) => ({
        path: p,
        status,
        ...(note ? { note } : {}),
      })),
      hooks: result.hooks,
      next: NEXT.map((line) => line.replace(/\s+#.*$/, '')),
    });
    return EXIT.ok;
  }
  await printResult(app, result, flags);
  return EXIT.ok;
}

const VERBS: Record<string, [string, string]> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  replace: ['replaced', 'would replace'],
  kept: ['kept', 'kept'],
};

async function printResult(app: CliApp, result: InitResult, flags: InitFlags): Promise<void> {
  const dry = flags.dryRun === true;
  if (result.unchanged) {
    app.out.line(`opsledger is already set up in ${result.root}: nothing to change.`);
  }
  for (const file of result.files) {
    const verb = VERBS[file.status];
    if (!verb) continue;
    app.out.line(`${dry ? verb[1] : verb[0]} ${file.path}${file.note ? ` (${file.note})` : ''}`);
    if (flags.diff && file.previous !== undefined && file.content !== undefined) {
      app.out.line(await diffText(file.path, file.previous, file.content));
    }
  }
  if (result.hooks.status === 'installed')
    app.out.line(`${dry ? 'would install' : 'installed'} git hooks: ${result.hooks.detail}`);
  if (result.hooks.status === 'conflict') app.out.line(`kept your git hooks: ${result.hooks.detail}`);
  if (result.unchanged) return;
  app.out.line('');
  app.out.line('Next:');
  for (const line of NEXT) app.out.line(`  ${line}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
