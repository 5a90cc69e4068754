/**
 * Two things (docs/postgres.md).
 *
 * `journal_targets`: one row per execution and target, kept by triggers on `journal_latest` (so every writer of the
 * latest state keeps it: the chain in PL/pgSQL, the direct path, a copy), backfilled here. A `target` filter is then
 * one ordered range of `(target, started_ms, id)` (with an `action`, of `(target, action_id, started_ms, id)`):
 * newest first under a LIMIT, and a target no execution has reads nothing, where the GIN index on
 * `journal_latest.targets` left the planner walking `started_ms` newest first through every execution (that index is
 * dropped: no query uses it). A status-only change (the common update: running → succeeded) fires no trigger.
 *
 * `journal_chain_pending` again, with one change: a staged row whose connection is gone is deleted only if it still
 * names that connection. Its writer, retrying from a new connection after the old one failed, stages it again under
 * the same token and so adopts it (`backend_pid` becomes the new connection's); a chainer that read the row before
 * then must not drop it as abandoned.
 */
export const sql = `
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
