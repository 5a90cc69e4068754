/**
 * History alerts told once across `serve` instances (docs/postgres.md, "Several instances"): the id of each
 * `definition.changed`, `definition.invalid` and `history.rewritten` put into `alert_outbox`, claimed in the same
 * transaction as its row; an id already here is not written again.
 */
export const sql = `
CREATE TABLE alert_claims (
  event_id text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
`;
