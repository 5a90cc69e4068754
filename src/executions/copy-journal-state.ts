import { openState } from '../state/open-state.js';
import { VAULT_COLLECTION, type VaultData, type VaultEntry } from '../state/pseudonym-vault.js';
import { RETENTION_COLLECTION, emptyRetention, type PurgeGap } from '../state/retention-state.js';
import type { JournalTarget } from './open-journal-at.js';

type Entries = Record<string, VaultEntry>;

/**
 * What a journal needs besides its records, copied before them: the retention checkpoints (the target's chain must
 * resume from the same checkpoint hash) and the pseudonym vault (so the target still resolves its users). Merged
 * into what the target has, so a resumed copy adds nothing twice.
 */
export async function copyJournalState(
  from: JournalTarget,
  to: JournalTarget,
): Promise<{ vault_entries: number; checkpoints: number }> {
  const [entries, gaps] = await read(from);
  await write(to, entries, gaps);
  return { vault_entries: Object.keys(entries).length, checkpoints: gaps.length };
}

async function read(from: JournalTarget): Promise<[Entries, PurgeGap[]]> {
  if (from.backend === 'file') {
    const state = openState(from.dataDir);
    const vault = await state.read<VaultData>(VAULT_COLLECTION, () => ({ entries: {} }));
    return [vault.entries, (await state.read(RETENTION_COLLECTION, emptyRetention)).gaps];
  }
  const [{ createPool }, { readCheckpoints }] = await Promise.all([
    import('./postgres/pg-pool.js'),
    import('./postgres/pg-rows.js'),
  ]);
  const pool = createPool(from.url, 1);
  try {
    const res = await pool.query<{
      pseudonym: string;
      identity: string;
      kind: VaultEntry['kind'];
      linked_to: string;
      created_at: string;
    }>('SELECT pseudonym, identity, kind, linked_to, created_at FROM pseudonym_vault');
    const entries: Entries = {};
    for (const r of res.rows) {
      entries[r.pseudonym] = {
        identity: r.identity,
        kind: r.kind,
        created_at: r.created_at,
        ...(r.linked_to ? { linked_to: r.linked_to } : {}),
      };
    }
    return [entries, await readCheckpoints(pool)];
  } finally {
    await pool.end();
  }
}

async function write(to: JournalTarget, entries: Entries, gaps: PurgeGap[]): Promise<void> {
  if (to.backend === 'file') {
    const state = openState(to.dataDir);
    await state.update<VaultData, void>(
      VAULT_COLLECTION,
      () => ({ entries: {} }),
      (data) => {
        for (const [p, e] of Object.entries(entries)) data.entries[p] ??= e;
      },
    );
    if (gaps.length === 0) return;
    await state.update(RETENTION_COLLECTION, emptyRetention, (data) => {
      for (const g of gaps) if (!data.gaps.some((k) => k.through_seq === g.through_seq)) data.gaps.push(g);
    });
    return;
  }
  const { createPool, inTransaction } = await import('./postgres/pg-pool.js');
  const pool = createPool(to.url, 1);
  try {
    await inTransaction(pool, async (client) => {
      for (const [p, e] of Object.entries(entries)) {
        await client.query(
          `INSERT INTO pseudonym_vault (pseudonym, identity, kind, linked_to, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [p, e.identity, e.kind, e.linked_to ?? '', e.created_at],
        );
      }
      for (const g of gaps) {
        await client.query(
          `INSERT INTO journal_checkpoints (from_seq, through_seq, last_hash, purged_at, reason)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [g.from_seq, g.through_seq, g.last_hash, g.purged_at, g.reason],
        );
      }
    });
  } finally {
    await pool.end();
  }
}
