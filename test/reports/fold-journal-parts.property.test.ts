import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import { scanInBatches } from '../../src/executions/scan-batches.js';
import type { ExecutionInput, ExecutionRecord } from '../../src/executions/types.js';
import { judgeScanned, scanJournal, verifyJournal } from '../../src/executions/verify-journal.js';
import { ColumnFolder, foldColumns, foldColumnsFrom } from '../../src/reports/fold-columns.js';
import { foldJournalParts } from '../../src/reports/fold-journal-parts.js';
import { readJournalParts, type JournalPart, type PartsRead } from '../../src/reports/read-journal-part.js';
import { Worker } from 'node:worker_threads';
import { mergeFolds } from '../../src/reports/merge-folds.js';
import { ROOT } from '../helpers/cli.js';
import { recordArb } from './fold-records.arbitrary.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-fold-parts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bytesOf = (pieces: readonly Buffer[]) => Buffer.concat(pieces);

describe('#15.9 a fold merged from the folds of its parts (merge-folds.ts)', () => {
  it('#15.9 writes exactly what one fold of every record writes, wherever the records are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(recordArb, fc.integer({ min: 1, max: 50 })), { maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 5 }),
        (drawn, cutsDrawn) => {
          const records = drawn.map(([r, seq]) => ({ ...r, seq }) as ExecutionRecord);
          const cuts = [
            ...new Set([0, ...cutsDrawn.map((c) => c % (records.length + 1)), records.length]),
          ].sort((a, b) => a - b);
          const parts = cuts.slice(1).map((end, k) => {
            const folder = new ColumnFolder();
            for (const r of records.slice(cuts[k], end)) folder.add(r);
            return folder.state(true);
          });
          const merged = mergeFolds(parts);
          const whole = foldColumns(records);
          expect(bytesOf(merged.pieces).equals(bytesOf(whole.pieces))).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

type Tamper =
  | { op: 'edit'; line: number; at: number; char: string }
  | { op: 'drop' | 'dup' | 'garbage' | 'swap'; line: number };

const tamperArb: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({
    op: fc.constant('edit' as const),
    line: fc.nat(),
    at: fc.nat(),
    char: fc.constantFrom('x', '0', '"', '}', '{', ',', ' '),
  }),
  fc.record({
    op: fc.constantFrom('drop' as const, 'dup' as const, 'garbage' as const, 'swap' as const),
    line: fc.nat(),
  }),
);

/** The records sealed into a chain and written as segment files (`cuts`: where a segment ends), then tampered with. */
function writeJournal(
  dataDir: string,
  records: readonly ExecutionInput[],
  cuts: number[],
  tampers: Tamper[],
  unterminated = false,
): void {
  const dir = path.join(dataDir, 'executions');
  mkdirSync(dir, { recursive: true });
  let head = { seq: 0, hash: GENESIS_HASH };
  const lines = records.map((input) => {
    const sealed = sealRecord(input, head);
    head = { seq: sealed.record.seq, hash: sealed.record.hash };
    return sealed.line.slice(0, -1);
  });
  for (const t of tampers) {
    if (lines.length === 0) break;
    const i = t.line % lines.length;
    if (t.op === 'edit') {
      const at = t.at % lines[i]!.length;
      lines[i] = lines[i]!.slice(0, at) + t.char + lines[i]!.slice(at + 1);
    } else if (t.op === 'drop') lines.splice(i, 1);
    else if (t.op === 'dup') lines.splice(i, 0, lines[i]!);
    else if (t.op === 'garbage') lines.splice(i, 0, 'not a record');
    else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
  }
  const ends = [...new Set([...cuts.map((c) => c % (lines.length + 1)), lines.length])].sort((a, b) => a - b);
  let from = 0;
  ends.forEach((end, k) => {
    let text = lines
      .slice(from, end)
      .map((l) => `${l}\n`)
      .join('');
    // An earlier segment that ends in the middle of a line (cut off by hand: the next segment was started anyway).
    if (unterminated && k === 0 && ends.length > 1) text = text.slice(0, -1);
    writeFileSync(path.join(dir, `segment-2024-0${k + 1}-1.jsonl`), text);
    from = end;
  });
}

/** A record written after the journal was opened. */
const LATE: ExecutionInput = {
  id: 'late-run',
  action_id: 'late',
  definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
  trigger: 'manual',
  initiator: { user: 'late@example.com', via: 'cli' },
  targets: [],
  parameters: {},
  started_at: '2024-05-01T00:00:00.000Z',
  finished_at: null,
  duration_ms: null,
  status: 'running',
  exit_code: null,
};

const inputArb = recordArb.map((r) => {
  const { prev_hash: _p, hash: _h, ...input } = r as ExecutionRecord;
  return input as ExecutionInput;
});

describe("#15.9 a full report's one read of the journal (fold-journal-parts.ts)", () => {
  it('#15.9 folds what the scan folds and gives the lines `opsledger verify` reads, in any number of parts, tampered or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(inputArb, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(tamperArb, { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        async (records, cuts, tampers, torn, unterminated) => {
          const dataDir = mkdtempSync(path.join(tmp, 'journal-'));
          try {
            writeJournal(dataDir, records, cuts, tampers, unterminated);
            const journal = await openJournalAt({ backend: 'file', dataDir }, { onWarning: () => undefined });
            try {
              const dir = path.join(dataDir, 'executions');
              // Writes after the journal was opened: a whole record (not folded: the journal's view ends before it) and
              // an unfinished last line, read under the lock.
              const segments = readdirSync(dir)
                .filter((n) => n.endsWith('.jsonl'))
                .sort();
              if (torn && segments.length > 0) {
                const late = sealRecord(LATE, { seq: records.length + 1, hash: GENESIS_HASH }).line;
                appendFileSync(path.join(dir, segments.at(-1)!), `${late}{"seq":`);
              }
              const scanned = bytesOf((await foldColumnsFrom(scanInBatches(journal))).pieces);
              const lines = await scanJournal(dir);
              const verified = await verifyJournal({ dataDir });
              for (const threads of [1, 2, 3, 5]) {
                const read = await foldJournalParts(journal, { lines: true, threads, workers: false });
                expect(read).not.toBeNull();
                expect(bytesOf(read!.runs.pieces).equals(scanned)).toBe(true);
                expect(read!.lines).toEqual(lines);
                expect(await judgeScanned({ dataDir }, read!.lines!)).toEqual(verified);
                const foldOnly = await foldJournalParts(journal, { lines: false, threads, workers: false });
                expect(foldOnly!.lines).toBeNull();
                expect(bytesOf(foldOnly!.runs.pieces).equals(scanned)).toBe(true);
              }
            } finally {
              await journal.close();
            }
          } finally {
            rmSync(dataDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('#15.9 on worker threads gives what it gives on this one (run under tsx, in a process of its own)', () => {
    const dataDir = mkdtempSync(path.join(tmp, 'workers-'));
    const records = fc.sample(inputArb, { numRuns: 3000, seed: 42 });
    writeJournal(
      dataDir,
      records,
      [700, 1900],
      [
        { op: 'edit', line: 1200, at: 40, char: 'x' },
        { op: 'dup', line: 2500 },
      ],
    );
    const code = `
      const { openJournalAt } = await import(${JSON.stringify(path.join(ROOT, 'src/executions/open-journal-at.ts'))});
      const { judgeScanned } = await import(${JSON.stringify(path.join(ROOT, 'src/executions/verify-journal.ts'))});
      const { foldJournalParts } = await import(${JSON.stringify(path.join(ROOT, 'src/reports/fold-journal-parts.ts'))});
      const { createHash } = await import('node:crypto');
      const dataDir = ${JSON.stringify(dataDir)};
      const journal = await openJournalAt({ backend: 'file', dataDir }, { onWarning: () => undefined });
      const out = {};
      for (const workers of [true, false]) {
        const read = await foldJournalParts(journal, { lines: true, threads: 3, workers });
        out[workers] = {
          threads: read.threads,
          runs: createHash('sha256').update(Buffer.concat(read.runs.pieces)).digest('hex'),
          report: await judgeScanned({ dataDir }, read.lines),
        };
      }
      await journal.close();
      process.stdout.write(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    type Out = { threads: number; runs: string; report: { ok: boolean; problems: unknown[] } };
    const out = JSON.parse(r.stdout) as Record<string, Out>;
    expect(out.true!.threads).toBe(3);
    expect(out.false!.threads).toBe(1);
    expect({ ...out.true, threads: 0 }).toEqual({ ...out.false, threads: 0 });
    expect(out.true!.report.ok).toBe(false);
    expect(out.true!.report.problems.length).toBeGreaterThan(0);
  });

  it('#15.9 the bundled worker (dist/reports/fold-worker.js) reads parts as this thread reads them', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'bundled-'));
    writeJournal(
      dataDir,
      fc.sample(inputArb, { numRuns: 500, seed: 7 }),
      [200],
      [{ op: 'garbage', line: 300 }],
    );
    const dir = path.join(dataDir, 'executions');
    const parts: JournalPart[] = readdirSync(dir)
      .filter((n) => n.endsWith('.jsonl'))
      .sort()
      .map((name, k, all) => {
        const file = path.join(dir, name);
        const to = readFileSync(file).length;
        return { file, from: 0, to, foldTo: to, finishes: k < all.length - 1 };
      });
    const worker = new Worker(path.join(ROOT, 'dist/reports/fold-worker.js'), {
      workerData: { parts, lines: true },
    });
    const read = await new Promise<PartsRead>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const here = readJournalParts(parts, true);
    expect(read.lines!.count).toBeGreaterThan(500);
    expect(read).toEqual(here);
  });

  it('#15.9 OPSLEDGER_REPORT_THREADS other than a whole number from 1 to 16 is refused with INPUT_INVALID', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'env-'));
    writeJournal(dataDir, fc.sample(inputArb, { numRuns: 20, seed: 3 }), [], []);
    const journal = await openJournalAt({ backend: 'file', dataDir }, { onWarning: () => undefined });
    const before = process.env.OPSLEDGER_REPORT_THREADS;
    try {
      for (const bad of ['0', '17', 'two', '1.5', '-1']) {
        process.env.OPSLEDGER_REPORT_THREADS = bad;
        await expect(foldJournalParts(journal, { lines: true, workers: false })).rejects.toMatchObject({
          code: 'INPUT_INVALID',
          message: expect.stringContaining('OPSLEDGER_REPORT_THREADS must be a whole number from 1 to 16'),
        });
      }
      process.env.OPSLEDGER_REPORT_THREADS = '3';
      const read = await foldJournalParts(journal, { lines: true, workers: false });
      expect(read!.lines!.count).toBe(20);
    } finally {
      if (before === undefined) delete process.env.OPSLEDGER_REPORT_THREADS;
      else process.env.OPSLEDGER_REPORT_THREADS = before;
      await journal.close();
    }
  });
});
