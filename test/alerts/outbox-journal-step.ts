import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { executionEvent, type AlertEvent } from '../../src/alerts/alert-event.js';
import { parseOutboxLine } from '../../src/alerts/outbox-line.js';
import { openJournal } from '../../src/executions/open-journal.js';
import type { ExecutionRecord } from '../../src/executions/types.js';

export { RUN_HOOK } from './run-hook.js';

/** The valid events of the outbox file, in order (marks and damaged lines left out). */
export function outboxEvents(dataDir: string): AlertEvent[] {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, 'alerts/outbox.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .flatMap((l) => {
      const parsed = parseOutboxLine(Buffer.from(l));
      return parsed && 'event' in parsed ? [parsed.event] : [];
    });
}

/** Every record of the journal, read afresh. */
export async function journalRecords(dataDir: string): Promise<ExecutionRecord[]> {
  const journal = await openJournal({ dataDir });
  try {
    const records: ExecutionRecord[] = [];
    for await (const r of journal.scan()) records.push(r);
    return records;
  } finally {
    await journal.close();
  }
}

/**
 * The guarantee: the outbox holds the event of every record in the journal, exactly once, and no event of a record
 * the journal does not hold (event ids are derived from the record's id and hash).
 */
export async function expectOutboxLevelWithJournal(dataDir: string): Promise<void> {
  const records = await journalRecords(dataDir);
  const expected = records.map((r) => executionEvent(r, new Date(0)).id).sort();
  const got = outboxEvents(dataDir)
    .filter((e) => e.type.startsWith('execution.'))
    .map((e) => e.id)
    .sort();
  expect(got).toEqual(expected);
}
