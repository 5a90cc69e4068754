import path from 'node:path';
import { Option } from 'commander';
import { openDefinitionSource, type SourceChoice } from '../../definitions/open-definition-source.js';
import {
  isValidationOk,
  renderValidationGithub,
  renderValidationText,
  toValidationJson,
} from '../../definitions/render-validation.js';
import type { DefinitionSource } from '../../definitions/sources/definition-source.js';
import { validateSource } from '../../definitions/validate-source.js';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { reportError, type CommandModule } from '../cli-app.js';
import type { GlobalOptions } from '../context.js';

interface ValidateOptions {
  staged?: boolean;
  rev?: string;
  rulesFrom?: string;
  format: 'text' | 'json' | 'github';
  strict?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger validate                          # the work tree, whole repo
  $ opsledger validate definitions/runbooks     # report on one folder (rules still see every definition)
  $ opsledger validate --staged                 # what \`git commit\` would record (pre-commit hook)
  $ opsledger validate --rev main               # a commit; works in a bare repo (pre-receive hook)
  $ opsledger validate --rev HEAD --rules-from origin/main   # a pull request judged by its base's rules
  $ opsledger validate --format github          # annotations for GitHub Actions
  $ opsledger validate --json --strict          # one JSON document; warnings fail too

Exit codes: 0 valid (warnings allowed unless --strict), 1 findings, 2 usage error (e.g. a path that does not exist).`;

/** `opsledger validate [paths...]`: YAML, schemas, cross-file rules and script files of the definitions. */
export const validateCommand: CommandModule = (program, app) => {
  program
    .command('validate')
    .description('check definitions: YAML, schemas, cross-file rules, script files (exit 1 on errors)')
    .argument('[paths...]', 'files or folders to report on (default: the whole repo)')
    .option('--staged', 'validate the git index: what `git commit` would record')
    .option('--rev <rev>', 'validate a commit, branch or tag (works in a bare repo)')
    .option(
      '--rules-from <rev>',
      "judge by this commit's rules (opsledger.yaml and schemas), not the checked source's own",
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'),
    )
    .option('--strict', 'warnings fail validation too')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: ValidateOptions) => {
      const global = program.opts<GlobalOptions>();
      const format = global.json === true ? 'json' : options.format;
      try {
        app.exitCode = await runValidate(paths, options, format, global, app.cwd, app.out);
      } catch (err) {
        app.exitCode = reportError(err, format === 'json', app.out);
      }
    });
};

async function runValidate(
  paths: string[],
  options: ValidateOptions,
  format: ValidateOptions['format'],
  global: GlobalOptions,
  cwd: string,
  out: { json(v: unknown): void; line(t?: string): void },
): Promise<number> {
  if (options.staged && options.rev !== undefined) {
    throw new OpsledgerError('USAGE', '--staged and --rev cannot be used together');
  }
  const choice: SourceChoice = options.staged
    ? { from: 'index' }
    : options.rev !== undefined
      ? { from: 'tree', rev: options.rev }
      : { from: 'worktree' };
  const dir = path.resolve(cwd, global.repo ?? '.');
  const { source, root } = await openDefinitionSource(dir, choice);
  const rules =
    options.rulesFrom === undefined
      ? undefined
      : (await openDefinitionSource(dir, { from: 'tree', rev: options.rulesFrom })).source;
  const scopes = await Promise.all(paths.map((p) => resolveScope(p, cwd, root, source)));
  const report = await validateSource(source, { paths: scopes, ...(rules ? { rules } : {}) });
  const strict = options.strict === true;
  if (format === 'json') out.json(toValidationJson(report, strict));
  else if (format === 'github') out.line(renderValidationGithub(report, strict));
  else out.line(renderValidationText(report, strict));
  return isValidationOk(report, strict) ? EXIT.ok : EXIT.findings;
}

/**
 * A path argument as a repo-relative posix path that exists in the source: relative to the current directory
 * when it lands inside the repo and exists there, else relative to the repo root (the only choice in a bare repo).
 */
async function resolveScope(
  arg: string,
  cwd: string,
  root: string | null,
  source: DefinitionSource,
): Promise<string> {
  const candidates: string[] = [];
  if (root !== null) {
    const fromCwd = path.relative(root, path.resolve(cwd, arg));
    if (!fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) candidates.push(fromCwd);
  }
  if (!path.isAbsolute(arg)) candidates.push(path.normalize(arg));
  for (const candidate of candidates) {
    const rel = candidate.split(path.sep).join('/').replace(/^\.$/, '').replace(/\/+$/, '');
    if (rel.startsWith('..')) continue;
    if (rel === '' || (await source.lookup(rel)).type !== 'missing') return rel;
  }
  throw new OpsledgerError('PATH_NOT_FOUND', `${arg} does not exist in the ${source.label}`, {
    hint: 'Paths are relative to the current directory or to the repo root, and must be inside the repo.',
  });
}
