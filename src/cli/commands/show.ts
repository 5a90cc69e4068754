import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openCatFileBatch } from '../../git/cat-file-batch.js';
import type { CommandModule } from '../cli-app.js';
import type { CliContext } from '../context.js';
import {
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { versionedSpecOf, versionOf } from '../definition-versions.js';

const EXAMPLES = `
Examples:
  $ opsledger show http-health-check    # the definition at the tip, as the file reads (comments kept)
  $ opsledger show http-health-check@2  # as version 2 wrote it
  $ opsledger show http-health-check@2 --json`;

/**
 * What `opsledger show ID[@VERSION]` does once its argv is parsed: the history entry calls it straight for a plain
 * `show ID` (history-main.ts), commander's action for every other argv.
 */
export async function runShow(
  ctx: CliContext,
  spec: string,
  options: HistoryCommandOptions,
): Promise<number> {
  const { id, kind: asked, version } = versionedSpecOf(spec, options);
  const index = await openCliHistory(ctx, options);
  const kind = await readHistory(index, () => resolveKind(index, id, asked));
  const found = await readHistory(index, () => versionOf(index, kind, id, version));
  if (ctx.json) {
    ctx.out.json(found);
    return 0;
  }
  const batch = openCatFileBatch(ctx.repo);
  try {
    const blob = await batch.read(found.blob);
    if (!blob) throw new OpsledgerError('GIT_FAILED', `blob ${found.blob} is missing from the repository`);
    ctx.out.info(`# ${kind} ${id} v${found.version} · ${found.path} · commit ${found.commit.slice(0, 12)}`);
    const text = blob.content.toString('utf8');
    ctx.out.line(text.endsWith('\n') ? text.slice(0, -1) : text);
  } finally {
    await batch.close();
  }
  return 0;
}

/** `opsledger show ID[@VERSION]`: a definition as it was, YAML (the original bytes) or JSON. */
export const showCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('show')
      .description('a definition as it is at the tip, or as one version left it (ID@VERSION)')
      .argument('<id>', 'ID or ID@VERSION (KIND:ID when the id names more than one kind)'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(app.action(runShow));
};
