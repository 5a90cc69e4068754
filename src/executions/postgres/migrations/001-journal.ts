/**
 * The journal: one row per record (`body` is the exact sealed line the hash covers, as in a file segment), the
 * latest state of each execution for the filters, retention checkpoints, the pseudonym vault and idempotency keys.
 * `seq` is deliberately not unique: appends are serialized by an advisory lock, and a forged duplicate must stay
 * visible to `verify` as `inserted` rather than be hidden by a constraint (docs/postgres.md).
 */
export const sql = `
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
