import type { FixedPageContext, ReportModel } from '../report-model.js';
import { cell, num, pageLink, richText, type Block, type PageDocument } from '../report-document.js';
import { formatCount } from '../report-format.js';
import { badge, findingsTable, nav, periodLine, fixedPageContext } from './page-parts.js';

/** All the findings page reads of the model (the page cache's digest covers exactly this: page-cache.ts). */
export type FindingsPageInputs = FixedPageContext & Pick<ReportModel, 'findings'>;

export function findingsPageInputs(model: ReportModel): FindingsPageInputs {
  return { ...fixedPageContext(model), findings: model.findings };
}

/** Every compliance finding, grouped by kind (severity first), each with its evidence. */
export function buildFindingsPage(model: FindingsPageInputs): PageDocument {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: 'Compliance findings' },
    nav(),
    periodLine(model),
    {
      type: 'paragraph',
      content: [
        'Changes are judged by the role files just before the change; runs by the role files in force when they started. Every finding lists the commit, user, time and role files it rests on.',
      ],
    },
    {
      type: 'table',
      caption: 'Findings by kind',
      columns: [
        { label: 'Finding', rowHeader: true },
        { label: 'Severity' },
        { label: 'Count', numeric: true },
      ],
      rows: model.findings.map((g) => [
        cell(pageLink('findings', g.title, g.kind), g.title),
        cell(badge(g.severity), g.severity),
        num(formatCount(g.total), g.total),
      ]),
      empty: 'No findings.',
    },
  ];
  for (const g of model.findings) {
    blocks.push(
      { type: 'heading', level: 2, text: g.title, id: g.kind },
      { type: 'paragraph', content: [badge(g.severity), ' ', ...richText(g.why)] },
      findingsTable(
        // Captions name their kind: each table is a landmark, and landmarks on a page need distinct names.
        g.total > g.items.length
          ? `${g.title}: newest ${g.items.length} of ${formatCount(g.total)}`
          : `${g.title}: ${g.total === 1 ? 'the only one' : `all ${g.total}`}`,
        g.items,
        'None.',
      ),
    );
  }
  return { id: 'findings', title: 'Compliance findings', blocks };
}
