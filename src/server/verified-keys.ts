import { createHash } from 'node:crypto';
import type { ApiKeyRecord } from '../access/key-store.js';

interface Verified {
  keyId: string;
  /** What the check of the presented key read from the stored record: its secret's hash and its user (Basic auth). */
  hash: string;
  user: string;
}

/**
 * Authorization headers already checked in full, by the sha256 of the header (never the key itself), with the key
 * stored hash and user they were checked against (docs/api.md, "Performance"). A hit still reads the key's record from
 * the store on every request (the file store re-reads its file when another process changed it, the PostgreSQL store
 * reads the row, a new object each time): the hit holds only while that record has the same hash and user (`holds`);
 * revocation and expiry are checked on the record by the caller, so a key revoked on another process or instance is
 * refused at its next request. Only successes are kept; the cache is emptied when it reaches `max` headers.
 */
export class VerifiedKeys {
  private readonly byDigest = new Map<string, Verified>();

  constructor(private readonly max = 1000) {}

  /** The digest a header is known by. */
  digest(header: string): string {
    return createHash('sha256').update(header).digest('base64');
  }

  /** The key id a header was verified for, when it was, and what its check read. */
  get(digest: string): Verified | undefined {
    return this.byDigest.get(digest);
  }

  remember(digest: string, record: ApiKeyRecord): void {
    if (this.byDigest.size >= this.max) this.byDigest.clear();
    this.byDigest.set(digest, { keyId: record.id, hash: record.hash, user: record.user });
  }

  /** Whether the record now stored for a hit is still the one its header was verified against (same hash, same user). */
  holds(hit: Verified, record: ApiKeyRecord): boolean {
    return record.id === hit.keyId && record.hash === hit.hash && record.user === hit.user;
  }

  forget(digest: string): void {
    this.byDigest.delete(digest);
  }
}
