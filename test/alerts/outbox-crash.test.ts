import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertOnAppend, levelOutbox } from '../../src/alerts/alert-on-append.js';
import { openAlerts } from '../../src/alerts/open-alerts.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { ROOT } from '../helpers/cli.js';
import { expectOutboxLevelWithJournal, journalRecords, RUN_HOOK } from './outbox-journal-step.js';

const CHILD = path.join(ROOT, 'test/alerts/append-crash-child.ts');

/** Run the crashing child to its end; its acknowledged record ids and how it ended. */
function runChild(
  dataDir: string,
  count: number,
  at: number,
  point: string,
): Promise<{ acks: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, String(count), String(at), point],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== null && code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      const acks = out
        .split('\n')
        .filter((l) => l.startsWith('ack '))
        .map((l) => l.split(' ')[2]!);
      resolve({ acks, signal });
    });
  });
}

/** What `serve` does at start-up: the journal hooked to the outbox, then the outbox levelled with the journal. */
async function restart(dataDir: string): Promise<number> {
  const alerts = openAlerts({
    dataDir,
    config: { webhooks: [RUN_HOOK] },
    now: () => new Date(),
    onWarning: () => {},
  });
  const journal = alertOnAppend(await openJournal({ dataDir }), alerts.journalAlerts());
  try {
    return await levelOutbox(journal, alerts.journalAlerts());
  } finally {
    await journal.close();
  }
}

const POINTS = ['before-journal', 'after-journal', 'torn-outbox', 'after-outbox'] as const;

describe('#19.2 kill -9 at each point between the journal append and its outbox write', () => {
  for (const point of POINTS) {
    it(`#19.2 killed ${point}: no acknowledged record without its alert, no alert without a record, each once`, async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), `opsledger-outbox-kill-${point}-`));
      try {
        // The first process dies in its third append.
        const first = await runChild(dataDir, 5, 2, point);
        expect(first.signal).toBe('SIGKILL');
        expect(first.acks).toHaveLength(2);
        const recorded = (await journalRecords(dataDir)).map((r) => r.id);
        expect(recorded).toEqual(expect.arrayContaining(first.acks));
        // The record of the killed append is in the journal exactly when the kill came after the journal write.
        expect(recorded).toHaveLength(point === 'before-journal' ? 2 : 3);

        // Recovery by the next process's append, then by serve's start-up: level either way, nothing twice.
        const second = await runChild(dataDir, 2, -1, 'none');
        expect(second.signal).toBeNull();
        await expectOutboxLevelWithJournal(dataDir);
        expect(await restart(dataDir)).toBe(0);
        await expectOutboxLevelWithJournal(dataDir);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('#19.2 killed after the journal write with no later append: serve start-up writes the owed alert', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-outbox-kill-start-'));
    try {
      await runChild(dataDir, 3, 1, 'after-journal');
      expect(await journalRecords(dataDir)).toHaveLength(2);
      expect(await restart(dataDir)).toBe(1);
      await expectOutboxLevelWithJournal(dataDir);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
