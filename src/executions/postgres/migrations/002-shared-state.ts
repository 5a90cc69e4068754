/**
 * What several `serve` instances on one database share besides the journal (docs/postgres.md, "Several instances"):
 * API keys (the sha256 of the secret, never the key), the per-key rate-limit counters, and one claim per schedule
 * firing. Idempotency keys are in version 1.
 */
export const sql = `
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
