import { createHash } from 'node:crypto';
import type { ApiKeyRecord } from '../access/key-store.js';

interface Verified {
  keyId: string;
  /** The stored record the presented key was checked against (the key store hands out a new one on any change). */
  record: ApiKeyRecord;
}

/**
 * Authorization headers already checked in full, by the sha256 of the header (never the key itself), with the key
 * record they were checked against (docs/api.md, "Performance"). A hit still looks the key up in the store on every
 * request: the store re-reads its file when another process changed it (`keys revoke`, `keys create`) and then hands
 * out new records, so a hit whose record is not the very object it was verified against is checked in full again,
 * and a revoked key is refused at its next request. Expiry is checked on every request by the caller. Only successes
 * are kept; the cache is emptied when it reaches `max` headers.
 */
export class VerifiedKeys {
  private readonly byDigest = new Map<string, Verified>();

  constructor(private readonly max = 1000) {}

  /** The digest a header is known by. */
  digest(header: string): string {
    return createHash('sha256').update(header).digest('base64');
  }

  /** The key id a header was verified for, when it was, and the record it was verified against. */
  get(digest: string): Verified | undefined {
    return this.byDigest.get(digest);
  }

  remember(digest: string, record: ApiKeyRecord): void {
    if (this.byDigest.size >= this.max) this.byDigest.clear();
    this.byDigest.set(digest, { keyId: record.id, record });
  }

  forget(digest: string): void {
    this.byDigest.delete(digest);
  }
}
