import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpsledgerConfig } from '../config/load-config.js';
import { readRecordsAfter } from '../executions/read-records-after.js';
import type { HistoryIndex } from '../history/types.js';
import type { FindingGroup } from '../reports/report-model.js';
import { collectFindingAlerts } from './collect-finding-alerts.js';
import { writeFileDurably } from '../state/durable-write.js';
import { withFlock } from '../state/flock.js';
import { createAlertEmitter, type AlertEmitter } from './alert-emitter.js';
import type { JournalAlertOptions } from './alert-on-append.js';
import { collectHistoryAlerts, type HistoryCursor } from './collect-history-alerts.js';
import { alertsDir, openFileOutbox } from './file-outbox.js';
import type { Outbox } from './outbox.js';

/** The alerts of one data dir: the outbox (opened on first use) and an emitter over the configured webhooks. */
export interface Alerts {
  emitter: AlertEmitter;
  outbox(): Outbox;
  /**
   * What the journal hook needs (`alertOnAppend`, `levelOutbox`). `recordsAfter` reads the journal that is open (a
   * PostgreSQL one passes its scan); by default the data dir's file journal, read backwards from its end.
   */
  journalAlerts(recordsAfter?: JournalAlertOptions['recordsAfter']): JournalAlertOptions;
  /** After a history refresh: put the alerts of what history gained into the outbox. */
  emitHistoryAlerts(history: HistoryIndex): Promise<void>;
  /** After a report: `finding.opened` for each finding no earlier report had. */
  emitFindingAlerts(groups: readonly FindingGroup[]): Promise<void>;
}

/** Open the alerts of a data dir (docs/alerts.md). Nothing touches the disk until an event is wanted. */
export function openAlerts(options: {
  dataDir: string;
  config: Pick<OpsledgerConfig, 'webhooks'>;
  now: () => Date;
  onWarning: (message: string) => void;
  onAppended?: () => void;
  /** The outbox to use instead of the data dir's file (the PostgreSQL one: `pg-outbox.ts`). */
  outbox?: Outbox;
}): Alerts {
  let outbox: Outbox | null = options.outbox ?? null;
  const getOutbox = (): Outbox => (outbox ??= openFileOutbox(options.dataDir, options.onWarning));
  const emitter = createAlertEmitter({
    outbox: getOutbox,
    webhooks: options.config.webhooks,
    ...(options.onAppended ? { onAppended: options.onAppended } : {}),
  });
  const dir = alertsDir(options.dataDir);
  const cursorFile = path.join(dir, 'history-cursor.json');
  const findingsFile = path.join(dir, 'findings-seen.json');
  return {
    emitter,
    outbox: getOutbox,
    journalAlerts: (recordsAfter) => ({
      outbox: getOutbox(),
      webhooks: options.config.webhooks,
      now: options.now,
      recordsAfter: recordsAfter ?? ((seq) => readRecordsAfter(options.dataDir, seq)),
      ...(options.onAppended ? { onAppended: options.onAppended } : {}),
    }),
    async emitFindingAlerts(groups) {
      if (!options.config.webhooks.some((w) => w.events.includes('finding.opened'))) return;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      await withFlock(path.join(dir, 'findings-seen.lock'), { what: 'the finding alerts' }, async () => {
        let seen: string[] | null = null;
        try {
          seen = JSON.parse(readFileSync(findingsFile, 'utf8')) as string[];
        } catch {
          seen = null;
        }
        const next = collectFindingAlerts(groups, seen, options.now());
        await emitter.emit(next.events);
        await writeFileDurably(findingsFile, JSON.stringify(next.seen));
      });
    },
    async emitHistoryAlerts(history) {
      if (options.config.webhooks.length === 0) return;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Two serve instances refreshing at once tell each change once.
      await withFlock(
        path.join(dir, 'history-cursor.lock'),
        { what: 'the history alerts cursor' },
        async () => {
          let cursor: HistoryCursor | null = null;
          try {
            cursor = JSON.parse(readFileSync(cursorFile, 'utf8')) as HistoryCursor;
          } catch {
            cursor = null;
          }
          const { events, cursor: next } = collectHistoryAlerts(history, cursor, options.now());
          // The cursor is this data dir's; the claim in the outbox is what every instance shares (one told, once).
          await emitter.emitOnce(events);
          if (JSON.stringify(next) !== JSON.stringify(cursor))
            await writeFileDurably(cursorFile, JSON.stringify(next));
        },
      );
    },
  };
}
