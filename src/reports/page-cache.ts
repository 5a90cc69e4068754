import { runbookRunPages } from './pages/page-parts.js';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../state/durable-write.js';
import type { PageId } from './report-document.js';
import type { ReportModel } from './report-model.js';
import type { RenderedFile, ReportFormat } from './write-report.js';

const PAGE_CACHE_FORMAT = 1;

/** Where a data dir remembers the inputs of the entity pages a report last wrote (docs/reports.md). */
export function pageCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-pages.json');
}

interface PageCache {
  format: number;
  outDir: string;
  formats: ReportFormat[];
  pages: Record<string, { digest: string; files: { path: string; sha256: string }[] }>;
}

/**
 * The digest of each action and runbook page's inputs: its entity and the page context (PageContext, all such a page
 * reads of the model). Pure. The fixed pages (index, findings, ...) read the whole model and are always rendered.
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
  for (const a of model.actions) digests.set(`actions/${a.id}`, sha256(`${context}\0${JSON.stringify(a)}`));
  for (const r of model.runbooks) digests.set(`runbooks/${r.id}`, sha256(`${context}\0${JSON.stringify(r)}`));
  return digests;
}

/**
 * The files of the pages whose inputs did not change since the last report into the same folder and formats, read
 * back from that folder: only when every file is still byte for byte what that report wrote (else it is rendered).
 */
export async function reusablePages(
  dataDir: string,
  outDir: string,
  formats: readonly ReportFormat[],
  digests: ReadonlyMap<PageId, string>,
): Promise<Map<PageId, RenderedFile[]>> {
  const reuse = new Map<PageId, RenderedFile[]>();
  let cache: PageCache;
  try {
    cache = JSON.parse(await readFile(pageCachePath(dataDir), 'utf8')) as PageCache;
  } catch {
    return reuse;
  }
  if (
    cache.format !== PAGE_CACHE_FORMAT ||
    cache.outDir !== path.resolve(outDir) ||
    cache.formats?.join(',') !== formats.join(',') ||
    typeof cache.pages !== 'object'
  )
    return reuse;
  for (const [page, digest] of digests) {
    const entry = cache.pages[page];
    if (!entry || entry.digest !== digest || entry.files.length !== formats.length) continue;
    const files: RenderedFile[] = [];
    for (const f of entry.files) {
      const content = await readFile(path.join(outDir, f.path), 'utf8').catch(() => null);
      if (content === null || sha256(content) !== f.sha256) break;
      const file = { path: f.path, content };
      knownDigests.set(file, f.sha256);
      files.push(file);
    }
    if (files.length === entry.files.length) reuse.set(page, files);
  }
  return reuse;
}

/** Remember the digests and written files of this report's entity pages (a cache: failing to write costs a render). */
export async function savePageCache(
  dataDir: string,
  outDir: string,
  formats: readonly ReportFormat[],
  digests: ReadonlyMap<PageId, string>,
  files: readonly RenderedFile[],
): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pages: PageCache['pages'] = {};
  for (const [page, digest] of digests) {
    const own = formats.map((format) => byPath.get(`${page}.${format}`));
    if (own.some((f) => f === undefined)) continue;
    pages[page] = {
      digest,
      files: own.map((f) => ({ path: f!.path, sha256: knownDigests.get(f!) ?? sha256(f!.content) })),
    };
  }
  const cache: PageCache = {
    format: PAGE_CACHE_FORMAT,
    outDir: path.resolve(outDir),
    formats: [...formats],
    pages,
  };
  try {
    await mkdir(path.dirname(pageCachePath(dataDir)), { recursive: true, mode: 0o700 });
    await writeFileDurably(pageCachePath(dataDir), JSON.stringify(cache));
  } catch {
    // A read-only data dir: the next report renders every page.
  }
}

/** The sha256 of the files reusablePages read back and checked (savePageCache need not hash them again). */
const knownDigests = new WeakMap<RenderedFile, string>();

/** Whether `file` is one reusablePages read back from the output folder, byte for byte as the cache knows it. */
export function readBack(file: RenderedFile): boolean {
  return knownDigests.has(file);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
