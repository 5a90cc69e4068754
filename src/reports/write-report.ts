import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { statFile, statMark, type StatMark } from './file-marks.js';
import { htmlFooter, renderHtmlDocument } from './render-html.js';
import { renderMarkdownDocument } from './render-markdown.js';
import { buildPage, listPages } from './report-pages.js';
import type { PageId } from './report-document.js';
import type { ReportModel } from './report-model.js';

export type ReportFormat = 'md' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html'];

/** One rendered file of a report, by its path relative to the output folder (posix). */
export interface RenderedFile {
  path: string;
  content: string;
}

/**
 * Render every page in every format. Pure. Each page's document is built once and rendered in every format; a page
 * in `keep` (its inputs unchanged since it was written and its files still as written: page-cache.ts) is left out:
 * its files stay in the folder as they are (`reportPaths` lists them all).
 */
export function renderReport(
  model: ReportModel,
  formats: readonly ReportFormat[],
  keep: ReadonlySet<PageId> = new Set(),
): RenderedFile[] {
  const files: RenderedFile[] = [];
  const footer = htmlFooter(model);
  for (const page of listPages(model)) {
    if (keep.has(page)) continue;
    const doc = buildPage(model, page);
    for (const format of formats) {
      files.push({
        path: `${page}.${format}`,
        content: format === 'md' ? renderMarkdownDocument(doc) : renderHtmlDocument(doc, footer),
      });
    }
  }
  return files;
}

/** The path of every file of a report (without its manifest), in page order. Pure. */
export function reportPaths(model: ReportModel, formats: readonly ReportFormat[]): string[] {
  return listPages(model).flatMap((page) => formats.map((format) => `${page}.${format}`));
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** The stat of each file written or found unchanged (the page cache's marks: file-marks.ts). */
  marks: Map<string, StatMark>;
}

/**
 * Write a rendered report into `outDir`: each changed file atomically (temp file, fsync, rename), unchanged files
 * left alone, and pages of a previous report that no longer exist (a deleted action) removed. Only report pages are
 * touched: other files in the folder (a committed demo data dir, a README) stay. The temp files are written and
 * synced side by side, then renamed in the order of `files` (the manifest, last, is renamed last).
 */
export async function writeReport(
  outDir: string,
  files: readonly RenderedFile[],
  formats: readonly ReportFormat[],
  /** Files of the report left in `outDir` as they are (unchanged pages checked by the page cache: page-cache.ts). */
  kept: readonly string[] = [],
): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: [...kept], removed: [], marks: new Map() };
  try {
    // Synchronous: a few files' stats and renames, faster than as many round trips through the thread pool.
    const changed = files.filter((f) => {
      const mark = sameOnDisk(path.join(outDir, f.path), f.content);
      if (!mark) return true;
      result.unchanged.push(f.path);
      result.marks.set(f.path, mark);
      return false;
    });
    for (const dir of new Set(changed.map((f) => path.dirname(path.join(outDir, f.path)))))
      await mkdir(dir, { recursive: true });
    const temps = await writeTemps(outDir, changed);
    for (const [i, file] of changed.entries()) {
      const target = path.join(outDir, file.path);
      try {
        renameSync(temps[i]!, target);
      } catch (err) {
        await Promise.all(temps.slice(i).map((t) => rm(t, { force: true })));
        throw err;
      }
      result.written.push(file.path);
      const mark = statFile(target);
      if (mark) result.marks.set(file.path, mark);
    }
    for (const stale of await stalePages(outDir, [...files.map((f) => f.path), ...kept], formats)) {
      await rm(path.join(outDir, stale), { force: true });
      result.removed.push(stale);
    }
  } catch (err) {
    if (err instanceof OpsledgerError) throw err;
    throw new OpsledgerError(
      'INPUT_INVALID',
      `cannot write the report to ${outDir}: ${(err as Error).message}`,
      {
        hint: 'Check that --out names a writable folder.',
        cause: err,
      },
    );
  }
  return result;
}

export interface CheckResult {
  /** Pages whose committed content differs from a fresh render, or that are missing. */
  differing: string[];
  /** Pages on disk that a fresh render would remove. */
  extra: string[];
}

/** Compare a fresh render with the files in `outDir` without writing anything (`report --check`). */
export async function checkReport(
  outDir: string,
  files: readonly RenderedFile[],
  formats: readonly ReportFormat[],
): Promise<CheckResult> {
  const differing: string[] = [];
  for (const file of files) {
    if ((await readText(path.join(outDir, file.path))) !== file.content) differing.push(file.path);
  }
  return {
    differing,
    extra: await stalePages(
      outDir,
      files.map((f) => f.path),
      formats,
    ),
  };
}

/** Per-entity pages in the output folder, of the formats being written, that the new report does not have. */
async function stalePages(
  outDir: string,
  paths: readonly string[],
  formats: readonly ReportFormat[],
): Promise<string[]> {
  const keep = new Set(paths);
  const stale: string[] = [];
  for (const folder of ['actions', 'runbooks']) {
    let names: string[];
    try {
      names = await readdir(path.join(outDir, folder));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const ext = path.extname(name).slice(1);
      const rel = `${folder}/${name}`;
      if (
        (formats as readonly string[]).includes(ext) &&
        /^[a-z0-9][a-z0-9-]*\.[a-z]+$/.test(name) &&
        !keep.has(rel)
      ) {
        stale.push(rel);
      }
    }
  }
  return stale;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The stat mark of `file` when it holds exactly `content`, else null (a file of another size is not read). */
function sameOnDisk(file: string, content: string): StatMark | null {
  try {
    const st = statSync(file, { bigint: true, throwIfNoEntry: false });
    if (!st?.isFile() || Number(st.size) !== Buffer.byteLength(content, 'utf8')) return null;
    return readFileSync(file, 'utf8') === content ? statMark(st) : null;
  } catch {
    return null;
  }
}

/** A synced temp file beside `target` holding `content`; its path. */
async function writeTemp(target: string, content: string): Promise<string> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  return temp;
}

/** A synced temp file per file, beside its target; on a failure none is left behind. */
async function writeTemps(outDir: string, files: readonly RenderedFile[]): Promise<string[]> {
  const settled = await inBatches(files, (f) =>
    writeTemp(path.join(outDir, f.path), f.content).then(
      (temp) => ({ temp }),
      (err: unknown) => ({ err }),
    ),
  );
  const failed = settled.find((s) => 'err' in s);
  if (!failed) return settled.map((s) => (s as { temp: string }).temp);
  await Promise.all(settled.map((s) => ('temp' in s ? rm(s.temp, { force: true }) : undefined)));
  throw failed.err;
}

/** How many files are read, or written and synced, at once (the syncs of one batch share the disk's flushes). */
const BATCH = 16;

/** `fn` over `items`, at most BATCH at a time; the results in order. */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH)
    out.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return out;
}
