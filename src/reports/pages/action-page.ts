import { MIN_OUTCOME_RUNS } from '../build-action-report.js';
import type { ActionReport, OutcomeEntry, OutcomeSide, PageContext } from '../report-model.js';
import { cell, num, type Block, type Cell, type Inline, type PageDocument } from '../report-document.js';
import { formatCount, plural, formatDuration, formatPercent, formatTime } from '../report-format.js';
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
export function buildActionPage(model: PageContext, a: ActionReport): PageDocument {
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
      ? [['Purged by retention', [`${plural(a.runs.purged, 'run')} (see the usage page)`]]]
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
    runsTable(model, `Latest ${a.recent.length} of ${plural(a.runs.runs, 'run')}, newest first`, a.recent),
    { type: 'heading', level: 2, text: 'Change → outcome timeline' },
    ...outcomeBlocks(model, a),
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
        ? `Latest ${a.findings.items.length} of ${plural(a.findings.total, 'finding')} about ${a.id}`
        : `Findings about ${a.id}`,
      a.findings.items,
      'No findings about this action.',
    ),
  );
  return { id: `actions/${a.id}`, title: `Action ${a.id}`, blocks };
}

/**
 * The change → outcome table: what it compares (the failure rate of up to `outcome_window` runs on each side of a
 * change), how many finished runs each side has, and no difference at all below MIN_OUTCOME_RUNS on either side.
 */
function outcomeBlocks(model: PageContext, a: ActionReport): Block[] {
  const side = (s: OutcomeSide): Cell => num(`${formatPercent(s.rate)} failed, n=${s.finished}`, s.rate);
  return [
    {
      type: 'paragraph',
      content: [
        `Each row compares the failure rate (failed and timed-out runs over finished runs) of up to ${a.outcome_window} runs started just before a change with up to ${a.outcome_window} runs started just after it; n is the number of finished runs on each side. With fewer than ${MIN_OUTCOME_RUNS} finished runs on either side the rows say "too few runs to compare": a difference over a handful of runs is not a trend.`,
      ],
    },
    {
      type: 'table',
      caption: `Failure rate before and after each change to ${a.id}`,
      columns: [
        { label: 'Version', rowHeader: true },
        { label: 'Changed' },
        { label: 'By' },
        { label: 'Fields' },
        { label: 'Before', numeric: true },
        { label: 'After', numeric: true },
        { label: 'Runs compared' },
        { label: 'Change', numeric: true },
      ],
      rows: a.outcomes.map((o) => [
        cell([`v${o.version} `, commitRef(model, o.commit)], o.version),
        timeCell(o.created_at),
        cell(o.user),
        cell(o.fields.flatMap((f, i): Inline[] => (i === 0 ? [{ code: f }] : [', ', { code: f }]))),
        side(o.before),
        side(o.after),
        cell(`n=${o.before.finished} before / n=${o.after.finished} after`),
        deltaCell(o),
      ]),
      empty: 'No changes to this action in the period.',
    },
  ];
}

/** The difference in points, marked worse or better; or why there is none. */
function deltaCell(o: OutcomeEntry): Cell {
  if (!o.comparable) return { content: ['too few runs to compare'], sort: -1 };
  if (o.before.rate === null || o.after.rate === null) return num('–', null);
  const delta = o.after.rate - o.before.rate;
  const points = `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)} pts`;
  const text = delta > 0 ? `${points}, worse` : delta < 0 ? `${points}, better` : `${points}, same`;
  return { content: [{ badge: text, tone: delta > 0 ? 'bad' : delta < 0 ? 'ok' : 'neutral' }], sort: delta };
}
