import { closeSync, openSync, readSync } from 'node:fs';
import { LineCollector, UNFINISHED, UNPARSEABLE } from '../executions/collect-lines.js';
import { recordStart } from '../executions/parse-journal-line.js';
import { iterateLineChunks } from '../executions/scan-lines.js';
import type { ExecutionRecord } from '../executions/types.js';
import type { ScannedLines } from '../executions/verify-chain.js';
import { ColumnFolder, type FoldState } from './fold-columns.js';

/**
 * A byte range of one segment file, read by one thread: its lines from `from` (a line's start) to `to` (just after a
 * newline, or the segment's size). Those that end before `foldTo` (how far the journal's view folded the segment)
 * are folded; every line is added to the verifier's columns when they are asked for. `finishes`: the range ends a
 * segment that is not the last, so bytes after its last newline are an unfinished line (the last segment's end is
 * read by the caller, under the journal lock: finishSegment).
 */
export interface JournalPart {
  file: string;
  from: number;
  to: number;
  foldTo: number;
  finishes: boolean;
}

/**
 * What one thread read: the fold of its records, the verifier's columns of its lines (segment `k` in them is its
 * k-th part; line numbers count from 1 at each part's start), and per part where its complete lines end and how many
 * lines it counted.
 */
export interface PartsRead {
  fold: FoldState;
  lines: ScannedLines | null;
  ends: number[];
  lineCounts: number[];
}

/**
 * Read parts of the journal in order: each line decoded and parsed once, that parse folded (as foldColumnsFrom folds
 * what `scanBatches` gives: a record, by parseRecordLines' test, with a seq above 0) and given to the verifier's
 * columns (LineCollector.addParsed, which hashes the line's bytes). Runs on a worker thread (fold-worker.ts) or
 * on the caller's.
 */
export function readJournalParts(parts: readonly JournalPart[], withLines: boolean): PartsRead {
  const fold = new ColumnFolder();
  const collector = withLines ? new LineCollector() : null;
  const ends: number[] = [];
  const lineCounts: number[] = [];
  for (const part of parts) {
    const seg = collector ? collector.startSegment(part.file) : 0;
    const fd = openSync(part.file, 'r');
    try {
      let lineNo = 0;
      let pos = part.from;
      for (const chunk of iterateLineChunks(fd, part.from, part.to)) {
        let at = 0;
        for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, at)) {
          let value: unknown;
          try {
            value = JSON.parse(chunk.toString('utf8', at, nl));
          } catch {
            value = UNPARSEABLE;
          }
          lineNo++;
          collector?.addParsed(seg, lineNo, chunk.subarray(at, nl), value);
          if (value !== UNPARSEABLE && pos + nl < part.foldTo) {
            const started = recordStart(value);
            if (started !== null && (value as ExecutionRecord).seq > 0)
              fold.add(value as ExecutionRecord, started);
          }
          at = nl + 1;
        }
        pos += chunk.length;
      }
      if (part.finishes && pos < part.to) {
        const rest = Buffer.alloc(part.to - pos);
        readSync(fd, rest, 0, rest.length, pos);
        lineNo++;
        collector?.addParsed(seg, lineNo, rest, UNFINISHED);
      }
      ends.push(pos);
      lineCounts.push(lineNo);
    } finally {
      closeSync(fd);
    }
  }
  return { fold: fold.state(true), lines: collector?.finish() ?? null, ends, lineCounts };
}
