import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { htmlFooter, renderHtmlDocument } from './render-html.js';
import { renderMarkdownDocument } from './render-markdown.js';
import { buildPage, listPages } from './report-pages.js';
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
 * in `reuse` (its inputs unchanged since it was written: page-cache.ts) takes those files instead.
 */
export function renderReport(
  model: ReportModel,
  formats: readonly ReportFormat[],
  reuse: ReadonlyMap<string, readonly RenderedFile[]> = new Map(),
): RenderedFile[] {
  const files: RenderedFile[] = [];
  const footer = htmlFooter(model);
  for (const page of listPages(model)) {
    const reused = reuse.get(page);
    if (reused) {
      files.push(...reused);
      continue;
    }
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

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Write a rendered report into `outDir`: each changed file atomically (temp file, fsync, rename), unchanged files
 * left alone, and pages of a previous report that no longer exist (a deleted action) removed. Only report pages are
 * touched: other files in the folder (a committed demo data dir, a README) stay.
 */
export async function writeReport(
  outDir: string,
  files: readonly RenderedFile[],
  formats: readonly ReportFormat[],
  /** Files just read back from `outDir` as they are (reused pages: page-cache.ts), not compared again. */
  onDisk: ReadonlySet<RenderedFile> = new Set(),
): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  try {
    for (const file of files) {
      const target = path.join(outDir, file.path);
      if (onDisk.has(file) || (await readText(target)) === file.content) {
        result.unchanged.push(file.path);
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeAtomic(target, file.content);
      result.written.push(file.path);
    }
    for (const stale of await stalePages(outDir, files, formats)) {
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
  return { differing, extra: await stalePages(outDir, files, formats) };
}

/** Per-entity pages in the output folder, of the formats being written, that the new report does not have. */
async function stalePages(
  outDir: string,
  files: readonly RenderedFile[],
  formats: readonly ReportFormat[],
): Promise<string[]> {
  const keep = new Set(files.map((f) => f.path));
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

async function writeAtomic(target: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
