import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import type { Journal } from '../../src/executions/types.js';
import { closeLapsedRecordings } from '../../src/server/close-lapsed-recordings.js';
import { pgRecordingLeases } from '../../src/server/pg-recording-leases.js';
import type { RecordingLeases } from '../../src/server/recording-leases.js';
import { makeInput } from '../executions/make-input.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';

const RUNS = 12;
const INSTANCES = 4;

/**
 * Several watchdogs (one journal connection each, as several `serve` instances) closing the same lapsed remote runs at
 * once (docs/postgres.md, "Several instances"): one `abandoned` record per run — by the lease claim, and by the
 * journal's conditional append alone when every watchdog is handed every lapsed run (a claim that never holds).
 */
describe('lapsed remote runs closed by racing watchdogs on one PostgreSQL journal', () => {
  let db: TestSchema;
  let journals: Journal[];

  beforeEach(async () => {
    db = await createTestSchema();
    journals = await Promise.all(
      Array.from({ length: INSTANCES }, () => openJournalAt({ backend: 'postgres', url: db.url })),
    );
  });
  afterEach(async () => {
    await Promise.all(journals.map((j) => j.close()));
    await db.drop();
  });

  async function race(leasesFor: (i: number) => RecordingLeases): Promise<Map<string, string[]>> {
    const ids: string[] = [];
    const shared = pgRecordingLeases(db.pool);
    for (let i = 0; i < RUNS; i++) {
      const start = await journals[0]!.append(
        makeInput({
          id: `lapse-${i}`,
          recorded_via: 'server',
          initiator: { user: 'dave@example.com', via: 'cli' },
        }),
      );
      ids.push(start.id);
      await shared.renew(start.id, new Date(Date.now() - 1_000));
    }
    const later = () => new Date(Date.now() + 60_000);
    await Promise.all(
      journals.flatMap((journal, i) =>
        [0, 1].map(() =>
          closeLapsedRecordings({ journal, leases: leasesFor(i), now: later, leaseMs: 60_000 }),
        ),
      ),
    );
    const statuses = new Map<string, string[]>();
    for (const id of ids)
      statuses.set(
        id,
        (await journals[0]!.records(id)).map((r) => r.status),
      );
    return statuses;
  }

  it('with the lease claim: one abandoned record per run', async () => {
    const statuses = await race(() => pgRecordingLeases(db.pool));
    for (const [id, s] of statuses) expect(s, id).toEqual(['running', 'abandoned']);
  }, 60_000);

  it('every watchdog handed every lapsed run: the conditional append still writes one', async () => {
    const noClaim = (): RecordingLeases => {
      const real = pgRecordingLeases(db.pool);
      return {
        ...real,
        // Never claims: every watchdog sees every run whose lease lapsed.
        claimLapsed: async () => Array.from({ length: RUNS }, (_, i) => `lapse-${i}`),
      };
    };
    const statuses = await race(noClaim);
    for (const [id, s] of statuses) expect(s, id).toEqual(['running', 'abandoned']);
  }, 60_000);
});
