import { parentPort, workerData } from 'node:worker_threads';
import { readJournalParts, type JournalPart } from './read-journal-part.js';

/**
 * Worker thread entry (fold-journal-parts.ts): read the parts of the journal it is given and post what it read, its
 * columns moved rather than copied. A failed read ends the thread with the error, which the parent reports.
 */
const { parts, lines } = workerData as { parts: JournalPart[]; lines: boolean };
const read = readJournalParts(parts, lines);
const buffers = new Set<ArrayBuffer>();
for (const a of [read.fold.numbers, read.fold.refs, read.fold.flags, read.fold.idHashes])
  buffers.add(a.buffer as ArrayBuffer);
if (read.lines) {
  const l = read.lines;
  for (const a of [l.segment, l.line, l.kind, l.seq, l.hash, l.prev]) buffers.add(a.buffer as ArrayBuffer);
}
parentPort!.postMessage(read, [...buffers]);
