/** What a request with an `Idempotency-Key` produced, so a retry gets the same answer. */
export interface IdempotencyEntry {
  /** sha256 of the canonical request body: the same key with another body is a conflict, not a replay. */
  request_hash: string;
  execution_id: string;
  status: number;
  created_at: string;
}

/** The port: entries are scoped per API key so two clients never collide on a key. */
export interface IdempotencyStore {
  get(scope: string, key: string): Promise<IdempotencyEntry | null>;
  put(scope: string, key: string, entry: IdempotencyEntry): Promise<void>;
}
