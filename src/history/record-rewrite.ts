import { DEFINITION_KINDS } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { decodeDefinitionFile } from './definition-file-codec.js';
import { idsIn, readRecord, readTable } from './definition-pack.js';
import { stableId } from './fold-types.js';
import { generationDir, type IndexMeta, type StoredEvent } from './history-store.js';
import { appendRewrite, REWRITES_FORMAT, type HistoryRewrite } from './rewrite-log.js';
import type { AuditEvent } from './types.js';

export interface RewriteCheck {
  /** The index about to be replaced. */
  previous: IndexMeta;
  branch: string;
  definitionsDir: string;
  /** The new first-parent chain, oldest first. */
  chain: readonly { sha: string }[];
  now: () => number;
}

/**
 * Before a rebuild replaces an index: when the tracked branch no longer holds the indexed head on its first-parent
 * history (a force-push or a reset), write a `history_rewritten` record with every indexed event whose commit is
 * gone, read from the old generation while it still exists. Returns the record, or null when this is no rewrite (a
 * fast-forward rebuilt for another reason, another branch or folder, an empty index).
 */
export function recordRewrite(historyDir: string, check: RewriteCheck): HistoryRewrite | null {
  const { previous, chain } = check;
  if (previous.tip === null || previous.branch !== check.branch) return null;
  if (previous.definitionsDir !== check.definitionsDir) return null;
  const kept = new Set(chain.map((c) => c.sha));
  if (kept.has(previous.tip)) return null;
  const { events, complete } = readLostEvents(historyDir, previous, kept);
  const newHead = chain.at(-1)?.sha ?? '';
  const record: HistoryRewrite = {
    format: REWRITES_FORMAT,
    record: 'history_rewritten',
    id: stableId(check.branch, previous.tip, newHead),
    branch: check.branch,
    old_head: previous.tip,
    new_head: newHead,
    detected_at: new Date(check.now()).toISOString(),
    events_lost: events.length,
    events,
    complete,
  };
  try {
    appendRewrite(historyDir, record);
  } catch (cause) {
    // Nothing is replaced: the old index stays until the record can be kept.
    throw new OpsledgerError(
      'STATE_UNAVAILABLE',
      `cannot record the rewrite of ${check.branch}: ${String(cause)}`,
      {
        cause,
        hint: 'Check that <data-dir>/history is writable and has free space, then run the command again.',
      },
    );
  }
  return record;
}

/** The indexed events whose commit is not in `kept`, oldest first; `complete` is false when a record was unreadable. */
function readLostEvents(
  historyDir: string,
  meta: IndexMeta,
  kept: ReadonlySet<string>,
): { events: AuditEvent[]; complete: boolean } {
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  if (!table) return { events: [], complete: false };
  const lost: StoredEvent[] = [];
  let complete = true;
  for (const kind of DEFINITION_KINDS) {
    for (const id of idsIn(table, kind)) {
      try {
        const text = readRecord(genDir, table, kind, id);
        if (text === null) continue;
        for (const e of decodeDefinitionFile(text).events) {
          if (e.seq <= meta.seq && !kept.has(e.event.commit)) lost.push(e);
        }
      } catch {
        complete = false;
      }
    }
  }
  lost.sort((a, b) => a.seq - b.seq || a.ord - b.ord);
  return { events: lost.map((e) => e.event), complete };
}
