import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../src/export/object-store.js';
import { runExport } from '../../src/export/run-export.js';
import { verifyExport } from '../../src/export/verify-export.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { hashRecord } from '../../src/executions/record-hash.js';
import { makeInput } from '../executions/make-input.js';

/** An object store in memory whose Nth write can be made to fail (a network cut mid-export). */
class FakeObjectStore implements ObjectStore {
  readonly location = 's3://fake/prefix';
  readonly objects = new Map<string, Buffer>();
  /** 1-based number of the write that fails; 0: none. */
  failAt = 0;
  private writes = 0;
  async get(key: string): Promise<Buffer | null> {
    return this.objects.get(key) ?? null;
  }
  async put(key: string, body: Buffer): Promise<void> {
    if (++this.writes === this.failAt) throw new Error('connection reset');
    this.objects.set(key, body);
  }
  async list(): Promise<string[]> {
    return [...this.objects.keys()];
  }
}

describe('#19.4 export core', () => {
  let dataDir: string;
  let reportsDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-export-core-'));
    reportsDir = path.join(dataDir, 'no-reports');
    const journal = await openJournal({ dataDir });
    for (let i = 0; i < 3; i++) await journal.append(makeInput({ id: `run-${i}` }));
    await journal.close();
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('#19.4 an export cut off midway resumes where it stopped; the result verifies', async () => {
    const store = new FakeObjectStore();
    const options = { store, dataDir, auditEvents: () => [], reportsDir, now: () => new Date() };
    // First attempt: the journal object is written, then the manifest write fails.
    store.failAt = 2;
    await expect(runExport(options)).rejects.toThrow('connection reset');
    expect(store.objects.has('manifest.json')).toBe(false);
    expect(store.objects.size).toBe(1);
    const resumed = await runExport(options);
    // The same object again, same key and bytes (idempotent), then the manifest.
    expect(resumed.uploaded).toEqual(['journal/000000000001-000000000003.jsonl']);
    expect((await verifyExport(store)).ok).toBe(true);
    expect((await runExport(options)).uploaded).toEqual([]);
  });

  it('#19.4 export verify names a missing object and a record edited with its hash recomputed (chain broken)', async () => {
    const store = new FakeObjectStore();
    const options = { store, dataDir, auditEvents: () => [], reportsDir, now: () => new Date() };
    await runExport(options);
    const journal = await openJournal({ dataDir });
    await journal.append(makeInput({ id: 'run-later' }));
    await journal.close();
    expect((await runExport(options)).uploaded).toEqual(['journal/000000000004-000000000004.jsonl']);
    store.objects.delete('journal/000000000004-000000000004.jsonl');
    // A careful forger re-hashes the edited record and updates the manifest's sha256: the chain still gives it away.
    const key = 'journal/000000000001-000000000003.jsonl';
    const lines = store.objects.get(key)!.toString().trimEnd().split('\n');
    const record = JSON.parse(lines[1]!) as Record<string, unknown>;
    record.status = 'failed';
    record.hash = hashRecord(record as never);
    lines[1] = JSON.stringify(record);
    const body = Buffer.from(lines.join('\n') + '\n');
    store.objects.set(key, body);
    const manifest = JSON.parse(store.objects.get('manifest.json')!.toString()) as {
      journal: { key: string; sha256: string }[];
    };
    manifest.journal[0]!.sha256 = createHash('sha256').update(body).digest('hex');
    store.objects.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    const report = await verifyExport(store);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { key: 'journal/000000000004-000000000004.jsonl', line: null, message: 'missing' },
        expect.objectContaining({
          key,
          line: 3,
          message: expect.stringMatching(/does not follow the record before it/),
        }),
      ]),
    );
  });
});
