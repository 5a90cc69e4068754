import { open } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedFile } from './write-report.js';

/** The file `opsledger report` writes last into its output folder: the list of files it wrote (docs/reports.md). */
export const MANIFEST_FILE = 'manifest.json';
const MANIFEST_FORMAT = 1;
/** A manifest larger than this is not one opsledger wrote. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** The manifest of a report of these files: every path, sorted. Pure, so the same report gives the same bytes. */
export function renderManifest(paths: readonly string[]): RenderedFile {
  return {
    path: MANIFEST_FILE,
    content: `${JSON.stringify({ generator: 'opsledger report', format: MANIFEST_FORMAT, files: [...paths].sort() }, null, 2)}\n`,
  };
}

/**
 * The files a report folder's manifest lists (posix paths relative to the folder), or null when there is no readable
 * manifest of this format: then nothing in the folder counts as a report file.
 */
export async function readManifest(folder: string): Promise<ReadonlySet<string> | null> {
  let text: string;
  try {
    const handle = await open(path.join(folder, MANIFEST_FILE), 'r');
    try {
      if ((await handle.stat()).size > MAX_MANIFEST_BYTES) return null;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; files?: unknown };
    if (parsed.format !== MANIFEST_FORMAT || !Array.isArray(parsed.files)) return null;
    return new Set(parsed.files.filter((f): f is string => typeof f === 'string' && isPlainPath(f)));
  } catch {
    return null;
  }
}

/** A relative posix path without empty, dot or dot-dot segments. */
function isPlainPath(p: string): boolean {
  return p.split('/').every((s) => s !== '' && !s.startsWith('.') && !s.includes('\\') && !s.includes('\0'));
}
