import type { KeyStore } from '../access/key-store.js';
import type { Role } from '../definitions/types.js';

/** Who gets the first key: the first member (by role id, then listed order) of a role holding `admin`. */
export function firstAdmin(roles: readonly Role[]): string {
  const admins = [...roles]
    .filter((r) => r.permissions.includes('admin') && r.members.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return admins[0]?.members[0]?.toLowerCase() ?? 'admin@localhost';
}

/** The admin key made on a first start, shown once. */
export interface BootstrapKey {
  key: string;
  id: string;
  user: string;
  expires_at: string | null;
}

/**
 * On a first start with no keys at all, create one admin key so someone can get in. Returns the key text to show
 * once, or null when keys already exist (then nothing is created, ever again).
 */
export async function bootstrapAdminKey(
  keys: KeyStore,
  roles: readonly Role[],
  now: Date,
  expiresAt: string | null,
): Promise<BootstrapKey | null> {
  // Several instances starting at once on one database: one of them makes the key.
  return keys.exclusive
    ? keys.exclusive(() => makeFirst(keys, roles, now, expiresAt))
    : makeFirst(keys, roles, now, expiresAt);
}

async function makeFirst(
  keys: KeyStore,
  roles: readonly Role[],
  now: Date,
  expiresAt: string | null,
): Promise<BootstrapKey | null> {
  if ((await keys.list()).length > 0) return null;
  const user = firstAdmin(roles);
  const { record, key } = await keys.create(
    {
      user,
      name: 'bootstrap-admin',
      created_by: 'opsledger serve (first start)',
      expires_at: expiresAt,
      rate_limit: null,
    },
    now,
  );
  return { key, id: record.id, user, expires_at: record.expires_at };
}
