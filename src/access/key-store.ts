/** The stored form of an API key: never the key itself, only the sha256 of its secret. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The email the key acts as; its permissions come from the role files. */
  user: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  /**
   * Per-key rate limit: null = the server's `server.rate_limit_per_minute`, a number = that many requests per
   * minute, 'off' = not rate limited (for trusted exporters and load tests; only an admin can make such a key).
   */
  rate_limit: number | 'off' | null;
}

export interface NewApiKey {
  user: string;
  name: string;
  created_by: string;
  expires_at: string | null;
  rate_limit: number | 'off' | null;
}

/** What a key looks like to people: everything but the hash. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'hash'>;

export function summarizeKey(record: ApiKeyRecord): ApiKeySummary {
  const { hash: _hash, ...rest } = record;
  return rest;
}

/** The port of the API-key store (state in the data dir). Several processes share it: the CLI writes, the server reads. */
export interface KeyStore {
  /** Store a new key; returns its record and the full key text, which is never stored nor shown again. */
  create(input: NewApiKey, now: Date): Promise<{ record: ApiKeyRecord; key: string }>;
  /** Every key, revoked and expired ones included, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** One key by id, as currently stored (sees writes of other processes); null when unknown. */
  find(id: string): Promise<ApiKeyRecord | null>;
  /** Mark a key revoked (kept for the audit trail). NOT_FOUND when unknown. */
  revoke(id: string, now: Date): Promise<ApiKeyRecord>;
  /** Note a use of a key; written in batches (see `flush`). */
  touch(id: string, at: Date): void;
  /** Write pending last-used times. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Run `fn` with no other process doing the same at once (the first-start key on a shared database). */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
}
