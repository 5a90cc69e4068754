import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { runGitRaw } from '../../git/run-git.js';
import { checkCommitMessage } from '../../hooks/check-commit-message.js';
import { installHooks, uninstallHooks } from '../../hooks/install-hooks.js';
import { PACKAGE_ROOT } from '../../package/package-root.js';
import { runPreReceive } from '../../hooks/run-pre-receive.js';
import { reportError, type CliApp, type CommandModule } from '../cli-app.js';
import type { GlobalOptions } from '../context.js';

const EXAMPLES = `
Examples:
  $ opsledger hooks install                      # this repo (core.hooksPath=hooks) or copies into .git/hooks
  $ opsledger hooks install --target ../ops-repo # another repo's pre-commit and commit-msg
  $ opsledger hooks install --target /srv/git/ops.git   # a bare repo on a server: the pre-receive hook
  $ opsledger hooks uninstall --target ../ops-repo

The hooks call: pre-commit -> \`opsledger validate --staged\`, commit-msg -> \`opsledger hooks commit-msg FILE\`,
pre-receive -> \`opsledger hooks pre-receive\` (ref updates on stdin, as git gives them).`;

/** `opsledger hooks ...`: install the git hooks, and the entry points the hook scripts call. */
export const hooksCommand: CommandModule = (program, app) => {
  const hooks = program
    .command('hooks')
    .description('install the git hooks (pre-commit, commit-msg, pre-receive) and run their checks')
    .addHelpText('after', EXAMPLES);

  hooks
    .command('install')
    .description('install the hooks into a repo (default: the current one)')
    .option('--target <dir>', 'the repo to install into: a work tree or a bare repository')
    .option('--bare', 'also install the server-side pre-receive hook (implied for a bare repository)')
    .option('--force', "replace hooks that are not opsledger's (kept as <name>.before-opsledger)")
    .action(
      wrap(program, app, async (json, options: { target?: string; bare?: boolean; force?: boolean }) => {
        const result = await installHooks({
          dir: targetDir(program, app, options.target),
          hooksSource: path.join(PACKAGE_ROOT, 'hooks'),
          command: { node: process.execPath, bin: path.join(PACKAGE_ROOT, 'bin', 'opsledger.js') },
          server: options.bare === true,
          force: options.force === true,
        });
        if (json) app.out.json(result);
        else {
          app.out.line(
            result.mode === 'hooks-path'
              ? `core.hooksPath set to hooks/ (${result.hooks.join(', ')} run from ${result.hooksDir})`
              : `installed ${result.hooks.join(', ')} into ${result.hooksDir}`,
          );
          for (const backup of result.backups) app.out.line(`kept the previous hook as ${backup}`);
        }
        return EXIT.ok;
      }),
    );

  hooks
    .command('uninstall')
    .description("remove opsledger's hooks from a repo (restoring hooks they replaced)")
    .option('--target <dir>', 'the repo to remove them from')
    .action(
      wrap(program, app, async (json, options: { target?: string }) => {
        const result = await uninstallHooks(targetDir(program, app, options.target));
        if (json) app.out.json(result);
        else {
          if (result.unsetHooksPath) app.out.line('core.hooksPath unset');
          for (const file of result.removed) app.out.line(`removed ${file}`);
          for (const file of result.restored) app.out.line(`restored ${file}`);
        }
        return EXIT.ok;
      }),
    );

  hooks
    .command('pre-receive')
    .description('the pre-receive check: reads `<old> <new> <ref>` lines on stdin (run by hooks/pre-receive)')
    .action(
      wrap(program, app, async () => {
        const input = await readStdin();
        const ok = await runPreReceive({
          gitDir: targetDir(program, app, undefined),
          input,
          print: (line) => app.out.info(line),
        });
        return ok ? EXIT.ok : EXIT.findings;
      }),
    );

  hooks
    .command('commit-msg')
    .description('the commit-msg check of a message file (run by hooks/commit-msg)')
    .argument('<file>', 'the commit message file git passes to the hook')
    .action(
      wrap(program, app, async (_json, file: string) => {
        const dir = targetDir(program, app, undefined);
        const text = await readFile(path.resolve(app.cwd, file), 'utf8').catch((err: Error) => {
          throw new OpsledgerError('PATH_NOT_FOUND', `cannot read ${file}: ${err.message}`);
        });
        const comment = await runGitRaw(dir, ['config', '--get', 'core.commentChar']).catch(() => null);
        const commentChar =
          comment?.code === 0 && comment.stdout.trim().length === 1 ? comment.stdout.trim() : '#';
        const problems = checkCommitMessage(text, commentChar);
        for (const p of problems) app.out.info(`commit-msg:${p.line}: ${p.message}`);
        if (problems.length > 0)
          app.out.info('opsledger: commit refused: fix the message (it is kept in .git/COMMIT_EDITMSG)');
        return problems.length > 0 ? EXIT.findings : EXIT.ok;
      }),
    );
};

/** The directory a hooks command acts on: --target, else --repo, else the current directory. */
function targetDir(program: Command, app: CliApp, target: string | undefined): string {
  return path.resolve(app.cwd, target ?? program.opts<GlobalOptions>().repo ?? '.');
}

/**
 * Run a handler without the usual repo context: hooks run in bare repositories and .git folders, where there is no
 * work tree to resolve. Errors still come out in the contract's format.
 */
function wrap<A extends unknown[]>(
  program: Command,
  app: CliApp,
  handler: (json: boolean, ...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    const json = program.opts<GlobalOptions>().json === true;
    try {
      app.exitCode = await handler(json, ...args);
    } catch (err) {
      app.exitCode = reportError(err, json, app.out);
    }
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
