import type { FixedPageContext, ReportModel } from '../report-model.js';
import { cell, num, type Inline, type PageDocument } from '../report-document.js';
import { formatCount } from '../report-format.js';
import { actionLink, nav, periodLine, timeCell, fixedPageContext } from './page-parts.js';

/** All the coverage page reads of the model (the page cache's digest covers exactly this: page-cache.ts). */
export type CoveragePageInputs = FixedPageContext & Pick<ReportModel, 'coverage'>;

export function coveragePageInputs(model: ReportModel): CoveragePageInputs {
  return { ...fixedPageContext(model), coverage: model.coverage };
}

/** Automation coverage across target systems: what touched each system, and named systems nothing touched. */
export function buildCoveragePage(model: CoveragePageInputs): PageDocument {
  const links = (ids: readonly string[]): Inline[] =>
    ids.flatMap((id, i): Inline[] => {
      const link = id.includes('/') ? id : actionLink(id);
      return i === 0 ? [link] : [', ', link];
    });
  return {
    id: 'coverage',
    title: 'Target coverage',
    blocks: [
      { type: 'heading', level: 1, text: 'Target coverage' },
      nav(),
      periodLine(model),
      { type: 'heading', level: 2, text: 'Systems touched' },
      {
        type: 'table',
        caption: 'Target systems and the actions that ran against them',
        columns: [
          { label: 'Target', rowHeader: true },
          { label: 'Actions', numeric: true },
          { label: 'Runs', numeric: true },
          { label: 'Last run' },
          { label: 'By actions' },
        ],
        rows: model.coverage.targets.map((t) => [
          cell({ code: t.target }, t.target),
          num(String(t.actions.length), t.actions.length),
          num(formatCount(t.runs), t.runs),
          timeCell(t.last_run_at),
          cell(links(t.actions)),
        ]),
        empty: 'No run named a target in this period.',
      },
      { type: 'heading', level: 2, text: 'Systems never touched' },
      {
        type: 'table',
        caption: 'Targets named in definitions that no run touched in the period',
        columns: [{ label: 'Target', rowHeader: true }, { label: 'Named by' }],
        rows: model.coverage.untouched.map((t) => [
          cell({ code: t.target }, t.target),
          cell(links(t.named_by)),
        ]),
        empty: 'Every target named in a definition was touched.',
      },
    ],
  };
}
