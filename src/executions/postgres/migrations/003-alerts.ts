/**
 * The alerts outbox and the webhook delivery state in the journal's database, shared by every `serve` instance
 * (docs/postgres.md, "Several instances"): `pos` is the outbox offset, a row with a `mark` records how far the outbox
 * is level with the journal; each webhook's cursor and pending attempt; one row per delivery attempt.
 */
export const sql = `
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
