import type { ReportModel } from '../report-model.js';
import { cell, num, pageLink, type Block, type Inline, type PageDocument } from '../report-document.js';
import {
  formatCount,
  plural,
  formatDuration,
  formatPercent,
  formatTime,
  shortSha,
} from '../report-format.js';
import {
  actionLink,
  badge,
  commitRef,
  findingsTable,
  nav,
  periodLine,
  runbookRunLink,
  timeCell,
} from './page-parts.js';

/** How many findings the overview lists before pointing to the findings page. */
export const TOP_FINDINGS = 10;
/** How many of the newest runbook runs the overview links to (each runbook page lists more). */
const LATEST_RUNBOOK_RUNS = 10;

/** The overview: period, repo, journal state, counts, charts, top findings, and a row per action and runbook. */
export function buildIndexPage(model: ReportModel): PageDocument {
  const severities = { high: 0, medium: 0, low: 0 };
  for (const g of model.findings) severities[g.severity] += g.total;
  const top = model.findings.flatMap((g) => g.items.slice(0, 3)).slice(0, TOP_FINDINGS);
  const verify = model.journal.verify;
  const head = model.journal.head;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `Automation audit report: ${model.repo.name}` },
    nav(),
    periodLine(model),
    {
      type: 'facts',
      items: [
        ['As of', [formatTime(model.generated_at)]],
        [
          'Definitions as of',
          model.definitions_as_of === null
            ? ['no definitions on the branch']
            : [
                commitRef(model, model.definitions_as_of.commit),
                `, ${formatTime(model.definitions_as_of.at)}`,
              ],
        ],
        [
          'Journal chain head',
          head === null ? ['empty journal'] : [`seq ${head.seq}, `, { code: shortSha(head.hash) }],
        ],
        [
          'Journal verification',
          verify === null
            ? ['not run']
            : [
                badge(verify.ok ? 'passed' : 'failed'),
                ` · ${plural(verify.records, 'record')}, ${plural(verify.problems, 'problem')}, ${plural(verify.gaps, 'retention gap')}`,
              ],
        ],
      ],
    },
    { type: 'heading', level: 2, text: 'Summary' },
    {
      type: 'facts',
      items: [
        [
          'Definitions',
          [
            `${plural(model.counts.actions, 'action')}, ${plural(model.counts.runbooks, 'runbook')}, ${plural(model.counts.roles, 'role')}`,
          ],
        ],
        [
          'Changes',
          [`${plural(model.counts.events, 'audit event')}, ${plural(model.counts.invalid, 'invalid file')}`],
        ],
        [
          'Runs',
          [
            `${formatCount(model.counts.runs)} in the journal`,
            model.counts.purged_runs > 0
              ? ` + ${formatCount(model.counts.purged_runs)} purged (rollups)`
              : '',
            model.counts.runbook_runs > 0 ? `; ${plural(model.counts.runbook_runs, 'runbook run')}` : '',
          ],
        ],
        ...(model.schedules.length === 0
          ? []
          : [
              [
                'Schedules',
                [
                  `${plural(model.schedules.length, 'schedule')}, ${plural(
                    model.schedules.reduce((n, s) => n + s.missed, 0),
                    'missed firing',
                  )} `,
                  pageLink('schedules', '(schedule adherence)'),
                ],
              ] as [string, Inline[]],
            ]),
        [
          'Outcomes',
          [
            `${formatPercent(model.totals.success_rate)} succeeded; duration p50 ${formatDuration(model.totals.p50_ms)}, p95 ${formatDuration(model.totals.p95_ms)}`,
          ],
        ],
        [
          'People and systems',
          [
            `${plural(model.counts.users, 'active user')}, ${plural(model.counts.targets, 'target system')} touched`,
          ],
        ],
        [
          'Findings',
          [
            badge('high'),
            ` ${severities.high} · `,
            badge('medium'),
            ` ${severities.medium} · `,
            badge('low'),
            ` ${severities.low} `,
            pageLink('findings', '(all findings)'),
          ],
        ],
      ],
    },
    { type: 'chart', chart: { kind: 'weekly', title: 'Runs per week, all actions', weeks: model.weekly } },
    {
      type: 'chart',
      chart: {
        kind: 'rates',
        title: 'Success rate per action',
        items: model.actions
          .filter((a) => a.runs.runs > 0)
          .map((a) => ({ label: a.id, rate: a.runs.success_rate, runs: a.runs.runs })),
      },
    },
    { type: 'heading', level: 2, text: 'Top findings' },
    findingsTable(
      'Most severe and most recent findings',
      top,
      'No findings: every change and run checked out.',
    ),
    { type: 'heading', level: 2, text: 'Actions' },
    {
      type: 'table',
      caption: 'Actions with their runs in the period',
      columns: [
        { label: 'Action', rowHeader: true },
        { label: 'Status' },
        { label: 'Runs', numeric: true },
        { label: 'Success rate', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
        { label: 'Last run' },
        { label: 'Changes', numeric: true },
        { label: 'Findings', numeric: true },
      ],
      rows: model.actions.map((a) => [
        cell(actionLink(a.id), a.id),
        statusCell(a.definition?.status ?? 'unknown', a.definition?.deleted ?? false),
        num(formatCount(a.runs.runs), a.runs.runs),
        num(formatPercent(a.runs.success_rate), a.runs.success_rate),
        num(formatDuration(a.runs.p50_ms), a.runs.p50_ms),
        num(formatDuration(a.runs.p95_ms), a.runs.p95_ms),
        timeCell(a.runs.last_run_at),
        num(String(a.change_count), a.change_count),
        num(String(a.findings.total), a.findings.total),
      ]),
      empty: 'No actions.',
    },
    { type: 'heading', level: 2, text: 'Runbooks' },
    {
      type: 'table',
      caption: 'Runbooks with their step executions in the period',
      columns: [
        { label: 'Runbook', rowHeader: true },
        { label: 'Status' },
        { label: 'Runbook runs', numeric: true },
        { label: 'Step runs', numeric: true },
        { label: 'Success rate', numeric: true },
        { label: 'Last run' },
        { label: 'Changes', numeric: true },
      ],
      rows: model.runbooks.map((r) => [
        cell(pageLink(`runbooks/${r.id}`, r.id), r.id),
        statusCell(r.definition?.status ?? 'unknown', r.definition?.deleted ?? false),
        num(formatCount(r.runs.runbook_runs), r.runs.runbook_runs),
        num(formatCount(r.runs.runs), r.runs.runs),
        num(formatPercent(r.runs.success_rate), r.runs.success_rate),
        timeCell(r.runs.last_run_at),
        num(String(r.change_count), r.change_count),
      ]),
      empty: 'No runbooks.',
    },
  ];
  if (model.counts.runbook_runs > 0) blocks.push(latestRunbookRuns(model));
  return { id: 'index', title: `Audit report: ${model.repo.name}`, blocks };
}

/** The newest runbook runs, each linked to its page. */
function latestRunbookRuns(model: ReportModel): Block {
  return {
    type: 'table',
    caption: 'Latest runbook runs',
    columns: [
      { label: 'Runbook run', rowHeader: true },
      { label: 'Runbook' },
      { label: 'Started' },
      { label: 'Status' },
      { label: 'User' },
      { label: 'Trigger' },
    ],
    rows: model.runbooks
      .flatMap((r) => r.runbook_runs)
      .sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0))
      .slice(0, LATEST_RUNBOOK_RUNS)
      .map((run) => [
        cell(runbookRunLink(model, run.id), run.id),
        cell(pageLink(`runbooks/${run.runbook}`, run.runbook), run.runbook),
        timeCell(run.started_at),
        cell(badge(run.status), run.status),
        cell(run.user),
        cell(run.trigger),
      ]),
    empty: 'No runbook runs in this period.',
  };
}

function statusCell(status: string, deleted: boolean) {
  const content: Inline[] = [badge(status)];
  if (deleted) content.push(' deleted');
  return cell(content, status);
}
