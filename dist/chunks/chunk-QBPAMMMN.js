function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

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

// src/executions/postgres/migrations/004-recording-leases.ts
var sql4 = `
CREATE TABLE recording_leases (
  id text COLLATE "C" PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX recording_leases_expires_at ON recording_leases (expires_at);
`;

// src/executions/postgres/migrations/005-alert-claims.ts
var sql5 = `
CREATE TABLE alert_claims (
  event_id text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
`;

// src/executions/postgres/migrations/006-journal-pending.ts
var sql6 = `
CREATE TABLE journal_pending (
  pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token uuid NOT NULL UNIQUE,
  backend_pid integer NOT NULL,
  id text COLLATE "C" NOT NULL,
  before_prev text NOT NULL,
  before_seq text NOT NULL,
  after_seq text NOT NULL,
  action_id text NOT NULL,
  status text NOT NULL,
  trigger text NOT NULL,
  user_stored text NOT NULL,
  targets text[] NOT NULL,
  started_ms bigint NOT NULL,
  staged_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE journal_records ADD COLUMN staged uuid;

-- The caller holds the journal's transaction-scoped advisory lock. Returns how many rows it chained.
CREATE FUNCTION journal_chain_pending(mine uuid[]) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  head_seq bigint := 0;
  head_hash text := repeat('0', 64);
  p record;
  body text;
  h text;
  at bigint;
  n integer := 0;
BEGIN
  SELECT t.seq, t.hash INTO head_seq, head_hash FROM (
    (SELECT r.seq, r.hash FROM journal_records r ORDER BY r.seq DESC, r.pos DESC LIMIT 1)
    UNION ALL
    (SELECT c.through_seq, c.last_hash FROM journal_checkpoints c ORDER BY c.through_seq DESC LIMIT 1)
  ) t ORDER BY t.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR p IN SELECT * FROM journal_pending ORDER BY pos LOOP
    IF (p.token = ANY (mine) OR EXISTS (SELECT 1 FROM pg_stat_get_activity(p.backend_pid)))
       AND NOT EXISTS (SELECT 1 FROM journal_records r WHERE r.id = p.id AND r.staged = p.token) THEN
      head_seq := head_seq + 1;
      body := p.before_prev || head_hash || p.before_seq || head_seq::text || p.after_seq;
      h := encode(sha256(convert_to(body, 'UTF8')), 'hex');
      head_hash := h;
      INSERT INTO journal_records (seq, id, hash, body, staged)
        VALUES (head_seq, p.id, h, left(body, -1) || ',"hash":"' || h || '"}', p.token)
        RETURNING pos INTO at;
      INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
        VALUES (p.id, head_seq, at, p.action_id, p.status, p.trigger, p.user_stored, p.targets, p.started_ms)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, pos = excluded.pos, action_id = excluded.action_id,
          status = excluded.status, trigger = excluded.trigger, user_stored = excluded.user_stored,
          targets = excluded.targets, started_ms = excluded.started_ms;
      n := n + 1;
    END IF;
    DELETE FROM journal_pending WHERE pos = p.pos;
  END LOOP;
  RETURN n;
END
$fn$;

-- A writer waits for its staged rows (mine: their tokens). The first writer to get the journal lock (lock_key) chains
-- every staged row, holding wait_key too; the others wait for that transaction to end, all woken together (a shared
-- hold of wait_key, in a subtransaction rolled back at once so it is released), then find their rows chained, or,
-- staged after that holder looked, try again. Nobody waiting holds lock_key, so only a chainer makes the try fail.
-- Returns true when this writer chained (it holds both locks until its COMMIT).
CREATE FUNCTION journal_settle(mine uuid[], lock_key bigint, wait_key bigint) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  rounds integer := 0;
BEGIN
  LOOP
    IF pg_try_advisory_xact_lock(lock_key) THEN
      PERFORM pg_advisory_xact_lock(wait_key);
      PERFORM journal_chain_pending(mine);
      RETURN true;
    END IF;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(wait_key);
      RAISE SQLSTATE 'OL001';
    EXCEPTION WHEN SQLSTATE 'OL001' THEN
      NULL;
    END;
    IF NOT EXISTS (SELECT 1 FROM journal_pending WHERE token = ANY (mine)) THEN
      RETURN false;
    END IF;
    -- The lock holder had not taken wait_key yet (or chains without it, as a moment ago): do not spin.
    rounds := rounds + 1;
    IF rounds > 1 THEN
      PERFORM pg_sleep(0.0005);
    END IF;
  END LOOP;
END
$fn$;
`;

// src/executions/postgres/migrations/007-journal-targets.ts
var sql7 = `
CREATE TABLE journal_targets (
  target text COLLATE "C" NOT NULL,
  started_ms bigint NOT NULL,
  id text COLLATE "C" NOT NULL,
  action_id text NOT NULL,
  PRIMARY KEY (target, started_ms, id)
);
CREATE INDEX journal_targets_action ON journal_targets (target, action_id, started_ms, id);

CREATE FUNCTION journal_targets_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM journal_targets t
      WHERE t.target = ANY (OLD.targets) AND t.started_ms = OLD.started_ms AND t.id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO journal_targets (target, started_ms, id, action_id)
      SELECT u, NEW.started_ms, NEW.id, NEW.action_id FROM unnest(NEW.targets) u
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER journal_targets_insert AFTER INSERT ON journal_latest
  FOR EACH ROW WHEN (cardinality(NEW.targets) > 0) EXECUTE FUNCTION journal_targets_keep();
CREATE TRIGGER journal_targets_update AFTER UPDATE ON journal_latest
  FOR EACH ROW WHEN (OLD.targets IS DISTINCT FROM NEW.targets OR OLD.started_ms IS DISTINCT FROM NEW.started_ms
    OR OLD.action_id IS DISTINCT FROM NEW.action_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION journal_targets_keep();
CREATE TRIGGER journal_targets_delete AFTER DELETE ON journal_latest
  FOR EACH ROW WHEN (cardinality(OLD.targets) > 0) EXECUTE FUNCTION journal_targets_keep();

INSERT INTO journal_targets (target, started_ms, id, action_id)
  SELECT u, l.started_ms, l.id, l.action_id FROM journal_latest l, unnest(l.targets) u
  ON CONFLICT DO NOTHING;
ANALYZE journal_targets;
-- No query reads it any more; every append wrote it.
DROP INDEX journal_latest_targets;

CREATE OR REPLACE FUNCTION journal_chain_pending(mine uuid[]) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  head_seq bigint := 0;
  head_hash text := repeat('0', 64);
  p record;
  body text;
  h text;
  at bigint;
  n integer := 0;
BEGIN
  SELECT t.seq, t.hash INTO head_seq, head_hash FROM (
    (SELECT r.seq, r.hash FROM journal_records r ORDER BY r.seq DESC, r.pos DESC LIMIT 1)
    UNION ALL
    (SELECT c.through_seq, c.last_hash FROM journal_checkpoints c ORDER BY c.through_seq DESC LIMIT 1)
  ) t ORDER BY t.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR p IN SELECT * FROM journal_pending ORDER BY pos LOOP
    IF EXISTS (SELECT 1 FROM journal_records r WHERE r.id = p.id AND r.staged = p.token) THEN
      -- Chained already (a retry staged it again): never twice.
      DELETE FROM journal_pending WHERE pos = p.pos;
    ELSIF p.token = ANY (mine) OR EXISTS (SELECT 1 FROM pg_stat_get_activity(p.backend_pid)) THEN
      head_seq := head_seq + 1;
      body := p.before_prev || head_hash || p.before_seq || head_seq::text || p.after_seq;
      h := encode(sha256(convert_to(body, 'UTF8')), 'hex');
      head_hash := h;
      INSERT INTO journal_records (seq, id, hash, body, staged)
        VALUES (head_seq, p.id, h, left(body, -1) || ',"hash":"' || h || '"}', p.token)
        RETURNING pos INTO at;
      INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
        VALUES (p.id, head_seq, at, p.action_id, p.status, p.trigger, p.user_stored, p.targets, p.started_ms)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, pos = excluded.pos, action_id = excluded.action_id,
          status = excluded.status, trigger = excluded.trigger, user_stored = excluded.user_stored,
          targets = excluded.targets, started_ms = excluded.started_ms;
      n := n + 1;
      DELETE FROM journal_pending WHERE pos = p.pos;
    ELSE
      -- Abandoned: its connection died before anyone chained it. Unless its writer staged it again meanwhile from a
      -- new connection (this statement sees that commit, or waits for it and re-checks the row).
      DELETE FROM journal_pending WHERE pos = p.pos AND backend_pid = p.backend_pid;
    END IF;
  END LOOP;
  RETURN n;
END
$fn$;
`;

// src/executions/postgres/migrations/index.ts
var MIGRATIONS = [
  { version: 1, name: "journal", sql },
  { version: 2, name: "shared-state", sql: sql2 },
  { version: 3, name: "alerts", sql: sql3 },
  { version: 4, name: "recording-leases", sql: sql4 },
  { version: 5, name: "alert-claims", sql: sql5 },
  { version: 6, name: "journal-pending", sql: sql6 },
  { version: 7, name: "journal-targets", sql: sql7 }
];
var LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1).version;

export {
  MIGRATIONS,
  LATEST_SCHEMA_VERSION
};
