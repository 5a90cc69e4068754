/**
 * The lease of each remotely recorded run (docs/executions.md, Remote recording): renewed by the CLI's heartbeat at
 * any instance, read by the watchdog of every instance, which records `abandoned` for a run whose lease lapsed.
 */
export const sql = `
CREATE TABLE recording_leases (
  id text COLLATE "C" PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX recording_leases_expires_at ON recording_leases (expires_at);
`;
