import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { acquireFlock } from '../state/flock.js';
import { openState } from '../state/open-state.js';
import { RETENTION_COLLECTION, emptyRetention } from '../state/retention-state.js';
import { ANCHORS_REF, readAnchors } from './anchors.js';
import { LineCollector } from './collect-lines.js';
import { journalPaths } from './journal-paths.js';
import { hashRecord, sealedBytesMatch } from './record-hash.js';
import { scanLines } from './scan-lines.js';
import { sortSegments } from './segment-names.js';
import type { ExecutionRecord, VerifyProblem, VerifyReport } from './types.js';
import { verifyChain, type Anchor, type ScannedLines } from './verify-chain.js';

export interface VerifyOptions {
  dataDir: string;
  /** The git repo whose anchors ref is checked; without it anchors are not checked. */
  repo?: string;
  anchorsRef?: string;
}

/**
 * Read every segment line by line into the verifier's columns (each record checked against its own hash). An
 * unfinished last line of the last segment may be an append in progress: it is read again once the journal lock
 * could be taken (the writer finished), and only then counted as truncated.
 */
export async function scanJournal(executionsDir: string): Promise<ScannedLines> {
  const collector = new LineCollector();
  let entries: string[] = [];
  try {
    entries = readdirSync(executionsDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const segments = sortSegments(entries);
  for (const [k, seg] of segments.entries()) {
    const no = collector.startSegment(seg.name);
    const fd = openSync(path.join(executionsDir, seg.name), 'r');
    try {
      let size = fstatSync(fd).size;
      let lineNo = 0;
      let end = scanLines(fd, 0, size, (line) => collector.add(no, ++lineNo, line));
      if (end < size && k === segments.length - 1) {
        const release = await acquireFlock(journalPaths(path.dirname(executionsDir)).lockFile, {
          timeoutMs: 2_000,
          what: 'the execution journal',
        }).catch(() => null);
        size = fstatSync(fd).size;
        end = scanLines(fd, end, size, (line) => collector.add(no, ++lineNo, line));
        release?.();
      }
      if (end < size) {
        const rest = Buffer.alloc(size - end);
        readSync(fd, rest, 0, rest.length, end);
        collector.add(no, ++lineNo, rest, false);
      }
    } finally {
      closeSync(fd);
    }
  }
  return collector.finish();
}

/**
 * `opsledger verify`: walk the whole chain, with the retention gaps from state and the anchors from git, and report
 * every problem with its place. Also lists the quarantined torn lines (not problems: crashes, reported at open).
 */
export async function verifyJournal(
  options: VerifyOptions,
): Promise<VerifyReport & { quarantined: string[] }> {
  const dir = path.join(options.dataDir, 'executions');
  const retention = await openState(options.dataDir).read(RETENTION_COLLECTION, emptyRetention);
  const anchors: Anchor[] = options.repo
    ? await readAnchors(options.repo, options.anchorsRef ?? ANCHORS_REF)
    : [];
  const report = verifyChain(await scanJournal(dir), retention.gaps, anchors);
  let quarantined: string[] = [];
  try {
    quarantined = readdirSync(path.join(dir, 'quarantine'))
      .sort()
      .map((f) => `quarantine/${f}`);
  } catch {
    quarantined = [];
  }
  const edited = quarantined.flatMap((q) => checkQuarantined(dir, q));
  if (edited.length === 0) return { ...report, quarantined };
  return { ...report, ok: false, problems: [...report.problems, ...edited], quarantined };
}

/**
 * A quarantined tail is an append that never finished: its bytes are cut short, or (cut just before the newline) a
 * whole record that matches its own hash. A whole record that does not is an edit made to look like a crash.
 */
function checkQuarantined(dir: string, q: string): VerifyProblem[] {
  let text: string;
  let record: Partial<ExecutionRecord>;
  try {
    text = readFileSync(path.join(dir, q), 'utf8');
    record = JSON.parse(text) as Partial<ExecutionRecord>;
  } catch {
    return [];
  }
  if (record === null || typeof record !== 'object' || typeof record.hash !== 'string') return [];
  const { hash } = record;
  const matches = (): boolean => {
    try {
      return sealedBytesMatch(text, hash) || hashRecord(record as ExecutionRecord) === hash;
    } catch {
      return false;
    }
  };
  if (matches()) return [];
  return [
    {
      kind: 'modified',
      segment: q,
      line: null,
      seq: typeof record.seq === 'number' ? record.seq : null,
      message: `a whole record${typeof record.seq === 'number' ? ` (seq ${record.seq})` : ''} was moved to quarantine as an unfinished append, but it does not match its own hash: it was edited, not cut short by a crash`,
    },
  ];
}
