import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { NativeHistoryIndex } from '../../history/native-history-index.js';
import type { AuditEvent } from '../../history/types.js';
import { holdsPermission } from '../../reports/holds-permission.js';
import { judgeRecordedApprovals } from '../../review/judge-recorded-approvals.js';
import type { DefinitionKind, Role } from '../../definitions/types.js';
import type { CommandModule } from '../cli-app.js';
import { shortDate } from '../render-history.js';
import {
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions,
  type HistoryCommandOptions,
} from '../cli-history.js';
import { versionedSpecOf } from '../definition-versions.js';

const EXAMPLES = `
Examples:
  $ opsledger approvals restart-service      # who approved the latest version, from the recorded approval note
  $ opsledger approvals restart-service@1    # the evidence for version 1
  $ opsledger approvals restart-service@1 --json

Exit codes: 0 shown (whatever the verdict), 2 unknown id or version.`;

/** `opsledger approvals ID[@VERSION]`: the approval evidence recorded for the commit that made a version. */
export const approvalsCommand: CommandModule = (program, app) => {
  withHistoryOptions(
    program
      .command('approvals')
      .description('who approved a version: the reviews recorded for its commit, and whether they count')
      .argument('<id>', 'ID or ID@VERSION (KIND:ID when the id names more than one kind)'),
    program,
  )
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, spec: string, options: HistoryCommandOptions) => {
        const { id, kind: asked, version } = versionedSpecOf(spec, options);
        const index = await openCliHistory(ctx, options);
        const result = await readHistory(index, () => {
          const kind = resolveKind(index, id, asked);
          const own = index.history(id, kind).filter((e) => e.auditable_id === id);
          const event = version === undefined ? own.at(-1) : own.find((e) => e.version === version);
          if (!event) {
            throw new OpsledgerError(
              'VERSION_NOT_FOUND',
              `${kind} ${id} has no version ${version ?? ''}`.trim(),
              {
                hint: `See the versions with \`opsledger history ${id}\`.`,
              },
            );
          }
          return evidenceOf(index, kind, event);
        });
        if (ctx.json) {
          ctx.out.json(result);
          return 0;
        }
        const pr = result.pull_request === null ? '' : `, PR #${result.pull_request}`;
        ctx.out.line(
          `${result.kind} ${result.id} v${result.version} (commit ${result.commit.slice(0, 7)}${pr}): ${result.verdict}`,
        );
        if (result.approvals === null) ctx.out.line('  no approval note recorded for this commit');
        for (const a of result.approvals ?? []) {
          const who = a.email ? `${a.reviewer_login} <${a.email}>` : a.reviewer_login;
          const note = result.reasons[approvalKey(a)] ?? (a.stale ? 'stale' : 'counts');
          ctx.out.line(
            `  ${who} ${a.state} ${a.commit_id.slice(0, 7)} ${shortDate(a.submitted_at)} PR #${a.pull_request}: ${note}`,
          );
        }
        return 0;
      }),
    );
};

function approvalKey(a: { reviewer_login: string; submitted_at: string; commit_id: string }): string {
  return `${a.reviewer_login}@${a.commit_id}@${a.submitted_at}`;
}

/** The evidence of one event, judged by the role files just before its commit (as the report's findings are). */
function evidenceOf(index: NativeHistoryIndex, kind: DefinitionKind, event: AuditEvent) {
  const commits = index.commits();
  const at = commits.findIndex((c) => c.sha === event.commit);
  const before = at > 0 ? commits[at - 1]!.sha : null;
  const roles = (before === null ? [] : index.definitionsAt('role', before)).map((v) => v.value as Role);
  const authors = (event.authors.length > 0 ? event.authors : [event.user]).map((a) => a.email);
  const verdict = judgeRecordedApprovals(event.approvals, authors, (email) =>
    holdsPermission(roles, email, 'definitions:approve', { kind, id: event.auditable_id, tags: [] }),
  );
  const reasons: Record<string, string> = {};
  for (const { approval, reason } of verdict.ignored) reasons[approvalKey(approval)] = reason;
  return {
    kind,
    id: event.auditable_id,
    version: event.version,
    commit: event.commit,
    created_at: event.created_at,
    pull_request: event.pull_request,
    authors,
    verdict: verdict.status,
    approvals: event.approvals,
    reasons,
  };
}
