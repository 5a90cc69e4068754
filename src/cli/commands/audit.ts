import { Option } from 'commander';
import { AUDITABLE_TYPES } from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { auditQuery, matchesInvalid } from '../../history/match-query.js';
import { renderAuditTable } from '../render-history.js';
import { renderRewriteNotice, renderRewrites, selectRewrites } from '../render-rewrites.js';
import type { AuditEvent, AuditableType, InvalidEntry } from '../../history/types.js';
import type { CommandModule } from '../cli-app.js';
import { pageOutput } from '../page-output.js';
import { allowShallowOption, openCliHistory, readHistory } from '../cli-history.js';

interface AuditOptions {
  type?: AuditableType;
  id?: string;
  user?: string;
  since?: string;
  until?: string;
  includeInvalid: boolean;
  allowShallow?: boolean;
  rewrites?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger audit                                   # every change of every definition, oldest first
  $ opsledger audit --type Runbook::Step --since 2026-01-01
  $ opsledger audit --user alice@example.com --json   # events plus {"action":"invalid"} entries
  $ opsledger audit --json --no-include-invalid       # events only
  $ opsledger audit --rewrites --json                 # force-pushes seen, with the events they took

Invalid files (a commit whose definition did not parse or validate) are listed by default, as
{"action": "invalid", ...} entries with their findings; they never count as a version.
When the tracked branch was rewritten (force-push), a notice line names each rewrite (on stderr with --json, whose
array stays events only); --rewrites lists the records with the events that left the branch.`;

function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && Number.isNaN(Date.parse(value))) {
    throw new OpsledgerError('USAGE', `--${name} "${value}" is not an ISO 8601 date`, {
      hint: 'Use e.g. 2026-01-31 or 2026-01-31T12:00:00Z.',
    });
  }
}

/** `opsledger audit`: every audit event of the tracked branch, filtered, oldest first (docs/history.md). */
export const auditCommand: CommandModule = (program, app) => {
  program
    .command('audit')
    .description('every change of every definition, oldest first, with filters')
    .addOption(new Option('--type <type>', 'only this auditable type').choices(AUDITABLE_TYPES))
    .option('--id <id>', 'only this id (a runbook id also matches its steps)')
    .option('--user <email>', 'only changes attributed to this email')
    .option('--since <iso>', 'only changes at or after this time')
    .option('--until <iso>', 'only changes at or before this time')
    .option('--include-invalid', 'list invalid definition files too (default)', true)
    .option('--no-include-invalid', 'list audit events only')
    .option('--rewrites', 'list the recorded rewrites of the branch (force-pushes) and the events they took')
    .addOption(allowShallowOption(program))
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, options: AuditOptions) => {
        checkDate('since', options.since);
        checkDate('until', options.until);
        const query = auditQuery(options);
        const index = await openCliHistory(ctx, options);
        const rewrites = selectRewrites(index.rewrites(), query);
        if (options.rewrites) {
          if (ctx.json) ctx.out.json(rewrites);
          else ctx.out.line(renderRewrites(rewrites));
          return 0;
        }
        const { events, invalid } = await readHistory(index, () => ({
          events: index.events(query),
          invalid: options.includeInvalid ? index.invalid().filter((e) => matchesInvalid(e, query)) : [],
        }));
        const entries = invalid.length === 0 ? events : mergeByCommit(events, invalid, index.commits());
        const notices = rewrites.map(renderRewriteNotice);
        if (ctx.json) {
          notices.forEach((n) => ctx.out.info(n));
          ctx.out.json(entries);
        } else {
          await pageOutput(ctx, [...notices, renderAuditTable(entries)].join('\n'));
        }
        return 0;
      }),
    );
};

/** Events and invalid entries in one list, in first-parent commit order (invalid entries after a commit's events). */
function mergeByCommit(
  events: AuditEvent[],
  invalid: InvalidEntry[],
  commits: { sha: string }[],
): (AuditEvent | InvalidEntry)[] {
  const order = new Map(commits.map((c, i) => [c.sha, i]));
  const tagged = [
    ...events.map((e, i) => ({ e: e as AuditEvent | InvalidEntry, at: order.get(e.commit) ?? 0, sub: 0, i })),
    ...invalid.map((e, i) => ({
      e: e as AuditEvent | InvalidEntry,
      at: order.get(e.commit) ?? 0,
      sub: 1,
      i,
    })),
  ];
  return tagged.sort((a, b) => a.at - b.at || a.sub - b.sub || a.i - b.i).map((t) => t.e);
}
