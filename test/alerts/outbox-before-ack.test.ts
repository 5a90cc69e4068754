import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertOnAppend, levelOutbox, type JournalAlertOptions } from '../../src/alerts/alert-on-append.js';
import { executionEvent } from '../../src/alerts/alert-event.js';
import { openAlerts } from '../../src/alerts/open-alerts.js';
import { outboxLine } from '../../src/alerts/outbox-line.js';
import type { Outbox } from '../../src/alerts/outbox.js';
import { OpsledgerError } from '../../src/errors/opsledger-error.js';
import { openJournal, type FileJournal } from '../../src/executions/open-journal.js';
import { acquireFlock } from '../../src/state/flock.js';
import { makeInput } from '../executions/make-input.js';
import { expectOutboxLevelWithJournal, outboxEvents, RUN_HOOK } from './outbox-journal-step.js';

/** How the next outbox write fails: not at all, cleanly (ENOSPC before a byte), or torn (half a line, then ENOSPC). */
type Fault = 'none' | 'clean' | 'torn';

/** A process's view: the journal hooked to the outbox, with a switch that makes its next outbox write fail. */
async function openProcess(dataDir: string): Promise<{
  journal: FileJournal;
  options: JournalAlertOptions;
  failNext: (fault: Fault) => void;
}> {
  const alerts = openAlerts({
    dataDir,
    config: { webhooks: [RUN_HOOK] },
    now: () => new Date(),
    onWarning: () => {},
  });
  const real = alerts.journalAlerts();
  let fault: Fault = 'none';
  const outbox: Outbox = {
    ...real.outbox,
    exclusive: (fn) =>
      real.outbox.exclusive((writer) =>
        fn({
          ...writer,
          async append(events, mark) {
            const now = fault;
            fault = 'none';
            if (now === 'none') return writer.append(events, mark);
            if (now === 'torn') {
              const text = events.map((event) => outboxLine({ event })).join('');
              mkdirSync(path.join(dataDir, 'alerts'), { recursive: true });
              appendFileSync(
                path.join(dataDir, 'alerts/outbox.jsonl'),
                text.slice(0, Math.max(1, text.length >> 1)),
              );
            }
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
        }),
      ),
  };
  const options = { ...real, outbox };
  const journal = alertOnAppend(await openJournal({ dataDir }), options);
  return { journal, options, failNext: (f) => (fault = f) };
}

describe('#19.2 the outbox entry is durable before the append is acknowledged', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-outbox-step-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('#19.2 a resolved append has its event in the outbox already; a failed outbox write fails the append clearly, and the event is owed, not lost', async () => {
    const p = await openProcess(dataDir);
    const first = await p.journal.append(makeInput());
    expect(outboxEvents(dataDir).map((e) => e.id)).toEqual([executionEvent(first, new Date()).id]);

    p.failNext('clean');
    const failed = await p.journal.append(makeInput()).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(OpsledgerError);
    expect((failed as OpsledgerError).code).toBe('JOURNAL_UNAVAILABLE');
    expect((failed as Error).message).toMatch(
      /is recorded in the journal \(seq 2\), but its alert could not be written to the alerts outbox: ENOSPC/,
    );
    expect((failed as OpsledgerError).hint).toMatch(/next append or when `opsledger serve` starts/);
    // The next append writes the owed event first, then its own.
    const third = await p.journal.append(makeInput());
    expect(outboxEvents(dataDir).at(-1)!.id).toBe(executionEvent(third, new Date()).id);
    await expectOutboxLevelWithJournal(dataDir);
    await p.journal.close();
  });

  it('#19.2 with the outbox unwritable from the start, nothing is recorded and the error says so', async () => {
    // A directory where the outbox file should be: every write to it fails (root ignores file modes).
    mkdirSync(path.join(dataDir, 'alerts/outbox.jsonl'), { recursive: true });
    const p = await openProcess(dataDir);
    const err = await p.journal.append(makeInput()).catch((e: unknown) => e);
    expect((err as OpsledgerError).code).toBe('JOURNAL_UNAVAILABLE');
    expect((err as Error).message).toMatch(/alerts outbox, so nothing was recorded/);
    expect(await p.journal.query({ limit: 10 })).toEqual([]);
    rmSync(path.join(dataDir, 'alerts/outbox.jsonl'), { recursive: true });
    await p.journal.append(makeInput());
    await expectOutboxLevelWithJournal(dataDir);
    await p.journal.close();
  });

  it('#19.2 the outbox lock held by another process past the wait: JOURNAL_LOCKED, nothing recorded', async () => {
    mkdirSync(path.join(dataDir, 'alerts'), { recursive: true });
    const release = await acquireFlock(path.join(dataDir, 'alerts/outbox.lock'));
    const p = await openProcess(dataDir);
    try {
      const err = await p.journal.append(makeInput()).catch((e: unknown) => e);
      expect((err as OpsledgerError).code).toBe('JOURNAL_LOCKED');
      expect((err as Error).message).toMatch(/alerts outbox is locked, so nothing was recorded/);
      expect(await p.journal.query({ limit: 10 })).toEqual([]);
    } finally {
      release();
      await p.journal.close();
    }
  }, 30_000);

  it('#19.2 property: appends, failed and torn outbox writes and restarts in any order leave the outbox level with the journal, each event once', async () => {
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.constant({ op: 'append' as const, fault: 'none' as Fault }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom<Fault>('clean', 'torn').map((fault) => ({ op: 'append' as const, fault })),
      },
      { weight: 1, arbitrary: fc.constant({ op: 'restart' as const, fault: 'none' as Fault }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-outbox-prop-'));
        let p = await openProcess(dir);
        try {
          for (const s of steps) {
            if (s.op === 'restart') {
              // A new process (serve starting): what a crash left owed is written before anything else.
              await p.journal.close();
              p = await openProcess(dir);
              await levelOutbox(p.journal, p.options);
              await expectOutboxLevelWithJournal(dir);
              continue;
            }
            p.failNext(s.fault);
            const before = p.journal.head()?.seq ?? 0;
            const result = await p.journal.append(makeInput()).then(
              (record) => ({ record }),
              (err: unknown) => ({ err }),
            );
            if ('record' in result) {
              // Acknowledged: its event is durable already.
              expect(outboxEvents(dir).map((e) => e.id)).toContain(
                executionEvent(result.record, new Date()).id,
              );
            } else {
              expect(s.fault).not.toBe('none');
              expect((result.err as OpsledgerError).code).toBe('JOURNAL_UNAVAILABLE');
              expect((result.err as Error).message).toMatch(/alerts outbox/);
            }
            expect(p.journal.head()?.seq ?? 0).toBeGreaterThanOrEqual(before);
          }
          await p.journal.close();
          p = await openProcess(dir);
          await levelOutbox(p.journal, p.options);
          await expectOutboxLevelWithJournal(dir);
        } finally {
          await p.journal.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});
