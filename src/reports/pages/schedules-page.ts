import type { FixedPageContext, ReportModel, ScheduleAdherence } from '../report-model.js';
import { cell, num, pageLink, type Inline, type PageDocument } from '../report-document.js';
import { formatCount, formatDuration, formatPercent, plural } from '../report-format.js';
import { nav, periodLine, timeCell, fixedPageContext } from './page-parts.js';

/** All the schedules page reads of the model (the page cache's digest covers exactly this: page-cache.ts). */
export type SchedulesPageInputs = FixedPageContext &
  Pick<ReportModel, 'schedules'> & {
    actions: readonly { id: string }[];
    runbooks: readonly { id: string }[];
  };

export function schedulesPageInputs(model: ReportModel): SchedulesPageInputs {
  return {
    ...fixedPageContext(model),
    schedules: model.schedules,
    actions: model.actions.map((a) => ({ id: a.id })),
    runbooks: model.runbooks.map((r) => ({ id: r.id })),
  };
}

/** Schedule adherence: per scheduled action or runbook, planned against started firings, lateness, missed, skipped. */
export function buildSchedulesPage(model: SchedulesPageInputs): PageDocument {
  const pages = new Set([
    ...model.actions.map((a) => `actions/${a.id}`),
    ...model.runbooks.map((r) => `runbooks/${r.id}`),
  ]);
  const link = (s: ScheduleAdherence): Inline => {
    const page = `${s.kind === 'action' ? 'actions' : 'runbooks'}/${s.id}`;
    return pages.has(page) ? pageLink(page, s.id) : { code: s.id };
  };
  const missed = model.schedules.reduce((n, s) => n + s.missed, 0);
  const skipped = model.schedules.reduce((n, s) => n + s.skipped, 0);
  return {
    id: 'schedules',
    title: 'Schedule adherence',
    blocks: [
      { type: 'heading', level: 1, text: 'Schedule adherence' },
      nav(),
      periodLine(model),
      {
        type: 'paragraph',
        content: [
          `${plural(model.schedules.length, 'schedule')}; ${plural(missed, 'firing')} missed, ${plural(skipped, 'firing')} skipped in the period. `,
          'Planned counts the firings the scheduler recorded: those that started, those it recorded as ',
          { code: 'missed' },
          ' (while no scheduler ran) and ',
          { code: 'skipped' },
          ' (the previous run still ran, ',
          { code: 'overlap: skip' },
          '). Late is the start minus the planned time of the runs that started.',
        ],
      },
      {
        type: 'table',
        caption: 'Planned and started firings per schedule',
        columns: [
          { label: 'Definition', rowHeader: true },
          { label: 'Kind' },
          { label: 'Schedule' },
          { label: 'Planned', numeric: true },
          { label: 'Started', numeric: true },
          { label: 'Late p50', numeric: true },
          { label: 'Late max', numeric: true },
          { label: 'Missed', numeric: true },
          { label: 'Skipped', numeric: true },
          { label: 'Success rate', numeric: true },
          { label: 'Last planned' },
        ],
        rows: model.schedules.map((s) => [
          cell(link(s), s.id),
          cell(s.kind),
          cell(s.schedule === null ? 'no longer scheduled' : { code: s.schedule }),
          num(formatCount(s.planned), s.planned),
          num(formatCount(s.started), s.started),
          num(formatDuration(s.late_p50_ms), s.late_p50_ms),
          num(formatDuration(s.late_max_ms), s.late_max_ms),
          num(s.missed === 0 ? '0' : `${formatCount(s.missed)} (${plural(s.outages, 'outage')})`, s.missed),
          num(formatCount(s.skipped), s.skipped),
          num(
            s.success_rate === null
              ? '–'
              : `${formatPercent(s.success_rate)} of ${formatCount(s.succeeded + s.failed)}`,
            s.success_rate,
          ),
          timeCell(s.last_planned_at),
        ]),
        empty: 'No scheduled definitions and no scheduled firings in this period.',
      },
    ],
  };
}
