import { createHmac } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { OpsledgerConfig } from '../config/load-config.js';
import type { Journal } from '../executions/types.js';
import { openHistoryIndex } from '../history/open-history-index.js';
import { loadHmacKey } from '../state/hmac-key.js';
import { openState } from '../state/open-state.js';
import { assembleReportInput } from './assemble-report-input.js';
import { attachVerification, buildReportModel, selectReportRuns } from './build-report-model.js';
import { buildModelFromView } from './build-model-from-view.js';
import type { RunRow } from './collect-runs.js';
import { readRollups } from './read-rollups.js';
import { latestSeqs, openReportJournal } from './report-journal.js';
import { prefetchParameters, prefetchRunbookRecords, type PagesShown } from './prefetch-parameters.js';
import { DamagedRunCache } from './block-layout.js';
import { ChangedModelPart } from './part-file.js';
import { foldRunsCached, runCachePath } from './run-cache.js';
import type { RunView } from './run-view.js';
import { ModelParts } from './model-parts.js';
import { readModelParts, writeModelParts } from './model-parts-store.js';
import { readBlockSummary, writeBlockSummary } from './summary-store.js';
import { fixedPageDigests, pageDigests, reusablePages, savePageCache, type PageReuse } from './page-cache.js';
import { MANIFEST_FILE, renderManifest } from './report-manifest.js';
import { verifyWithCache } from './verify-cache.js';
import type { ChildUsage } from './verify-child-message.js';
import { verifyInChild } from './verify-in-child.js';
import type { ReportModel } from './report-model.js';
import {
  checkReport,
  renderReport,
  reportPaths,
  writeReport,
  type CheckResult,
  type ReportFormat,
  type WriteResult,
} from './write-report.js';

export interface GenerateOptions {
  repo: string;
  dataDir: string;
  /** A PostgreSQL journal instead of the data dir's files (docs/postgres.md). */
  databaseUrl?: string | null;
  config: OpsledgerConfig;
  outDir: string;
  formats: readonly ReportFormat[];
  since: string | null;
  /** Null: the same as `now`. */
  until: string | null;
  /** An instant, or `latest`: the newest definitions change or run (reproducible from the inputs alone). */
  now: string;
  pseudonymize: boolean;
  /** Compare with the files in `outDir` instead of writing. */
  check: boolean;
  /** Draw the history indexing progress bar (on a TTY). */
  progress: boolean;
  /** Walk the journal's hash chain (`opsledger verify`) for the index page and the integrity findings. */
  verify: boolean;
  /** The name the report gives the repo (default: github owner/repo of the config, else the folder name). */
  title?: string;
  /** Read a shallow clone as a partial history (docs/history.md "Shallow clones"). */
  allowShallow?: boolean;
  /**
   * False: the model is built from the rows alone, no kept part read or written (the reference a report from the
   * kept parts must equal byte for byte; tests). Default true.
   */
  modelParts?: boolean;
  /** Told how long each phase took (benchmarks). */
  onPhase?: (phase: string, ms: number) => void;
  /** Told what the child process that walked the chain used, when one did (benchmarks). */
  onVerifyChild?: (usage: ChildUsage) => void;
  /** Where the journal's reports go (a damaged index snapshot rebuilt, a torn line moved aside). */
  onWarning?: (message: string) => void;
}

export interface GenerateResult {
  model: ReportModel;
  pages: number;
  files: string[];
  write: WriteResult | null;
  check: CheckResult | null;
}

/**
 * The edge of `opsledger report`: open the history index and the journal of a data dir, build the model, render it
 * and write (or check) the files. Everything here is I/O; the decisions live in buildReportModel and the renderers.
 */
export async function generateReport(options: GenerateOptions): Promise<GenerateResult> {
  const heap = heapBound();
  try {
    try {
      return await generate(options, heap.bind);
    } catch (err) {
      // A run cache read in parts that does not hold what its head says (its checksum vouched for by a stamp): the
      // journal is folded again, as for a cache whose checksum does not match.
      if (err instanceof DamagedRunCache) {
        options.onWarning?.(`${err.message}: the journal is folded again`);
        await rm(runCachePath(options.dataDir), { force: true });
      } else if (err instanceof ChangedModelPart) {
        // A kept part's file replaced or edited between its reading and that of its deferred texts: the parts are
        // read again as they now are (one that does not match its checksum is then built again).
        options.onWarning?.(`${err.message}: the report is built again`);
      } else throw err;
      return await generate(options, heap.bind);
    }
  } finally {
    heap.release();
  }
}

/**
 * A million runs made objects (every part of the model built, or the run cache rewritten from objects) make a live
 * heap of 300–400 MiB and much short-lived garbage; left to itself V8 lets the heap grow to two or three times the
 * live set between collections (heap committed 860 MiB with 400 MiB used: 1.3 GiB peak RSS in a full build with the
 * verify worker it then had). Growing it by at most HEAP_GROWING_PERCENT over the live set costs more frequent
 * collections: 60 % kept the peak at 875 MiB while the full fold made an object per run; since it folds into columns
 * (fold-columns.ts), 100 % peaks at 800–840 MiB with the verify child and takes ~1.5 s less than 60 % (30 %: 720 MiB,
 * but clearly slower). Asked for only by a report that does that work
 * (`bind`): one from its caches (a live set of ~250 MiB) spent ~0.1 s more in the collector with it. Process-wide
 * (the verify child is another process): put back to V8's own choice when the last report that asked is done.
 */
function heapBound(): { bind: () => void; release: () => void } {
  let bound = false;
  return {
    bind() {
      if (bound) return;
      bound = true;
      if (boundReports++ === 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    },
    release() {
      if (bound && --boundReports === 0) setFlagsFromString('--heap-growing-percent=0');
    },
  };
}

/** Reports being built in this process with the heap bound (the server may build two at once). */
let boundReports = 0;

/** How far (percent) the heap may grow over the live set while a large report is built (V8's own: 10–300). */
const HEAP_GROWING_PERCENT = 100;

async function generate(options: GenerateOptions, boundHeap: () => void): Promise<GenerateResult> {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onPhase?.(name, now - mark);
    mark = now;
  };
  const history = await openHistoryIndex({
    repo: options.repo,
    dataDir: options.dataDir,
    branch: options.config.branch,
    definitionsDir: options.config.paths.definitions,
    progress: options.progress,
    allowShallow: options.allowShallow === true,
  });
  phase('history index');
  const url = options.databaseUrl ?? null;
  // With the run cache's checkpoint holding, only the head and the records after it are read here; the journal index
  // is loaded only if a later call needs it (its time is then a phase of its own, not counted in the one it is in).
  const { journal, tail } = await openReportJournal({
    dataDir: options.dataDir,
    databaseUrl: url,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    onOpen: (ms) => {
      options.onPhase?.('journal open (index, on demand)', ms);
      mark += ms;
    },
  });
  phase(tail ? `journal open (tail: ${tail.tailRecords} records after the run cache)` : 'journal open');
  let view: RunView | null = null;
  try {
    const now =
      options.now === 'latest'
        ? await latestInput(history.events(), history.invalid(), journal)
        : options.now;
    const web = webUrl(options.config);
    // The chain walk runs in a child process while this one streams the journal into the model; the model only needs
    // its result at the end (index page, integrity findings), so the input is completed once it arrives.
    // Only the records after the last clean verification are walked when its checkpoint still holds.
    const verifying = options.verify
      ? url
        ? import('../executions/postgres/verify-postgres.js').then(async (m) => ({
            report: await m.verifyPostgres({ url, repo: options.repo }),
            source: { kind: 'full' as const },
          }))
        : verifyWithCache({
            dataDir: options.dataDir,
            repo: options.repo,
            head: journal.head(),
            full: async () => {
              const { report, usage } = await verifyInChild({ dataDir: options.dataDir, repo: options.repo });
              if (usage) options.onVerifyChild?.(usage);
              return report;
            },
          })
      : Promise.resolve(null);
    verifying.catch(() => undefined);
    const rollups = await readRollups(options.dataDir);
    const input = assembleReportInput(
      { history, journal, verify: null, rollups },
      {
        repoName: options.title ?? repoName(options.config, options.repo),
        branch: options.config.branch,
        webUrl: web,
        config: options.config,
        now,
        since: options.since,
        until: options.until ?? now,
        pseudonymize: options.pseudonymize ? await pseudonymizer(options.dataDir) : null,
      },
    );
    // The journal is folded once: a report after a commit reads the run cache, one after new runs folds only them.
    const { runs, source } = await foldRunsCached(options.dataDir, journal, { beforeAllRuns: boundHeap });
    view = runs;
    phase(
      source.kind === 'scan'
        ? 'journal scan'
        : source.kind === 'cache'
          ? 'journal (run cache)'
          : `journal (run cache + ${source.records} new)`,
    );
    // What the sections of these runs show from the journal (recent parameters, runbook runs' records).
    const prefetch = async (rows: readonly RunRow[], pages: PagesShown) => {
      if (rows.length === 0) return;
      // The tail journal reads a record by its seq (no index): the rows say which is each run's latest.
      tail?.knowLatest(latestSeqs(rows));
      input.parametersOf = await prefetchParameters(journal, rows, pages);
      input.recordOf = await prefetchRunbookRecords(journal, rows);
    };
    // Each action's and runbook's part of the model is kept between reports: after new runs or a commit only the
    // parts whose inputs changed are built. Kept parts are trusted only on top of the run cache they were built with.
    const useParts = options.modelParts !== false;
    const parts = useParts ? await keptParts(options, source) : new ModelParts();
    // Every part built (none kept, kept ones forgotten, or the reference model from every row): each run made an
    // object.
    if (!useParts || parts.keptCount() === 0) boundHeap();
    parts.onForget = boundHeap;
    let partial: ReportModel;
    if (useParts)
      partial = await buildModelFromView(input, runs, parts, prefetch, {
        read: (key) => readBlockSummary(options.dataDir, key),
        write: (key, summary) => writeBlockSummary(options.dataDir, key, summary),
      });
    else {
      // The reference: every run of the period made a row, the model built from the rows alone.
      const rows = selectReportRuns(input, runs.all(), true);
      await prefetch(rows.rows, 'both');
      partial = buildReportModel(input, rows);
    }
    const head = journal.head();
    if (useParts && head && parts.changed()) await writeModelParts(options.dataDir, head, parts);
    const carried =
      parts.borrowed.size > 0 ? `, ${parts.borrowed.size} built with their runs' findings carried over` : '';
    phase(`model (${parts.hits} of ${parts.hits + parts.misses} action parts kept${carried})`);
    const verified = await verifying;
    const model = attachVerification(partial, verified?.report ?? null, rollups, input.now);
    phase(
      verified?.source.kind === 'cache+new'
        ? `verify (cached + ${verified.source.records} new)`
        : 'verify (rest, in a child process)',
    );
    // Pages whose inputs did not change are left in the folder as the last report wrote them.
    const digests = new Map([...pageDigests(model), ...fixedPageDigests(model)]);
    const reuse: PageReuse = options.check
      ? { pages: new Set(), marks: new Map() }
      : await reusablePages(options.dataDir, options.outDir, options.formats, digests);
    const rendered = renderReport(model, options.formats, reuse.pages);
    const paths = reportPaths(model, options.formats);
    // The manifest goes last, so it lists only pages already written; the API serves nothing else (docs/reports.md).
    const files = [...rendered, renderManifest(paths)];
    const kept = paths.filter((p) => reuse.marks.has(p));
    phase(reuse.pages.size > 0 ? `render (${reuse.pages.size} unchanged pages reused)` : 'render');
    const pages = paths.length / Math.max(1, options.formats.length);
    const all = [...paths, MANIFEST_FILE];
    if (options.check) {
      const check = await checkReport(options.outDir, files, options.formats);
      return { model, pages, files: all, write: null, check };
    }
    const write = await writeReport(options.outDir, files, options.formats, kept);
    await savePageCache(
      options.dataDir,
      options.outDir,
      options.formats,
      digests,
      rendered,
      reuse.marks,
      write.marks,
    );
    phase('write');
    return { model, pages, files: all, write, check: null };
  } finally {
    view?.close();
    await journal.close();
  }
}

/** The parts the last report kept, when they can be trusted on top of this report's runs (docs/reports.md). */
async function keptParts(
  options: GenerateOptions,
  source: Awaited<ReturnType<typeof foldRunsCached>>['source'],
): Promise<ModelParts> {
  if (source.kind === 'scan') {
    if (source.reason === 'journal changed')
      options.onWarning?.(
        "the journal's earlier records changed since the last report (edited, or removed by retention): the report is built in full",
      );
    return new ModelParts();
  }
  const kept = await readModelParts(options.dataDir);
  if (kept.parts) {
    if (kept.damaged > 0)
      options.onWarning?.(
        `${kept.damaged} cached part(s) of the report model are damaged or missing: they are built again`,
      );
    return new ModelParts(kept.parts, kept.history, kept.events);
  }
  if (kept.reason === 'damaged')
    options.onWarning?.('the cached report model is damaged or of another version: it is built again');
  return new ModelParts();
}

/** The newest change or run: `--now latest` makes the report a function of its inputs only. */
async function latestInput(
  events: readonly { created_at: string }[],
  invalid: readonly { created_at: string }[],
  journal: Journal,
): Promise<string> {
  let latest = 0;
  for (const e of [...events, ...invalid]) latest = Math.max(latest, Date.parse(e.created_at) || 0);
  const [newest] = await journal.query({ limit: 1 });
  if (newest) latest = Math.max(latest, Date.parse(newest.finished_at ?? newest.started_at) || 0);
  return new Date(latest).toISOString();
}

/**
 * Pseudonyms keyed with the data dir's secret HMAC key (domain-separated from parameter digests): stable across
 * reports of the same data dir, and not reversible by hashing a list of known emails.
 */
async function pseudonymizer(dataDir: string): Promise<(email: string) => string> {
  const key = await loadHmacKey(openState(dataDir));
  return (email) =>
    `person-${createHmac('sha256', key).update(`opsledger-report-pseudonym\0${email.toLowerCase()}`).digest('hex').slice(0, 12)}`;
}

function repoName(config: OpsledgerConfig, repo: string): string {
  const { owner, repo: name } = config.github;
  return owner && name ? `${owner}/${name}` : path.basename(repo);
}

/** The repo's web address for commit links: github.com, or a GitHub Enterprise host derived from its API URL. */
function webUrl(config: OpsledgerConfig): string | null {
  const { owner, repo, api_url: api } = config.github;
  if (!owner || !repo) return null;
  let base = 'https://github.com';
  if (api) {
    try {
      const u = new URL(api);
      base = u.hostname === 'api.github.com' ? base : `${u.protocol}//${u.host}`;
    } catch {
      return null;
    }
  }
  return `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}
