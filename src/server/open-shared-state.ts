import { hostname } from 'node:os';
import type { Store } from 'express-rate-limit';
import type { KeyStore } from '../access/key-store.js';
import type { DeliveryStateStore } from '../alerts/delivery-state.js';
import type { Outbox } from '../alerts/outbox.js';
import { openPgDeliveryState } from '../alerts/pg-delivery-state.js';
import { openPgOutbox } from '../alerts/pg-outbox.js';
import { openPgSession } from '../executions/postgres/pg-session.js';
import { openPgKeyStore } from '../access/pg-key-store.js';
import { schemaVersion } from '../executions/postgres/migrate.js';
import { LATEST_SCHEMA_VERSION } from '../executions/postgres/migrations/index.js';
import { createPool } from '../executions/postgres/pg-pool.js';
import { pgFiringClaimer } from '../schedules/pg-claim-firing.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { PgRateLimitStore } from './middleware/pg-rate-limit-store.js';
import { openPgIdempotencyStore } from './pg-idempotency-store.js';
import { pgRecordingLeases } from './pg-recording-leases.js';
import type { RecordingLeases } from './recording-leases.js';

/** The database state `GET /health` reports when the journal is in PostgreSQL. */
export interface DatabaseHealth {
  backend: 'postgres';
  reachable: boolean;
  schema_version: number | null;
  expected_schema_version: number;
  error?: string;
}

/** What every `serve` instance on one PostgreSQL journal shares (docs/postgres.md, "Several instances"). */
export interface SharedState {
  keys: KeyStore;
  idempotency: IdempotencyStore;
  rateLimitStore: Store;
  claimFiring: (firingId: string) => Promise<boolean>;
  databaseHealth: () => Promise<DatabaseHealth>;
  /** The alerts outbox (`alert_outbox`) and the webhook delivery state, shared by every instance. */
  outbox: Outbox;
  deliveryState: DeliveryStateStore;
  /** The leases of remote recordings (`recording_leases`): a renewal at one instance counts at every other. */
  recordingLeases: RecordingLeases;
  close(): Promise<void>;
}

/** Open the shared state on its own small pool (the journal keeps its pool for appends). */
export function openSharedState(url: string, now: () => Date): SharedState {
  const pool = createPool(url, 4);
  const outboxSession = openPgSession(url);
  const deliveryState = openPgDeliveryState(pool, url);
  return {
    outbox: openPgOutbox(pool, outboxSession),
    deliveryState,
    keys: openPgKeyStore(pool),
    idempotency: openPgIdempotencyStore(pool, now),
    rateLimitStore: new PgRateLimitStore(pool, 'per-key:'),
    claimFiring: pgFiringClaimer(pool, `${hostname()}:${process.pid}`),
    recordingLeases: pgRecordingLeases(pool),
    async databaseHealth() {
      try {
        return {
          backend: 'postgres',
          reachable: true,
          schema_version: await schemaVersion(pool),
          expected_schema_version: LATEST_SCHEMA_VERSION,
        };
      } catch (err) {
        return {
          backend: 'postgres',
          reachable: false,
          schema_version: null,
          expected_schema_version: LATEST_SCHEMA_VERSION,
          error: (err as Error).message,
        };
      }
    },
    async close() {
      await Promise.all([outboxSession.close(), deliveryState.close()]);
      await pool.end();
    },
  };
}
