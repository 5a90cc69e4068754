import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Execution ids: letters, digits, `_` and `-`, at most 64 (ids made elsewhere and posted to the API included). */
export const EXECUTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * A new execution id, a ULID: 10 characters of millisecond time then 16 of randomness (Crockford base32), so ids sort
 * by start time and never collide across processes.
 */
export function newExecutionId(now: Date, random: (bytes: number) => Buffer = randomBytes): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let tail = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      tail += CROCKFORD[(value >>> (bits - 5)) & 31]!;
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return head + tail;
}
