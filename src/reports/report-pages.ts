import { buildActionPage } from './pages/action-page.js';
import { buildCoveragePage, coveragePageInputs } from './pages/coverage-page.js';
import { buildFindingsPage, findingsPageInputs } from './pages/findings-page.js';
import { buildIndexPage } from './pages/index-page.js';
import { buildRunbookPage } from './pages/runbook-page.js';
import { buildRunbookRunPage } from './pages/runbook-run-page.js';
import { buildSchedulesPage, schedulesPageInputs } from './pages/schedules-page.js';
import { buildUsagePage, usagePageInputs } from './pages/usage-page.js';
import { buildUsersPage, usersPageInputs } from './pages/users-page.js';
import type { PageDocument, PageId } from './report-document.js';
import type { ReportModel } from './report-model.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

/**
 * A fixed page: what it reads of the model (`inputs`: null, the whole model) and its builder over exactly that. A page
 * with inputs is built from them alone, so its digest (page-cache.ts) covers everything it shows.
 */
interface FixedPage {
  inputs: ((model: ReportModel) => unknown) | null;
  build: (inputs: never) => PageDocument;
}

function fixed<I>(inputs: (model: ReportModel) => I, build: (inputs: I) => PageDocument): FixedPage {
  return { inputs, build };
}

const FIXED: Record<string, FixedPage> = {
  // The overview reads nearly all of the model, and changes with every run (the chain head) and commit.
  index: { inputs: null, build: buildIndexPage },
  findings: fixed(findingsPageInputs, buildFindingsPage),
  usage: fixed(usagePageInputs, buildUsagePage),
  users: fixed(usersPageInputs, buildUsersPage),
  coverage: fixed(coveragePageInputs, buildCoveragePage),
  schedules: fixed(schedulesPageInputs, buildSchedulesPage),
};

/** The inputs of each fixed page that has them (the overview has none: it is always rendered). Pure. */
export function fixedPageInputs(model: ReportModel): Map<PageId, unknown> {
  const inputs = new Map<PageId, unknown>();
  for (const [page, f] of Object.entries(FIXED)) if (f.inputs) inputs.set(page, f.inputs(model));
  return inputs;
}

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
  const fixedPage = FIXED[page];
  if (fixedPage)
    return (fixedPage.build as (inputs: unknown) => PageDocument)(
      fixedPage.inputs ? fixedPage.inputs(model) : model,
    );
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
