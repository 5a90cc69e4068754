import type { ActionReport, ReportModel } from '../report-model.js';
import { cell, num, type Inline, type PageDocument } from '../report-document.js';
import { formatCount, formatDuration, formatPercent, formatTime } from '../report-format.js';
import {
  changeHistory,
  definitionPageHead,
  commitRef,
  definitionFacts,
  findingsTable,
  rateFacts,
  runsTable,
  timeCell,
} from './page-parts.js';

/** Fence languages of the script shells (GitHub highlights them). */
const LANGUAGES: Record<string, string> = {
  bash: 'bash',
  sh: 'sh',
  node: 'js',
  python: 'python',
  pwsh: 'powershell',
};

/** One action: its definition, runs, per-version rates, change → outcome timeline, history, targets, findings. */
export function buildActionPage(model: ReportModel, a: ActionReport): PageDocument {
  const d = a.definition;
  const blocks = definitionPageHead(
    model,
    `Action ${a.id}${d ? `: ${d.name}` : ''}`,
    d ? null : 'Runs name this action, but the tracked branch never had a definition with this id.',
  );
  if (d !== null) {
    blocks.push(definitionFacts(model, d), {
      type: 'table',
      caption: 'Parameters',
      columns: [
        { label: 'Name', rowHeader: true },
        { label: 'Type' },
        { label: 'Required' },
        { label: 'Secret' },
        { label: 'Default' },
        { label: 'Notes' },
      ],
      rows: d.parameters.map((p) => [
        cell({ code: p.name }),
        cell(p.type),
        cell(p.required ? 'yes' : 'no'),
        cell(p.secret ? 'yes' : 'no'),
        cell(p.default === '' ? '–' : { code: p.default }),
        cell(p.notes || '–'),
      ]),
      empty: 'No parameters.',
    });
    if (d.script?.inline)
      blocks.push({
        type: 'code',
        summary: `Script (${d.script.shell})`,
        text: d.script.inline,
        language: LANGUAGES[d.script.shell] ?? '',
      });
  }

  const purged: [string, Inline[]][] =
    a.runs.purged > 0
      ? [['Purged by retention', [`${formatCount(a.runs.purged)} runs (see the usage page)`]]]
      : [];
  blocks.push(
    { type: 'heading', level: 2, text: 'Runs' },
    {
      type: 'facts',
      items: [...rateFacts(a.runs), ['Last run', [formatTime(a.runs.last_run_at)]], ...purged],
    },
    { type: 'chart', chart: { kind: 'weekly', title: `Runs per week of ${a.id}`, weeks: a.weekly } },
    {
      type: 'chart',
      chart: {
        kind: 'histogram',
        title: `Duration distribution of ${a.id}`,
        buckets: a.durations.map((b) => ({ label: b.bucket, count: b.count })),
      },
    },
    {
      type: 'table',
      caption: 'Success rate and duration per version ran',
      columns: [
        { label: 'Version', rowHeader: true },
        { label: 'Commit' },
        { label: 'Runs', numeric: true },
        { label: 'Failed', numeric: true },
        { label: 'Success rate', numeric: true },
        { label: 'p50', numeric: true },
        { label: 'p95', numeric: true },
      ],
      rows: a.versions.map((v) => [
        cell(v.version),
        cell(commitRef(model, v.commit), v.commit ?? ''),
        num(formatCount(v.runs), v.runs),
        num(formatCount(v.failed), v.failed),
        num(formatPercent(v.success_rate), v.success_rate),
        num(formatDuration(v.p50_ms), v.p50_ms),
        num(formatDuration(v.p95_ms), v.p95_ms),
      ]),
      empty: 'No runs in this period.',
    },
    runsTable(model, `Latest ${a.recent.length} of ${formatCount(a.runs.runs)} runs, newest first`, a.recent),
    { type: 'heading', level: 2, text: 'Change → outcome timeline' },
    {
      type: 'paragraph',
      content: [
        'Failure rate of the runs just before each change against the runs just after it (failed and timed-out runs over finished runs).',
      ],
    },
    {
      type: 'table',
      caption: 'Failure rate before and after each change',
      columns: [
        { label: 'Version', rowHeader: true },
        { label: 'Changed' },
        { label: 'By' },
        { label: 'Fields' },
        { label: 'Before', numeric: true },
        { label: 'After', numeric: true },
        { label: 'Change', numeric: true },
      ],
      rows: a.outcomes.map((o) => {
        const delta = o.before.rate === null || o.after.rate === null ? null : o.after.rate - o.before.rate;
        return [
          cell([`v${o.version} `, commitRef(model, o.commit)], o.version),
          timeCell(o.created_at),
          cell(o.user),
          cell(o.fields.flatMap((f, i): Inline[] => (i === 0 ? [{ code: f }] : [', ', { code: f }]))),
          num(`${formatPercent(o.before.rate)} of ${o.before.runs}`, o.before.rate),
          num(`${formatPercent(o.after.rate)} of ${o.after.runs}`, o.after.rate),
          delta === null
            ? num('–', null)
            : {
                content: [
                  {
                    badge: `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)} pts`,
                    tone: delta > 0 ? 'bad' : delta < 0 ? 'ok' : 'neutral',
                  },
                ],
                sort: delta,
              },
        ];
      }),
      empty: 'No changes to this action in the period.',
    },
    { type: 'heading', level: 2, text: 'Change history' },
    ...changeHistory(model, a.changes),
    { type: 'heading', level: 2, text: 'Targets' },
    {
      type: 'table',
      caption: 'Systems this action touched',
      columns: [
        { label: 'Target', rowHeader: true },
        { label: 'Runs', numeric: true },
        { label: 'Last run' },
      ],
      rows: a.targets.map((t) => [
        cell({ code: t.target }),
        num(formatCount(t.runs), t.runs),
        timeCell(t.last_run_at),
      ]),
      empty: 'No run named a target.',
    },
    {
      type: 'paragraph',
      content: [
        a.untouched_targets.length === 0
          ? 'Every target the definition names was touched by a run.'
          : `Named in the definition but not touched by any run: ${a.untouched_targets.join(', ')}.`,
      ],
    },
    { type: 'heading', level: 2, text: 'Findings' },
    findingsTable(
      a.findings.total > a.findings.items.length
        ? `Latest ${a.findings.items.length} of ${formatCount(a.findings.total)} findings about ${a.id}`
        : `Findings about ${a.id}`,
      a.findings.items,
      'No findings about this action.',
    ),
  );
  return { id: `actions/${a.id}`, title: `Action ${a.id}`, blocks };
}
