import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ANCHORS_REF } from '../executions/anchors.js';
import { checkpointHolds, linesAfter, takeCheckpoint } from '../executions/journal-checkpoint.js';
import { journalPaths } from '../executions/journal-paths.js';
import type { ChainHead, VerifyReport } from '../executions/types.js';
import { verifyTail } from '../executions/verify-tail.js';
import { resolveRef } from '../git/repo-info.js';
import { readChecked, writeChecked } from './run-cache.js';

const VERIFY_CACHE_FORMAT = 1;

/** Where a data dir keeps the last clean verification a report did (docs/reports.md, *Incremental reports*). */
export function verifyCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-verify.json');
}

export type VerifySource = { kind: 'full' } | { kind: 'cache+new'; records: number };

interface Cached {
  anchors: string | null;
  quarantine: string[];
  report: VerifyReport;
}

/**
 * The journal's verification for a report whose journal head is `head`: when the last clean one a report cached
 * still holds (same segments up to its head, same retention state, same anchors ref, same quarantined files), only
 * the lines appended after it are walked (verifyTail), continuing its chain; anything else — no cache, a problem
 * found last time, a checkpoint that fails, a line that does not continue the chain — runs `full`, the whole walk.
 * A clean result is cached for the next report.
 */
export async function verifyWithCache(options: {
  dataDir: string;
  repo: string;
  head: ChainHead | null;
  full: () => Promise<VerifyReport>;
}): Promise<{ report: VerifyReport; source: VerifySource }> {
  const { dataDir, repo, head } = options;
  const file = verifyCachePath(dataDir);
  const [anchors, quarantine] = await Promise.all([
    resolveRef(repo, ANCHORS_REF).catch(() => 'unreadable'),
    listQuarantine(dataDir),
  ]);
  const parsed = head ? await readChecked(file, VERIFY_CACHE_FORMAT) : null;
  if (parsed && head) {
    const { checkpoint } = parsed.header;
    let cached: Cached | null = null;
    try {
      cached = JSON.parse(parsed.body) as Cached;
    } catch {
      cached = null;
    }
    if (
      cached &&
      cached.report.ok &&
      cached.report.problems.length === 0 &&
      cached.anchors === anchors &&
      sameList(cached.quarantine, quarantine) &&
      head.seq >= checkpoint.seq &&
      (await checkpointHolds(dataDir, checkpoint))
    ) {
      const records = verifyTail(linesAfter(dataDir, checkpoint), checkpoint, head);
      if (records !== null) {
        const report = { ...cached.report, records: cached.report.records + records, head };
        if (records > 0) await save(dataDir, head, { anchors, quarantine, report });
        return { report, source: { kind: 'cache+new', records } };
      }
    }
  }
  const report = await options.full();
  if (report.ok && report.problems.length === 0 && report.head)
    await save(dataDir, report.head, { anchors, quarantine, report });
  return { report, source: { kind: 'full' } };
}

async function save(dataDir: string, head: ChainHead, cached: Cached): Promise<void> {
  const checkpoint = await takeCheckpoint(dataDir, head);
  if (!checkpoint) return;
  await writeChecked(verifyCachePath(dataDir), VERIFY_CACHE_FORMAT, checkpoint, JSON.stringify(cached)).catch(
    () => undefined,
  );
}

async function listQuarantine(dataDir: string): Promise<string[]> {
  return (await readdir(journalPaths(dataDir).quarantineDir).catch(() => [] as string[])).sort();
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}
