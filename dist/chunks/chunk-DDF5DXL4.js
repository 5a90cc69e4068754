import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/executions/postgres/migrations/001-journal.ts
var sql = `
CREATE TABLE journal_records (
  pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq bigint NOT NULL,
  id text COLLATE "C" NOT NULL,
  hash text NOT NULL,
  body text NOT NULL,
  appended_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_records_seq ON journal_records (seq, pos);
CREATE INDEX journal_records_id ON journal_records (id, seq);

CREATE TABLE journal_latest (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL,
  pos bigint NOT NULL,
  action_id text NOT NULL,
  status text NOT NULL,
  trigger text NOT NULL,
  user_stored text NOT NULL,
  targets text[] NOT NULL,
  started_ms bigint NOT NULL
);
CREATE INDEX journal_latest_started ON journal_latest (started_ms DESC, id DESC);
CREATE INDEX journal_latest_action ON journal_latest (action_id, started_ms DESC, id DESC);
CREATE INDEX journal_latest_status ON journal_latest (status, started_ms DESC, id DESC);
CREATE INDEX journal_latest_trigger ON journal_latest (trigger, started_ms DESC, id DESC);
CREATE INDEX journal_latest_user ON journal_latest (user_stored, started_ms DESC, id DESC);
CREATE INDEX journal_latest_targets ON journal_latest USING gin (targets);

CREATE TABLE journal_checkpoints (
  from_seq bigint NOT NULL,
  through_seq bigint PRIMARY KEY,
  last_hash text NOT NULL,
  purged_at text NOT NULL,
  reason text NOT NULL
);

CREATE TABLE pseudonym_vault (
  pseudonym text PRIMARY KEY,
  identity text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('user', 'os_user')),
  linked_to text NOT NULL DEFAULT '',
  created_at text NOT NULL,
  UNIQUE (kind, identity, linked_to)
);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
`;

// src/executions/postgres/migrations/002-shared-state.ts
var sql2 = `
CREATE TABLE api_keys (
  ord bigint GENERATED ALWAYS AS IDENTITY,
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  user_email text NOT NULL,
  hash text NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  expires_at text,
  revoked_at text,
  last_used_at text,
  rate_limit jsonb NOT NULL DEFAULT 'null'
);

CREATE TABLE rate_limit_hits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);

CREATE TABLE schedule_claims (
  firing_id text PRIMARY KEY,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schedule_claims_claimed_at ON schedule_claims (claimed_at);
`;

// src/executions/postgres/migrations/003-alerts.ts
var sql3 = `
CREATE TABLE alert_outbox (
  pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event jsonb,
  mark jsonb,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_state (
  webhook text PRIMARY KEY,
  state jsonb NOT NULL
);

CREATE TABLE webhook_deliveries (
  pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id text NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX webhook_deliveries_id ON webhook_deliveries (delivery_id, pos);
`;

// src/executions/postgres/migrations/index.ts
var MIGRATIONS = [
  { version: 1, name: "journal", sql },
  { version: 2, name: "shared-state", sql: sql2 },
  { version: 3, name: "alerts", sql: sql3 }
];
var LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1).version;

export {
  MIGRATIONS,
  LATEST_SCHEMA_VERSION
};
