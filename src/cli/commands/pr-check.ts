import { appendFile } from 'node:fs/promises';
import { Option } from 'commander';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { runPrCheck } from '../../review/pr-check.js';
import { renderPrCheck, type PrCheckFormat } from '../../review/render-pr-check.js';
import type { CommandModule } from '../cli-app.js';

interface PrCheckCommandOptions {
  base: string;
  head: string;
  format: PrCheckFormat;
}

const EXAMPLES = `
Examples:
  $ opsledger pr-check --base origin/main --head HEAD          # diff, findings, impact, risk, approvals needed
  $ opsledger pr-check --base origin/main --head HEAD --format markdown   # the pull request comment body
  $ opsledger pr-check --base origin/main --head HEAD --format github     # in GitHub Actions (see action.yml)
  $ opsledger pr-check --base origin/main --head HEAD --json   # one JSON document (docs/github.md)

Exit codes: 0 no errors (approvals are reported, not enforced here), 1 errors in the changed definitions,
2 usage error (e.g. a base or head that does not exist).`;

/** `opsledger pr-check --base REF --head REF`: judge a pull request's definition changes before they land. */
export const prCheckCommand: CommandModule = (program, app) => {
  program
    .command('pr-check')
    .description(
      "a pull request's definition changes: diff, findings under the base's rules, impact, risk, approvals",
    )
    .requiredOption('--base <ref>', 'the branch the pull request goes into (its rules and role files judge)')
    .requiredOption('--head <ref>', "the pull request's head commit")
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'markdown', 'github'])
        .default('text'),
    )
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, options: PrCheckCommandOptions) => {
        if (ctx.json && options.format !== 'text') {
          throw new OpsledgerError('USAGE', '--json and --format cannot be used together');
        }
        const report = await runPrCheck({
          repo: ctx.repo,
          base: options.base,
          head: options.head,
          config: ctx.config,
        });
        if (ctx.json) ctx.out.json(report);
        else ctx.out.line(renderPrCheck(report, options.format));
        const summary = ctx.env.GITHUB_STEP_SUMMARY;
        if (options.format === 'github' && summary) {
          await appendFile(summary, renderPrCheck(report, 'markdown'));
        }
        return report.ok ? EXIT.ok : EXIT.findings;
      }),
    );
};
