import { runbookRunPages } from './pages/page-parts.js';
import { fixedPageInputs } from './report-pages.js';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_VERSION } from '../package/package-root.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import { sha256, stillAsMarked, type FileMark, type StatMark } from './file-marks.js';
import type { PageId } from './report-document.js';
import type { ReportModel } from './report-model.js';
import type { RenderedFile, ReportFormat } from './write-report.js';

const PAGE_CACHE_FORMAT = 2;

/** Where a data dir remembers the inputs of the pages a report last wrote (docs/reports.md). */
export function pageCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-pages.json');
}

interface PageCache {
  format: number;
  /** The opsledger that rendered the pages: another one may render the same inputs otherwise. */
  version: string;
  outDir: string;
  formats: ReportFormat[];
  pages: Record<string, { digest: string; files: ({ path: string } & FileMark)[] }>;
}

/**
 * The digest of each action and runbook page's inputs: its entity and the page context (PageContext, all such a page
 * reads of the model). Pure. The fixed pages have theirs (fixedPageDigests).
 */
export function pageDigests(model: ReportModel): Map<PageId, string> {
  const { name, branch, web_url: webUrl } = model.repo;
  const context = JSON.stringify([
    model.generated_at,
    model.period,
    name,
    branch,
    webUrl,
    model.pseudonymized,
    // Which runbook runs have a page: a step's run is linked to it from action and runbook pages.
    [...runbookRunPages(model)].sort(),
  ]);
  const digests = new Map<PageId, string>();
  const of = (section: object) => sectionDigests.get(section)?.() ?? JSON.stringify(section);
  for (const a of model.actions) digests.set(`actions/${a.id}`, sha256(`${context}\0${of(a)}`));
  for (const r of model.runbooks) digests.set(`runbooks/${r.id}`, sha256(`${context}\0${of(r)}`));
  return digests;
}

/**
 * A digest that stands for a section's JSON, when the model builder knows one (its part's file checksum, with the
 * findings about it): pageDigests then need not serialize every section again (11 MB at 1M runs). Undefined, or a
 * section it was not told of, and the section is serialized.
 */
export const sectionDigests = new WeakMap<object, () => string | undefined>();

/**
 * The digest of each fixed page's inputs (all such a page reads of the model: report-pages.ts), but the overview's,
 * which reads nearly all of it and is always rendered. Pure.
 */
export function fixedPageDigests(model: ReportModel): Map<PageId, string> {
  const digests = new Map<PageId, string>();
  for (const [page, inputs] of fixedPageInputs(model)) digests.set(page, sha256(JSON.stringify(inputs)));
  return digests;
}

/** The pages a report leaves in its folder as they are, and the marks of their files (carried into the next cache). */
export interface PageReuse {
  pages: Set<PageId>;
  marks: Map<string, FileMark>;
}

/**
 * The pages whose inputs did not change since the last report into the same folder and formats, and whose files are
 * still byte for byte what that report wrote: checked by their stat marks, read and hashed only when a stat differs
 * (file-marks.ts). None of them is read into memory: the writer leaves them alone.
 */
export async function reusablePages(
  dataDir: string,
  outDir: string,
  formats: readonly ReportFormat[],
  digests: ReadonlyMap<PageId, string>,
): Promise<PageReuse> {
  const reuse: PageReuse = { pages: new Set(), marks: new Map() };
  const read = await readPageCache(dataDir);
  if (!read) return reuse;
  const { cache, savedAt } = read;
  if (
    cache.format !== PAGE_CACHE_FORMAT ||
    cache.version !== PACKAGE_VERSION ||
    cache.outDir !== path.resolve(outDir) ||
    cache.formats?.join(',') !== formats.join(',') ||
    typeof cache.pages !== 'object'
  )
    return reuse;
  const checks: Promise<void>[] = [];
  for (const [page, digest] of digests) {
    const entry = cache.pages[page];
    if (!entry || entry.digest !== digest || entry.files.length !== formats.length) continue;
    checks.push(
      Promise.all(entry.files.map((f) => stillAsMarked(path.join(outDir, f.path), f, savedAt))).then(
        (marks) => {
          if (marks.some((m) => m === null)) return;
          reuse.pages.add(page);
          entry.files.forEach((f, i) => reuse.marks.set(f.path, marks[i]!));
        },
      ),
    );
  }
  await Promise.all(checks);
  return reuse;
}

/** The cache and when it was saved (its modification time, ns), or null. */
async function readPageCache(dataDir: string): Promise<{ cache: PageCache; savedAt: bigint } | null> {
  try {
    const handle = await open(pageCachePath(dataDir), 'r');
    try {
      const savedAt = (await handle.stat({ bigint: true })).mtimeNs;
      return { cache: JSON.parse(await handle.readFile('utf8')) as PageCache, savedAt };
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/**
 * Remember the digests and the marks of this report's pages (a cache: failing to write costs a render). `reused`:
 * the marks of the pages left as they were; `written`: the stat marks of the files the writer wrote or found unchanged.
 */
export async function savePageCache(
  dataDir: string,
  outDir: string,
  formats: readonly ReportFormat[],
  digests: ReadonlyMap<PageId, string>,
  rendered: readonly RenderedFile[],
  reused: ReadonlyMap<string, FileMark>,
  written: ReadonlyMap<string, StatMark>,
): Promise<void> {
  const contents = new Map(rendered.map((f) => [f.path, f.content]));
  const markOf = (file: string): FileMark | undefined => {
    const kept = reused.get(file);
    if (kept) return kept;
    const st = written.get(file);
    const content = contents.get(file);
    return st && content !== undefined ? { sha256: sha256(content), ...st } : undefined;
  };
  const pages: PageCache['pages'] = {};
  for (const [page, digest] of digests) {
    const files = formats.map((format) => `${page}.${format}`);
    const marks = files.map(markOf);
    if (marks.some((m) => m === undefined)) continue;
    pages[page] = { digest, files: files.map((f, i) => ({ path: f, ...marks[i]! })) };
  }
  const cache: PageCache = {
    format: PAGE_CACHE_FORMAT,
    version: PACKAGE_VERSION,
    outDir: path.resolve(outDir),
    formats: [...formats],
    pages,
  };
  try {
    const file = pageCachePath(dataDir);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Atomic but not synced: after a crash the cache is this one, the previous one or unreadable, and every mark in
    // it is checked against its file's stat anyway (a page it no longer describes is hashed, then rendered).
    await writeFileAtomic(file, JSON.stringify(cache));
  } catch {
    // A read-only data dir: the next report renders every page.
  }
}
