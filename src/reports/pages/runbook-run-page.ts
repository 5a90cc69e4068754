import type { ReportModel, RunbookReport, RunbookRunEntry, RunbookStepEntry } from '../report-model.js';
import { cell, num, pageLink, type Block, type Inline, type PageDocument } from '../report-document.js';
import { formatDuration, formatTime, plural } from '../report-format.js';
import { actionLink, badge, commitRef, nav, periodLine, timeCell } from './page-parts.js';

/**
 * One runbook run: who started it and how, what it ran with (secrets redacted), and its steps as a timeline — status,
 * start (and offset from the run's start), duration, who confirmed or rejected, why a step was skipped — with one row
 * per execution of a step (repetitions).
 */
export function buildRunbookRunPage(
  model: ReportModel,
  runbook: RunbookReport,
  run: RunbookRunEntry,
): PageDocument {
  const start = Date.parse(run.started_at);
  const executions = run.steps.flatMap((s) => s.executions.map((e) => ({ step: s, e })));
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `Runbook run ${run.id}` },
    nav(),
    periodLine(model),
    {
      type: 'facts',
      items: [
        ['Runbook', [pageLink(`runbooks/${runbook.id}`, runbook.id)]],
        ['Status', [badge(run.status)]],
        ['Started', [formatTime(run.started_at)]],
        ...(run.planned_at ? [['Planned', [formatTime(run.planned_at)]] as [string, Inline[]]] : []),
        ['Finished', [run.finished_at === null ? 'not yet' : formatTime(run.finished_at)]],
        ['Duration', [formatDuration(run.duration_ms)]],
        ['Initiator', [run.user]],
        ['Trigger', [run.trigger]],
        ['Pinned to', [run.version, ' at ', commitRef(model, run.pinned_commit)]],
        ['Targets', [run.targets.join(', ') || '– (each step’s own)']],
        ['Steps', [stepSummary(run.steps)]],
        ...(run.cancel_requested
          ? [
              [
                'Cancel requested',
                [`by ${run.cancel_requested.user} at ${formatTime(run.cancel_requested.at)}`],
              ] as [string, Inline[]],
            ]
          : []),
        ...(run.error ? [['Error', [run.error]] as [string, Inline[]]] : []),
      ],
    },
    {
      type: 'table',
      caption: 'Parameters of the run',
      columns: [{ label: 'Parameter', rowHeader: true }, { label: 'Value' }],
      rows: run.parameters.map((p) => [
        cell({ code: p.name }),
        cell(p.redacted ? badge('redacted (secret)') : { code: p.value }),
      ]),
      empty: 'No parameters.',
    },
    { type: 'heading', level: 2, text: 'Timeline' },
    {
      type: 'table',
      caption: 'Steps in order',
      columns: [
        { label: 'Step', rowHeader: true },
        { label: 'Action' },
        { label: 'Status' },
        { label: 'Started' },
        { label: 'After', numeric: true },
        { label: 'Duration', numeric: true },
        { label: 'Runs', numeric: true },
        { label: 'Exit', numeric: true },
        { label: 'Decided by' },
        { label: 'Note' },
      ],
      rows: run.steps.map((s) => {
        const at = s.started_at === null ? null : Date.parse(s.started_at) - start;
        return [
          cell({ code: s.id }, s.id),
          cell(actionLink(s.action), s.action),
          cell(badge(s.status), s.status),
          timeCell(s.started_at),
          num(at === null ? '–' : `+${formatDuration(Math.max(0, at))}`, at),
          num(formatDuration(s.duration_ms), s.duration_ms),
          num(String(s.executions.length), s.executions.length),
          num(s.exit_code === null ? '–' : String(s.exit_code), s.exit_code),
          cell(decision(s)),
          cell(s.reason ?? '–'),
        ];
      }),
      empty: 'No steps recorded.',
    },
    {
      type: 'table',
      caption: 'Step executions, one per repetition',
      columns: [
        { label: 'Execution', rowHeader: true },
        { label: 'Step' },
        { label: 'Attempt', numeric: true },
        { label: 'Status' },
        { label: 'Started' },
        { label: 'Duration', numeric: true },
        { label: 'Exit', numeric: true },
      ],
      rows: executions.map(({ step, e }) => [
        cell({ code: e.id }, e.id),
        cell({ code: step.id }, step.id),
        num(String(e.attempt), e.attempt),
        cell(badge(e.status), e.status),
        timeCell(e.started_at),
        num(formatDuration(e.duration_ms), e.duration_ms),
        num(e.exit_code === null ? '–' : String(e.exit_code), e.exit_code),
      ]),
      empty: 'No step ran.',
    },
  ];
  return { id: `runbook_runs/${run.id}`, title: `Runbook run ${run.id} (${runbook.id})`, blocks };
}

function decision(s: RunbookStepEntry): Inline[] {
  if (s.decided_by === null) return ['–'];
  return [`${s.decided_by.decision} by ${s.decided_by.user}`, { br: true }, formatTime(s.decided_by.at)];
}

/** "2 succeeded, 1 skipped" in step order of first appearance. */
function stepSummary(steps: readonly RunbookStepEntry[]): string {
  if (steps.length === 0) return 'none recorded';
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  return `${plural(steps.length, 'step')}: ${parts.join(', ')}`;
}
