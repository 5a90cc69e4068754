import type {
  ChangeEntry,
  ComplianceFinding,
  DefinitionSummary,
  FixedPageContext,
  PageContext,
  RunEntry,
} from '../report-model.js';
import {
  cell,
  num,
  pageLink,
  slug,
  statusTone,
  type Block,
  type Cell,
  type Inline,
} from '../report-document.js';
import { formatCount, formatDuration, formatPercent, formatTime, shortSha } from '../report-format.js';

/** The navigation bar every page starts with. */
export function nav(): Block {
  return {
    type: 'nav',
    items: [
      { page: 'index', text: 'Overview' },
      { page: 'findings', text: 'Findings' },
      { page: 'usage', text: 'Usage' },
      { page: 'users', text: 'Users and roles' },
      { page: 'coverage', text: 'Coverage' },
      { page: 'schedules', text: 'Schedules' },
    ],
  };
}

/** What every fixed page reads of the model besides its own inputs: its head and the HTML footer's time. */
export function fixedPageContext(model: FixedPageContext): FixedPageContext {
  const { name, branch, web_url } = model.repo;
  return {
    generated_at: model.generated_at,
    period: model.period,
    pseudonymized: model.pseudonymized,
    repo: { name, branch, web_url },
  };
}

/** The period line under a page title. */
export function periodLine(model: Pick<PageContext, 'period' | 'repo' | 'pseudonymized'>): Block {
  return {
    type: 'paragraph',
    content: [
      `Period ${model.period.since === null ? 'from the start' : formatTime(model.period.since)} to ${formatTime(model.period.until)} · `,
      `${model.repo.name}, branch `,
      { code: model.repo.branch },
      model.pseudonymized ? ' · people shown as pseudonyms' : '',
    ],
  };
}

/**
 * The opening of an action or runbook page: title, navigation, period and the Definition heading, followed by
 * `missing` as a paragraph when the tracked branch never had the definition (runs name an unknown id).
 */
export function definitionPageHead(model: PageContext, title: string, missing: string | null): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    nav(),
    periodLine(model),
    { type: 'heading', level: 2, text: 'Definition' },
  ];
  if (missing !== null) blocks.push({ type: 'paragraph', content: [missing] });
  return blocks;
}

/** A commit as code, linked to the code host when the repo has a web address. */
export function commitRef(model: PageContext, sha: string | null): Inline {
  if (sha === null) return '–';
  if (model.repo.web_url)
    return { link: { url: `${model.repo.web_url}/commit/${sha}` }, text: shortSha(sha) };
  return { code: shortSha(sha) };
}

export function timeCell(iso: string | null): Cell {
  return cell(formatTime(iso), iso ?? '');
}

export function badge(text: string): Inline {
  return { badge: text, tone: statusTone(text) };
}

export function actionLink(id: string): Inline {
  return pageLink(`actions/${id}`, id);
}

const RUN_PAGES = new WeakMap<PageContext, ReadonlySet<string>>();

/** The runbook runs of the model that have a page. */
export function runbookRunPages(model: PageContext): ReadonlySet<string> {
  let ids = RUN_PAGES.get(model);
  if (!ids)
    RUN_PAGES.set(model, (ids = new Set(model.runbooks.flatMap((r) => r.runbook_runs.map((x) => x.id)))));
  return ids;
}

/** A runbook run id, linked to its page when the report has one. */
export function runbookRunLink(model: PageContext, id: string, text = id): Inline {
  return runbookRunPages(model).has(id) ? pageLink(`runbook_runs/${id}`, text) : { code: text };
}

/** The recent-runs table of an action or runbook page. */
export function runsTable(
  model: PageContext,
  caption: string,
  runs: readonly RunEntry[],
  showAction = false,
): Block {
  return {
    type: 'table',
    caption,
    columns: [
      { label: 'Run', rowHeader: true },
      ...(showAction ? [{ label: 'Action' }] : []),
      { label: 'Started' },
      { label: 'Status' },
      { label: 'Duration', numeric: true },
      { label: 'User' },
      { label: 'Trigger' },
      { label: 'Targets' },
      { label: 'Parameters' },
      { label: 'Version ran' },
    ],
    rows: runs.map((r) => [
      cell({ code: r.id }),
      ...(showAction
        ? [
            cell(
              r.step === null
                ? [actionLink(r.action)]
                : [
                    actionLink(r.action),
                    ` (step ${r.step} of `,
                    r.runbook_run === null ? 'a runbook run' : runbookRunLink(model, r.runbook_run),
                    ')',
                  ],
              r.action,
            ),
          ]
        : []),
      timeCell(r.started_at),
      cell(badge(r.status), r.status),
      num(formatDuration(r.duration_ms), r.duration_ms),
      cell(r.user),
      cell(
        showAction || r.step === null
          ? [r.trigger]
          : [
              `${r.trigger} (step ${r.step} of `,
              r.runbook_run === null ? 'a runbook run' : runbookRunLink(model, r.runbook_run),
              ')',
            ],
      ),
      cell(r.targets.join(', ') || '–'),
      cell(parametersInline(r.parameters)),
      cell([r.version, ' ', commitRef(model, r.commit)], r.version),
    ]),
    empty: 'No runs in this period.',
  };
}

/** `name=value` per parameter, one a line; a secret shows its name only, marked redacted. */
function parametersInline(parameters: RunEntry['parameters']): Inline[] {
  if (parameters.length === 0) return ['–'];
  return parameters.flatMap((p, i): Inline[] => [
    ...(i > 0 ? [{ br: true } as const] : []),
    ...(p.redacted ? [{ code: p.name }, ' (secret, redacted)'] : [{ code: `${p.name}=${p.value}` }]),
  ]);
}

/** Facts about a definition's current (or last) state. */
export function definitionFacts(model: PageContext, d: DefinitionSummary): Block {
  const items: [string, Inline[]][] = [
    ['Status', [badge(d.status), d.deleted ? ' (deleted)' : '']],
    ['Name', [d.name]],
    ['Owner', [d.owner]],
    [
      'Version',
      [`v${d.version}, `, commitRef(model, d.commit), d.updated_at ? `, ${formatTime(d.updated_at)}` : ''],
    ],
    ['File', [{ code: d.path }]],
  ];
  if (d.tags.length > 0) items.push(['Tags', [d.tags.join(', ')]]);
  if (d.description) items.push(['Description', [d.description]]);
  for (const [label, value] of d.fields) items.push([label, [value]]);
  return { type: 'facts', items };
}

/** The field-level change history, newest first: one heading per change with its pointer → old/new table. */
export function changeHistory(model: PageContext, changes: readonly ChangeEntry[]): Block[] {
  if (changes.length === 0) return [{ type: 'paragraph', content: ['No changes in this period.'] }];
  const blocks: Block[] = [];
  for (const c of [...changes].reverse()) {
    const title =
      `${c.type === 'Runbook::Step' ? `Step ${c.subject.split('/')[1] ?? c.subject}` : ''} v${c.version} ${c.action} · ${formatTime(c.created_at)} · ${c.user}`.trim();
    blocks.push({ type: 'heading', level: 3, text: title, id: slug(`change-${c.subject}-v${c.version}`) });
    const facts: [string, Inline[]][] = [
      ['Commit', [commitRef(model, c.commit)]],
      ['Message', [c.message]],
    ];
    if (c.pull_request !== null) facts.push(['Pull request', [`#${c.pull_request}`]]);
    if (c.revert_of !== null) facts.push(['Reverts', [commitRef(model, c.revert_of)]]);
    blocks.push({ type: 'facts', items: facts });
    blocks.push({
      type: 'table',
      caption: `Fields changed in ${c.subject} v${c.version}`,
      columns: [{ label: 'Field', rowHeader: true }, { label: 'Before' }, { label: 'After' }],
      rows: c.changes.map((f) => [cell({ code: f.pointer }), cell({ code: f.old }), cell({ code: f.new })]),
      empty: 'No field changes recorded.',
    });
  }
  return blocks;
}

/** A table of findings with their evidence, each linking to its group on the findings page. */
export function findingsTable(caption: string, findings: readonly ComplianceFinding[], empty: string): Block {
  return {
    type: 'table',
    caption,
    columns: [
      { label: 'When', rowHeader: true },
      { label: 'Severity' },
      { label: 'Finding' },
      { label: 'Evidence' },
    ],
    rows: findings.map((f) => [
      timeCell(f.at),
      cell(badge(f.severity), SEVERITY_RANK[f.severity]),
      cell(pageLink('findings', f.summary, f.kind), f.summary),
      cell(evidenceInline(f.evidence)),
    ]),
    empty,
  };
}

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;

function evidenceInline(evidence: readonly [string, string][]): Inline[] {
  const out: Inline[] = [];
  evidence.forEach(([label, value], i) => {
    if (i > 0) out.push({ br: true });
    out.push({ strong: `${label}:` }, ' ');
    // Shorter than a commit sha: nothing to split (most values: times, users, statuses).
    if (value.length < 40) {
      if (value !== '') out.push(value);
      return;
    }
    value
      .split(/\b([0-9a-f]{40})\b/)
      .forEach((part, j) => part !== '' && out.push(j % 2 === 1 ? { code: part } : part));
  });
  return out;
}

/** "N runs · 97.5% succeeded · p50 1.2 s · p95 4.0 s" */
export function rateFacts(summary: {
  runs: number;
  succeeded: number;
  failed: number;
  other: number;
  success_rate: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
}): [string, Inline[]][] {
  return [
    ['Runs', [formatCount(summary.runs)]],
    [
      'Outcomes',
      [
        `${formatCount(summary.succeeded)} succeeded, ${formatCount(summary.failed)} failed, ${formatCount(summary.other)} other`,
      ],
    ],
    ['Success rate', [formatPercent(summary.success_rate)]],
    ['Duration p50 / p95', [`${formatDuration(summary.p50_ms)} / ${formatDuration(summary.p95_ms)}`]],
  ];
}
