/**
 * Group commit across connections (docs/postgres.md, "How appends stay one linear chain"). A writer commits its
 * record into `journal_pending` as the record's canonical JSON around the two values only the chain decides
 * (`prev_hash`, `seq`), then, holding the journal's advisory lock, calls `journal_chain_pending`: it chains EVERY
 * staged row in staging order (sha256 of the canonical JSON, as `sealRecord` does), writes the records and latest
 * states and deletes the staged rows, so one commit (one flush) acknowledges every writer that was waiting.
 *
 * `token` is the writer's own id for its row, kept on the chained record (`journal_records.staged`) so the writer
 * finds its record whoever chained it, and so a row staged twice (a retry after an ambiguous failure) is chained once.
 * `journal_settle` is the wait: one writer chains, the others sleep until its commit and wake together.
 * `backend_pid` is the staging connection: a row whose connection is gone before it was chained is deleted, not
 * chained (its writer died without an acknowledgement), unless its writer (`mine`) chains it from a new connection.
 */
export const sql = `
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
