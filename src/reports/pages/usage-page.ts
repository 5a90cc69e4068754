import type { ActionReport, FixedPageContext, ReportModel } from '../report-model.js';
import { cell, num, type Block, type PageDocument } from '../report-document.js';
import { formatCount, formatDuration, formatPercent } from '../report-format.js';
import { actionLink, nav, periodLine, fixedPageContext } from './page-parts.js';

/** All the usage page reads of the model (the page cache's digest covers exactly this: page-cache.ts). */
export type UsagePageInputs = FixedPageContext &
  Pick<ReportModel, 'weekly' | 'usage' | 'rollups'> & {
    actions: readonly Pick<ActionReport, 'id' | 'runs'>[];
  };

export function usagePageInputs(model: ReportModel): UsagePageInputs {
  return {
    ...fixedPageContext(model),
    weekly: model.weekly,
    usage: model.usage,
    rollups: model.rollups,
    actions: model.actions.map((a) => ({ id: a.id, runs: a.runs })),
  };
}

/** Usage frequency (runs per action per ISO week), success and failure rates, and purged history from rollups. */
export function buildUsagePage(model: UsagePageInputs): PageDocument {
  const weeks = model.usage.weeks;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: 'Usage' },
    nav(),
    periodLine(model),
    { type: 'chart', chart: { kind: 'weekly', title: 'Runs per week, all actions', weeks: model.weekly } },
    { type: 'heading', level: 2, text: 'Runs per action per week' },
    {
      type: 'table',
      caption:
        weeks.length < model.weekly.length
          ? `Runs per action in the last ${weeks.length} ISO weeks of the period (each action page has its full series)`
          : 'Runs per action per ISO week',
      columns: [
        { label: 'Action', rowHeader: true },
        ...weeks.map((w) => ({ label: w, numeric: true })),
        { label: 'Period total', numeric: true },
      ],
      rows: model.usage.rows.map((r) => [
        cell(actionLink(r.action), r.action),
        ...r.counts.map((c) => num(formatCount(c), c)),
        num(formatCount(r.total), r.total),
      ]),
      empty: 'No runs in this period.',
    },
    { type: 'heading', level: 2, text: 'Success and failure rates' },
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
    {
      type: 'table',
      caption: 'Outcomes per action (timed-out runs count as failed; cancelled and denied as other)',
      columns: [
        { label: 'Action', rowHeader: true },
        { label: 'Runs', numeric: true },
        { label: 'Succeeded', numeric: true },
        { label: 'Failed', numeric: true },
        { label: 'Other', numeric: true },
        { label: 'Success rate', numeric: true },
        { label: 'Failure rate', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
      ],
      rows: model.actions
        .filter((a) => a.runs.runs > 0)
        .map((a) => {
          const failure = a.runs.success_rate === null ? null : 1 - a.runs.success_rate;
          return [
            cell(actionLink(a.id), a.id),
            num(formatCount(a.runs.runs), a.runs.runs),
            num(formatCount(a.runs.succeeded), a.runs.succeeded),
            num(formatCount(a.runs.failed), a.runs.failed),
            num(formatCount(a.runs.other), a.runs.other),
            num(formatPercent(a.runs.success_rate), a.runs.success_rate),
            num(formatPercent(failure), failure),
            num(formatDuration(a.runs.p50_ms), a.runs.p50_ms),
            num(formatDuration(a.runs.p95_ms), a.runs.p95_ms),
          ];
        }),
      empty: 'No runs in this period.',
    },
    { type: 'heading', level: 2, text: 'Purged history' },
    {
      type: 'paragraph',
      content: [
        'Runs purged by the retention policy survive as monthly rollups per action; they are not in the tables above.',
      ],
    },
    {
      type: 'table',
      caption: 'Retention rollups per action and month',
      columns: [
        { label: 'Action', rowHeader: true },
        { label: 'Month' },
        { label: 'Succeeded', numeric: true },
        { label: 'Failed', numeric: true },
        { label: 'Other', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
        { label: 'Users', numeric: true },
        { label: 'Targets', numeric: true },
      ],
      rows: model.rollups.map((r) => {
        const c = r.counts;
        const failed = (c.failed ?? 0) + (c.timed_out ?? 0);
        const other = (c.cancelled ?? 0) + (c.denied ?? 0) + (c.running ?? 0);
        return [
          cell(actionLink(r.action_id), r.action_id),
          cell(r.month),
          num(formatCount(c.succeeded ?? 0), c.succeeded ?? 0),
          num(formatCount(failed), failed),
          num(formatCount(other), other),
          num(formatDuration(r.p50_ms), r.p50_ms),
          num(formatDuration(r.p95_ms), r.p95_ms),
          num(String(r.users.length), r.users.length),
          num(String(r.targets.length), r.targets.length),
        ];
      }),
      empty: 'Nothing was purged in this period.',
    },
  ];
  return { id: 'usage', title: 'Usage', blocks };
}
