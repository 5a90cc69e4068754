import type { DefinitionKind } from '../../definitions/types.js';
import { scriptPathOf } from '../../history/fold-history.js';
import type { NativeHistoryIndex } from '../../history/native-history-index.js';
import { formatValue } from '../render-history.js';
import { diffValues } from '../../history/semantic-diff.js';
import type { CommandModule } from '../cli-app.js';
import {
  idSpecOf,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { parseVersion, versionOf } from '../definition-versions.js';

const EXAMPLES = `
Examples:
  $ opsledger diff http-health-check 1 3   # what changed from version 1 to version 3, field by field
  $ opsledger diff http-health-check v2 v3 --json`;

/** A version's value as history compares it: an action's script file content shows as `/script/file_blob`. */
function auditedValue(index: NativeHistoryIndex, kind: DefinitionKind, id: string, version: number) {
  const found = versionOf(index, kind, id, version);
  const value = { ...(found.value as unknown as Record<string, unknown>) };
  if (kind === 'action' && scriptPathOf(value) !== null) {
    const state = index.states(kind, id).find((s) => s.version === version && s.blob !== null);
    value.script = { ...(value.script as object), file_blob: state?.file_blob ?? null };
  }
  return { found, value };
}

/** `opsledger diff ID V1 V2`: the semantic diff between two versions of a definition. */
export const diffCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('diff')
      .description('field-level differences between two versions of a definition')
      .argument('<id>', 'an action, runbook or role id (or KIND:ID)')
      .argument('<from>', 'the older version (3 or v3)')
      .argument('<to>', 'the newer version'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(
        async (ctx, text: string, fromText: string, toText: string, options: HistoryCommandOptions) => {
          const { id, kind: asked } = idSpecOf(text, options);
          const [v1, v2] = [parseVersion(fromText), parseVersion(toText)];
          const index = await openCliHistory(ctx, options);
          const result = await readHistory(index, () => {
            const kind = resolveKind(index, id, asked);
            const a = auditedValue(index, kind, id, v1);
            const b = auditedValue(index, kind, id, v2);
            const changes = diffValues(a.value, b.value);
            if (a.found.path !== b.found.path) changes['/__path'] = [a.found.path, b.found.path];
            const side = (f: typeof a.found) => ({
              version: f.version,
              commit: f.commit,
              path: f.path,
              blob: f.blob,
            });
            return { kind, id, from: side(a.found), to: side(b.found), audited_changes: changes };
          });
          if (ctx.json) {
            ctx.out.json(result);
            return 0;
          }
          ctx.out.line(
            `${result.kind} ${id}: v${v1} (${result.from.commit.slice(0, 7)}) → v${v2} (${result.to.commit.slice(0, 7)})`,
          );
          const entries = Object.entries(result.audited_changes);
          if (entries.length === 0) ctx.out.line('no differences');
          for (const [pointer, [before, after]] of entries) {
            ctx.out.line(`  ${pointer}: ${formatValue(before)} → ${formatValue(after)}`);
          }
          return 0;
        },
      ),
    );
};
