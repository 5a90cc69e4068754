import { randomBytes } from 'node:crypto';
import type { PseudonymVault, VaultEntry } from '../../state/pseudonym-vault.js';
import { queryRetried, type Pool } from './pg-pool.js';

interface Row {
  pseudonym: string;
  identity: string;
  kind: VaultEntry['kind'];
  linked_to: string;
}

const keyOf = (identity: string, kind: VaultEntry['kind'], linkedTo = ''): string =>
  kind === 'user' ? `user\0${identity.toLowerCase()}` : `os\0${linkedTo.toLowerCase()}\0${identity}`;

/**
 * The pseudonym vault in its own table (`pseudonym_vault`), shared by every process on the database. Read whole into
 * memory (it holds one row per person) so `resolve` stays synchronous; `refreshIfChanged` re-reads it. Erasing a row
 * leaves the journal untouched, as with the file vault (docs/executions.md, "Anonymization").
 */
export async function openPgVault(pool: Pool, now: () => Date = () => new Date()): Promise<PseudonymVault> {
  let byPseudonym = new Map<string, Row>();
  let byKey = new Map<string, string>();
  const reload = async (): Promise<void> => {
    const res = await queryRetried<Row>(
      pool,
      'SELECT pseudonym, identity, kind, linked_to FROM pseudonym_vault',
    );
    byPseudonym = new Map(res.rows.map((r) => [r.pseudonym, r]));
    byKey = new Map(res.rows.map((r) => [keyOf(r.identity, r.kind, r.linked_to), r.pseudonym]));
  };
  await reload();
  return {
    lookup(identity, o = {}) {
      return byKey.get(keyOf(identity, o.kind ?? 'user', o.linkedTo)) ?? null;
    },
    async pseudonymize(identity, o = {}) {
      const kind = o.kind ?? 'user';
      const known = byKey.get(keyOf(identity, kind, o.linkedTo));
      if (known) return known;
      const stored = kind === 'user' ? identity.toLowerCase() : identity;
      const linked = kind === 'os_user' ? (o.linkedTo ?? '').toLowerCase() : '';
      const pseudonym = `${kind === 'user' ? 'user' : 'os'}-${randomBytes(8).toString('hex')}`;
      // Another process may have created it meanwhile: the unique (kind, identity, linked_to) keeps one.
      await pool.query(
        `INSERT INTO pseudonym_vault (pseudonym, identity, kind, linked_to, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, identity, linked_to) DO NOTHING`,
        [pseudonym, stored, kind, linked, now().toISOString()],
      );
      const res = await pool.query<{ pseudonym: string }>(
        'SELECT pseudonym FROM pseudonym_vault WHERE kind = $1 AND identity = $2 AND linked_to = $3',
        [kind, stored, linked],
      );
      await reload();
      return res.rows[0]!.pseudonym;
    },
    resolve(stored) {
      return byPseudonym.get(stored)?.identity ?? stored;
    },
    async forget(email) {
      const target = email.toLowerCase();
      const res = await pool.query<{ pseudonym: string }>(
        `DELETE FROM pseudonym_vault WHERE (kind = 'user' AND identity = $1) OR linked_to = $1 RETURNING pseudonym`,
        [target],
      );
      await reload();
      return res.rows.map((r) => r.pseudonym).sort();
    },
    refreshIfChanged: reload,
  };
}
