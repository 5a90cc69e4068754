import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { RetentionConfig } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { fsyncDir } from '../state/durable-write.js';
import { FileLockError } from '../state/file-lock.js';
import { acquireFlock } from '../state/flock.js';
import { openState } from '../state/open-state.js';
import {
  RETENTION_COLLECTION,
  emptyRetention,
  type PurgeGap,
  type RetentionData,
} from '../state/retention-state.js';
import { snapshotPath } from './index-snapshot.js';
import { journalPaths } from './journal-paths.js';
import { parseJournalLine } from './parse-journal-line.js';
import { foldRollups, mergeGaps, planRetention, type ExecutionFacts } from './plan-retention.js';
import { scanLines } from './scan-lines.js';
import { sortSegments } from './segment-names.js';

export interface ApplyRetentionOptions {
  dataDir: string;
  policy: RetentionConfig;
  now: Date;
  dryRun: boolean;
  lockTimeoutMs?: number;
}

export interface RetentionResult {
  dry_run: boolean;
  now: string;
  purged_records: number;
  purged_executions: number;
  /** Purged executions per action. */
  by_action: Record<string, number>;
  segments_removed: string[];
  segments_rewritten: string[];
  /** The gaps in the chain after this purge (what verify accepts). */
  gaps: PurgeGap[];
}

interface LineRef {
  seq: number | null;
  offset: number;
  length: number;
}

/**
 * `opsledger retention apply`: under the journal lock, purge every execution the policy lets go (all its records),
 * fold them into the monthly rollups and record the gaps with their checkpoint hashes in state (durably, first),
 * then drop segments left empty and rewrite the others without the purged lines. Re-running finishes a purge a crash
 * interrupted without counting it twice.
 */
export async function applyRetention(options: ApplyRetentionOptions): Promise<RetentionResult> {
  const { dir, lockFile } = journalPaths(options.dataDir);
  const state = openState(options.dataDir);
  const result: RetentionResult = {
    dry_run: options.dryRun,
    now: options.now.toISOString(),
    purged_records: 0,
    purged_executions: 0,
    by_action: {},
    segments_removed: [],
    segments_rewritten: [],
    gaps: (await state.read(RETENTION_COLLECTION, emptyRetention)).gaps,
  };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return result;
  }
  let release: () => void;
  try {
    release = await acquireFlock(lockFile, {
      timeoutMs: options.lockTimeoutMs ?? 30_000,
      what: 'the execution journal',
    });
  } catch (err) {
    const code =
      err instanceof FileLockError && err.reason === 'locked' ? 'JOURNAL_LOCKED' : 'JOURNAL_UNAVAILABLE';
    throw new OpsledgerError(code, `cannot lock the journal for retention: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    const segments = sortSegments(entries);
    const lines = new Map<string, LineRef[]>();
    const byId = new Map<string, ExecutionFacts>();
    const hashes = new Map<number, string>();
    let headSeq: number | null = null;
    for (const seg of segments) {
      const refs: LineRef[] = [];
      const fd = openSync(path.join(dir, seg.name), 'r');
      try {
        const size = fstatSync(fd).size;
        const end = scanLines(fd, 0, size, (line, offset) => {
          const parsed = parseJournalLine(line);
          refs.push({ seq: parsed?.record.seq ?? null, offset, length: line.length + 1 });
          if (!parsed) return;
          const r = parsed.record;
          hashes.set(r.seq, r.hash);
          headSeq = headSeq === null ? r.seq : Math.max(headSeq, r.seq);
          const facts = byId.get(r.id);
          if (facts) {
            facts.latest = r;
            facts.seqs.push(r.seq);
          } else byId.set(r.id, { latest: r, seqs: [r.seq] });
        });
        // An unfinished last line is not ours to drop: it stays for the journal's quarantine.
        if (end < size) refs.push({ seq: null, offset: end, length: size - end });
      } finally {
        closeSync(fd);
      }
      lines.set(seg.name, refs);
    }

    const plan = planRetention([...byId.values()], options.policy, options.now, headSeq);
    const known = await state.read(RETENTION_COLLECTION, emptyRetention);
    const inGap = (seq: number): boolean => known.gaps.some((g) => seq >= g.from_seq && seq <= g.through_seq);
    // Executions whose records were covered by an earlier purge that a crash left unfinished: remove, don't re-count.
    const fresh = plan.expired.filter((e) => !e.seqs.every(inGap));
    result.purged_records = plan.purgeSeqs.length;
    result.purged_executions = plan.expired.length;
    for (const e of plan.expired)
      result.by_action[e.latest.action_id] = (result.by_action[e.latest.action_id] ?? 0) + 1;
    const purge = new Set(plan.purgeSeqs);
    const stamp = { purged_at: result.now, reason: 'retention' };
    if (options.dryRun || purge.size === 0) {
      result.gaps = mergeGaps(known.gaps, options.dryRun ? plan.purgeSeqs : [], (s) => hashes.get(s)!, stamp);
      return result;
    }

    // 1. State first, durably: the gaps that make the purge legitimate and the rollups that keep its history.
    const updated = await state.update<RetentionData, PurgeGap[]>(
      RETENTION_COLLECTION,
      emptyRetention,
      (data) => {
        data.gaps = mergeGaps(data.gaps, plan.purgeSeqs, (s) => hashes.get(s)!, stamp);
        foldRollups(
          data.rollups,
          fresh.map((e) => e.latest),
        );
        return data.gaps;
      },
    );
    result.gaps = updated;

    // 2. Then the files: a segment with nothing left goes (unless it is the active one), others are rewritten.
    const last = segments.at(-1)?.name;
    for (const seg of segments) {
      const refs = lines.get(seg.name)!;
      if (!refs.some((r) => r.seq !== null && purge.has(r.seq))) continue;
      const file = path.join(dir, seg.name);
      const kept = refs.filter((r) => r.seq === null || !purge.has(r.seq));
      if (kept.length === 0 && seg.name !== last) {
        unlinkSync(file);
        result.segments_removed.push(seg.name);
        continue;
      }
      rewriteSegment(file, kept);
      result.segments_rewritten.push(seg.name);
    }
    fsyncDir(dir);
    // The index snapshot points into the old files: let the next open rebuild it.
    rmSync(snapshotPath(dir), { force: true });
    return result;
  } finally {
    release();
  }
}

/** Replace a segment by its kept lines, byte for byte, atomically (temp file, fsync, rename); same mode. */
function rewriteSegment(file: string, kept: readonly LineRef[]): void {
  const src = openSync(file, 'r');
  const mode = fstatSync(src).mode & 0o777;
  const temp = `${file}.retention.tmp`;
  const out = openSync(temp, 'w', 0o600);
  try {
    for (const ref of kept) {
      const buf = Buffer.alloc(ref.length);
      readSync(src, buf, 0, ref.length, ref.offset);
      writeSync(out, buf);
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
    closeSync(src);
  }
  chmodSync(temp, mode);
  renameSync(temp, file);
}
