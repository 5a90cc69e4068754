import type { PageContext, RunbookReport } from '../report-model.js';
import { cell, num, pageLink, type Block, type PageDocument } from '../report-document.js';
import { formatCount, plural, formatDuration, formatPercent, formatTime } from '../report-format.js';
import {
  actionLink,
  badge,
  changeHistory,
  definitionPageHead,
  definitionFacts,
  findingsTable,
  rateFacts,
  runbookRunLink,
  runsTable,
  timeCell,
} from './page-parts.js';

/** One runbook: its definition and steps, step executions with rates, change history (steps included). */
export function buildRunbookPage(model: PageContext, r: RunbookReport): PageDocument {
  const d = r.definition;
  const blocks = definitionPageHead(
    model,
    `Runbook ${r.id}${d ? `: ${d.name}` : ''}`,
    d ? null : 'Executions name this runbook, but the tracked branch never had a definition with this id.',
  );
  if (d !== null) {
    blocks.push(definitionFacts(model, d), {
      type: 'table',
      caption: 'Steps in order',
      columns: [
        { label: 'Step', rowHeader: true },
        { label: 'Name' },
        { label: 'Action' },
        { label: 'When' },
        { label: 'Automatic' },
      ],
      rows: d.steps.map((s) => [
        cell({ code: s.id }),
        cell(s.name),
        cell(actionLink(s.action), s.action),
        cell(s.when),
        cell(s.automatic ? 'yes' : 'no'),
      ]),
      empty: 'No steps.',
    });
  }
  blocks.push(
    { type: 'heading', level: 2, text: 'Runs' },
    {
      type: 'facts',
      items: [
        ['Runbook runs', [formatCount(r.runs.runbook_runs)]],
        ...rateFacts(r.runs).map(([k, v]): [string, typeof v] => [k === 'Runs' ? 'Step executions' : k, v]),
        ['Last run', [formatTime(r.runs.last_run_at)]],
      ],
    },
    runbookRunsTable(model, r),
    {
      type: 'table',
      caption: 'Step executions per step',
      columns: [
        { label: 'Step', rowHeader: true },
        { label: 'Action' },
        { label: 'Runs', numeric: true },
        { label: 'Failed', numeric: true },
        { label: 'Success rate', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
      ],
      rows: r.steps.map((s) => [
        cell({ code: s.step }),
        cell(pageLink(`actions/${s.action}`, s.action), s.action),
        num(formatCount(s.summary.runs), s.summary.runs),
        num(formatCount(s.summary.failed), s.summary.failed),
        num(formatPercent(s.summary.success_rate), s.summary.success_rate),
        num(formatDuration(s.summary.p50_ms), s.summary.p50_ms),
        num(formatDuration(s.summary.p95_ms), s.summary.p95_ms),
      ]),
      empty: 'No step executions in this period.',
    },
    runsTable(
      model,
      `Latest ${r.recent.length} of ${plural(r.runs.runs, 'step execution')}, newest first`,
      r.recent,
      true,
    ),
    { type: 'heading', level: 2, text: 'Change history' },
    ...changeHistory(model, r.changes),
    { type: 'heading', level: 2, text: 'Findings' },
    findingsTable(`Findings about ${r.id}`, r.findings.items, 'No findings about this runbook.'),
  );
  return { id: `runbooks/${r.id}`, title: `Runbook ${r.id}`, blocks };
}

/** The latest runbook runs, each linked to its page (steps as a timeline). */
function runbookRunsTable(model: PageContext, r: RunbookReport): Block {
  const shown = r.runbook_runs.length;
  return {
    type: 'table',
    caption:
      shown === r.runs.runbook_runs
        ? `${plural(shown, 'runbook run')}, newest first`
        : `Latest ${shown} of ${plural(r.runs.runbook_runs, 'runbook run')}, newest first`,
    columns: [
      { label: 'Runbook run', rowHeader: true },
      { label: 'Started' },
      { label: 'Status' },
      { label: 'Duration', numeric: true },
      { label: 'User' },
      { label: 'Trigger' },
      { label: 'Steps' },
    ],
    rows: r.runbook_runs.map((run) => [
      cell(runbookRunLink(model, run.id), run.id),
      timeCell(run.started_at),
      cell(badge(run.status), run.status),
      num(formatDuration(run.duration_ms), run.duration_ms),
      cell(run.user),
      cell(run.trigger),
      cell(run.steps.map((s) => `${s.id} ${s.status}`).join(', ') || '–'),
    ]),
    empty: 'No runbook runs in this period.',
  };
}
