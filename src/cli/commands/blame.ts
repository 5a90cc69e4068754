import { blameDefinition } from '../../history/blame-definition.js';
import { scriptPathOf } from '../../history/fold-types.js';
import { formatValue, shortDate } from '../render-history.js';
import { renderTable } from '../output.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import {
  idSpecOf,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { versionOf } from '../definition-versions.js';

const EXAMPLES = `
Examples:
  $ opsledger blame http-health-check       # who set each field, in which commit and PR, at which version
  $ opsledger blame web-incident-response   # a runbook: step fields come from the steps' own history
  $ opsledger blame http-health-check --json`;

/**
 * What `opsledger blame ID` does once its argv is parsed: the history entry calls it straight for a plain `blame ID`
 * (history-main.ts), commander's action for every other argv.
 */
export async function runBlame(
  ctx: CliContext,
  text: string,
  options: HistoryCommandOptions,
): Promise<number> {
  const { id, kind: asked } = idSpecOf(text, options);
  const index = await openCliHistory(ctx, options);
  const lines = await readHistory(index, () => {
    const kind = resolveKind(index, id, asked);
    const current = versionOf(index, kind, id);
    const value = { ...(current.value as unknown as Record<string, unknown>) };
    if (kind === 'action' && scriptPathOf(value) !== null) {
      const last = index.states(kind, id).at(-1);
      value.script = { ...(value.script as object), file_blob: last?.file_blob ?? null };
    }
    return blameDefinition(index.history(id, kind), value, { id });
  });
  if (ctx.json) {
    ctx.out.json(lines);
    return 0;
  }
  // The approvals column shows once the repo records approvals (docs/history.md "Approvals").
  const approvals = lines.some((l) => l.approved_by !== null);
  const rows = [['POINTER', 'VALUE', 'VERSION', 'WHO', 'WHEN', 'PR', 'COMMIT']];
  if (approvals) rows[0]!.push('APPROVED BY');
  for (const l of lines) {
    const row = [
      l.pointer,
      formatValue(l.value, 40),
      `v${l.version}`,
      l.user.email,
      shortDate(l.created_at),
      l.pull_request === null ? '-' : `#${l.pull_request}`,
      l.commit.slice(0, 7),
    ];
    if (approvals) row.push(l.approved_by === null ? '-' : l.approved_by.join(', ') || 'nobody');
    rows.push(row);
  }
  ctx.out.line(renderTable(rows));
  return 0;
}

/** `opsledger blame ID`: for every leaf value of the current definition, who set it, when, where, at which version. */
export const blameCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('blame')
      .description('who set each field of a definition: version, person, time, commit, pull request')
      .argument('<id>', 'an action, runbook or role id (or KIND:ID)'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(app.action(runBlame));
};
