import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAbandonedRuns, TEMP_LEASE_GRACE_MS } from '../../src/executions/close-abandoned-runs.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { leaseDir } from '../../src/executions/recorder-lease.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'opsledger-temp-lease-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function sweep(): Promise<void> {
  const journal = await openJournal({ dataDir });
  try {
    await closeAbandonedRuns({ dataDir, journal, now: () => new Date(), closedBy: 'test' });
  } finally {
    await journal.close();
  }
}

describe('a lease being written is not swept as left behind (close-abandoned-runs.ts)', () => {
  it('leaves a fresh temp lease (created, not yet locked by its live recorder) and removes one past the grace', async () => {
    const dir = leaseDir(dataDir);
    mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, '.01JTEMPLEASE0000000000000.tmp');
    writeFileSync(temp, '');
    await sweep();
    // Removing it here made the recorder's rename into place fail with ENOENT (seen under concurrent `exec`s).
    expect(existsSync(temp)).toBe(true);
    const old = (Date.now() - TEMP_LEASE_GRACE_MS - 60_000) / 1000;
    utimesSync(temp, old, old);
    await sweep();
    expect(existsSync(temp)).toBe(false);
  });
});
