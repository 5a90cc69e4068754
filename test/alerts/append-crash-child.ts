/**
 * A process that appends runs through the alerts hook (as `opsledger run` does) and kills itself with SIGKILL at a
 * chosen point of its `at`-th append (0-based), printing `ack <seq> <id>` after each append that returned:
 *
 *   node --import tsx append-crash-child.ts DATA_DIR COUNT AT POINT
 *
 * POINT: before-journal (outbox lock held, nothing written), after-journal (record fsync'd, outbox not written),
 * torn-outbox (half of the outbox write on disk), after-outbox (everything durable, not yet acknowledged), none.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { alertOnAppend } from '../../src/alerts/alert-on-append.js';
import { openAlerts } from '../../src/alerts/open-alerts.js';
import { outboxLine } from '../../src/alerts/outbox-line.js';
import type { Outbox } from '../../src/alerts/outbox.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { makeInput } from '../executions/make-input.js';
import { RUN_HOOK } from './run-hook.js';

const [dataDir, count, at, point] = process.argv.slice(2) as [string, string, string, string];
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const alerts = openAlerts({
  dataDir,
  config: { webhooks: [RUN_HOOK] },
  now: () => new Date(),
  onWarning: () => {},
});
const real = alerts.journalAlerts();
let n = 0;
const outbox: Outbox = {
  ...real.outbox,
  exclusive: (fn) =>
    real.outbox.exclusive((writer) =>
      fn({
        ...writer,
        async append(events, mark) {
          // The write of a record's events carries events or its mark after the record; the starting mark comes first.
          const recordWrite = mark !== undefined && journalWritten;
          if (recordWrite && n === Number(at) && point === 'torn-outbox') {
            const text = events.map((event) => outboxLine({ event })).join('') + outboxLine({ mark });
            mkdirSync(path.join(dataDir, 'alerts'), { recursive: true });
            appendFileSync(
              path.join(dataDir, 'alerts/outbox.jsonl'),
              text.slice(0, Math.ceil(text.length / 2)),
            );
            die();
          }
          await writer.append(events, mark);
          if (recordWrite && n === Number(at) && point === 'after-outbox') die();
        },
      }),
    ),
};
let journalWritten = false;
const journal = await openJournal({ dataDir });
const append = journal.append.bind(journal);
journal.append = async (input) => {
  if (n === Number(at) && point === 'before-journal') die();
  const record = await append(input);
  journalWritten = true;
  if (n === Number(at) && point === 'after-journal') die();
  return record;
};
const hooked = alertOnAppend(journal, { ...real, outbox });
for (; n < Number(count); n++) {
  journalWritten = false;
  const record = await hooked.append(makeInput({ id: `run-${process.pid}-${n}` }));
  process.stdout.write(`ack ${record.seq} ${record.id}\n`);
}
await journal.close();
