import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { StateStore } from './open-state.js';

/**
 * The vault behind anonymization: the journal stores pseudonyms, the vault maps each back to the identity while that
 * person has not been erased. Deleting an entry (right to erasure) leaves the journal untouched, so the hash chain
 * still verifies, and the pseudonym can no longer be linked to anybody.
 */
export interface VaultEntry {
  /** An email (kind `user`) or an OS account name (kind `os_user`). */
  identity: string;
  kind: 'user' | 'os_user';
  /** For an OS account: the email of the person it was recorded with (erased together). */
  linked_to?: string;
  created_at: string;
}

export interface VaultData {
  entries: Record<string, VaultEntry>;
}

export const VAULT_COLLECTION = 'vault';
const emptyVault = (): VaultData => ({ entries: {} });

/** Stored user pseudonyms look like this; anything else in `initiator.user` is taken as an identity. */
export const PSEUDONYM = /^(user|os)-[0-9a-f]{16}$/;

export interface PseudonymVault {
  /** The pseudonym of an identity, created (durably) on first use. Emails are compared lower-cased. */
  pseudonymize(identity: string, options?: { kind?: VaultEntry['kind']; linkedTo?: string }): Promise<string>;
  /** The pseudonym an identity already has, or null (never creates one). */
  lookup(identity: string, options?: { kind?: VaultEntry['kind']; linkedTo?: string }): string | null;
  /** The identity behind a stored pseudonym, or the pseudonym itself once erased (or when it is not one). */
  resolve(stored: string): string;
  /** Erase an email and the OS accounts recorded with it; returns the pseudonyms that were unlinked. */
  forget(email: string): Promise<string[]>;
  /** Reload when another process changed the vault since it was read (one stat). */
  refreshIfChanged(): Promise<void>;
}

export interface VaultOptions {
  now?: () => Date;
  /** Pseudonym maker (tests); default `user-`/`os-` plus 16 random hex digits. */
  makePseudonym?: (kind: VaultEntry['kind']) => string;
}

const keyOf = (identity: string, kind: VaultEntry['kind'], linkedTo?: string): string =>
  kind === 'user' ? `user\0${identity.toLowerCase()}` : `os\0${(linkedTo ?? '').toLowerCase()}\0${identity}`;

/** Open the vault of a state store (reads it once; `refreshIfChanged` keeps it current). */
export async function openPseudonymVault(
  state: StateStore,
  options: VaultOptions = {},
): Promise<PseudonymVault> {
  const now = options.now ?? (() => new Date());
  const make =
    options.makePseudonym ??
    ((kind: VaultEntry['kind']) => `${kind === 'user' ? 'user' : 'os'}-${randomBytes(8).toString('hex')}`);
  const file = state.fileOf(VAULT_COLLECTION);
  let entries: Record<string, VaultEntry> = {};
  let byKey = new Map<string, string>();
  let stamp = '';

  const stampOf = (): string => {
    // throwIfNoEntry: a vault not written yet is common, and building the ENOENT error costs more than the stat.
    const s = statSync(file, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'absent';
  };
  const adopt = (data: VaultData): void => {
    entries = data.entries;
    byKey = new Map();
    for (const [pseudonym, e] of Object.entries(entries))
      byKey.set(keyOf(e.identity, e.kind, e.linked_to), pseudonym);
  };
  const reload = async (): Promise<void> => {
    stamp = stampOf();
    adopt(await state.read(VAULT_COLLECTION, emptyVault));
  };
  await reload();

  return {
    lookup(identity, o = {}) {
      return byKey.get(keyOf(identity, o.kind ?? 'user', o.linkedTo)) ?? null;
    },
    async pseudonymize(identity, o = {}) {
      const kind = o.kind ?? 'user';
      const key = keyOf(identity, kind, o.linkedTo);
      const known = byKey.get(key);
      if (known) return known;
      const pseudonym = await state.update(VAULT_COLLECTION, emptyVault, (data) => {
        // Another process may have added it since we read the vault.
        for (const [p, e] of Object.entries(data.entries))
          if (keyOf(e.identity, e.kind, e.linked_to) === key) return p;
        let p = make(kind);
        while (data.entries[p]) p = make(kind);
        const entry: VaultEntry = {
          identity: kind === 'user' ? identity.toLowerCase() : identity,
          kind,
          created_at: now().toISOString(),
        };
        if (kind === 'os_user' && o.linkedTo) entry.linked_to = o.linkedTo.toLowerCase();
        data.entries[p] = entry;
        return p;
      });
      await reload();
      return pseudonym;
    },
    resolve(stored) {
      const entry = entries[stored];
      return entry ? entry.identity : stored;
    },
    async forget(email) {
      const target = email.toLowerCase();
      const removed = await state.update(VAULT_COLLECTION, emptyVault, (data) => {
        const gone: string[] = [];
        for (const [p, e] of Object.entries(data.entries)) {
          if ((e.kind === 'user' && e.identity === target) || e.linked_to === target) {
            delete data.entries[p];
            gone.push(p);
          }
        }
        return gone;
      });
      await reload();
      return removed;
    },
    async refreshIfChanged() {
      if (stampOf() !== stamp) await reload();
    },
  };
}
