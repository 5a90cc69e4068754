import { buildActionPage } from './pages/action-page.js';
import { buildCoveragePage } from './pages/coverage-page.js';
import { buildFindingsPage } from './pages/findings-page.js';
import { buildIndexPage } from './pages/index-page.js';
import { buildRunbookPage } from './pages/runbook-page.js';
import { buildRunbookRunPage } from './pages/runbook-run-page.js';
import { buildSchedulesPage } from './pages/schedules-page.js';
import { buildUsagePage } from './pages/usage-page.js';
import { buildUsersPage } from './pages/users-page.js';
import type { PageDocument, PageId } from './report-document.js';
import type { ReportModel } from './report-model.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

const FIXED: Record<string, (model: ReportModel) => PageDocument> = {
  index: buildIndexPage,
  findings: buildFindingsPage,
  usage: buildUsagePage,
  users: buildUsersPage,
  coverage: buildCoveragePage,
  schedules: buildSchedulesPage,
};

/**
 * Every page of a report, in a stable order: the fixed pages, then one per action, per runbook and per runbook run
 * (the latest of each runbook, docs/reports.md).
 */
export function listPages(model: ReportModel): PageId[] {
  return [
    ...Object.keys(FIXED),
    ...model.actions.map((a) => `actions/${a.id}`),
    ...model.runbooks.map((r) => `runbooks/${r.id}`),
    ...model.runbooks.flatMap((r) => r.runbook_runs.map((run) => `runbook_runs/${run.id}`)),
  ];
}

/** The document of one page. */
export function buildPage(model: ReportModel, page: PageId): PageDocument {
  const fixed = FIXED[page];
  if (fixed) return fixed(model);
  const [folder, id] = page.split('/');
  const action = folder === 'actions' ? model.actions.find((a) => a.id === id) : undefined;
  if (action) return buildActionPage(model, action);
  const runbook = folder === 'runbooks' ? model.runbooks.find((r) => r.id === id) : undefined;
  if (runbook) return buildRunbookPage(model, runbook);
  if (folder === 'runbook_runs') {
    for (const r of model.runbooks) {
      const run = r.runbook_runs.find((x) => x.id === id);
      if (run) return buildRunbookRunPage(model, r, run);
    }
  }
  throw new OpsledgerError('NOT_FOUND', `no report page ${page}`, {
    hint: 'List the pages with listPages(model).',
  });
}

/** The path of `target` relative to the page `from` (pages live at most one folder deep). */
export function relativeHref(from: PageId, target: PageId, ext: string, anchor?: string): string {
  const up = from.includes('/') ? '../' : '';
  return `${up}${target}.${ext}${anchor === undefined ? '' : `#${anchor}`}`;
}
