import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkpointHolds, takeCheckpoint } from '../executions/journal-checkpoint.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import type { ChainHead } from '../executions/types.js';
import { FindingCollector, trimCollected } from './finding-catalog.js';
import { mergeTallies } from './build-activity.js';
import type {
  ActionPart,
  EventDigests,
  HistoryDelta,
  HistoryPart,
  ModelParts,
  RunbookPart,
} from './model-parts.js';
import type { FindingKind } from './report-model.js';
import { decodePart, encodePart, type StoredPart } from './part-codec.js';
import { parsePartHeader, readVouchedPart } from './part-file.js';
import { readCacheFile } from './read-cache-file.js';
import { stampsIn } from '../history/verified-stamps.js';
import { readChecked, writeChecked } from './run-cache.js';

/**
 * Bump when a part's layout or what its key covers changes: an older file is then dropped, never misread. Format 6:
 * the list of the parts in `report-parts.json` (actions' and runbooks'), each part in its own file under
 * `report-parts/`, keyed by the runs' column digest (run-owners.ts). Format 7: the history part carries the digest of
 * the branch it judged, to be continued after a commit (judge-changes.ts). Format 8: what only a part's page shows, and
 * each finding's text, deferred after the rest and parsed on first use; durations as numbers (part-codec.ts)
 * (docs/reports.md). Format 9: a section's changes deferred too, their count (`change_count`) in the skeleton; a
 * finding in several buckets written once. Format 10: the history part names the source of its branch digest (the
 * history index's identity and the period), and the list keeps the digests of the definitions' events under theirs
 * (ModelParts.eventsDigest): a report after new runs alone takes neither again. Format 11: a continued history part is
 * kept as the part it continued plus what the commits after it add (`extends`: HISTORY_CHAIN_LENGTH files at most).
 */
export const MODEL_PARTS_FORMAT = 11;

/**
 * At most this many files keep one history part: a continued part is written as what it adds to the kept one (a few
 * KB after one commit, where the whole part is ~2 MB at the benchmark's scale), and whole again once the chain is this
 * long.
 */
export const HISTORY_CHAIN_LENGTH = 8;

/** Where a data dir lists the model parts of its last report (docs/reports.md, *Incremental reports*). */
export function modelPartsPath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-parts.json');
}

/** The folder of the parts themselves: one file per part, named by its key (a sha256 of its inputs). */
function partsDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'report-parts');
}

interface PartsList {
  history: string | null;
  actions: string[];
  /** The digests of definitions' events the parts' keys took (ModelParts.eventsDigest). */
  events?: EventDigests | null;
}

/** The event digests of a list read back, when they have the shape written (else none: they are taken again). */
function eventDigestsOf(value: unknown): EventDigests | null {
  if (typeof value !== 'object' || value === null) return null;
  const { digests } = value as Partial<EventDigests>;
  if (typeof digests !== 'object' || digests === null) return null;
  const own: EventDigests['digests'] = {};
  for (const [name, pair] of Object.entries(digests) as [string, unknown][])
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string')
      own[name] = [pair[0], pair[1]];
  return { digests: own };
}

/**
 * The parts the last report kept, when the records they were built from (up to the checkpoint in the list's header)
 * are still the journal's first records (the checkpoint holds: docs/reports.md, *Incremental reports*) and the list is
 * whole (format, checksum). Else null: every part is built again. A part file that is missing, damaged or holds
 * another key is left out (`damaged`): that part is built again.
 */
export async function readModelParts(dataDir: string): Promise<
  | {
      parts: Map<string, ActionPart | RunbookPart>;
      history: HistoryPart | null;
      events: EventDigests | null;
      damaged: number;
    }
  | { parts: null; reason: 'none' | 'damaged' | 'journal' }
> {
  const parsed = await readChecked(modelPartsPath(dataDir), MODEL_PARTS_FORMAT);
  if (!parsed) {
    const exists = await stat(modelPartsPath(dataDir)).then(
      () => true,
      () => false,
    );
    return { parts: null, reason: exists ? 'damaged' : 'none' };
  }
  if (!(await checkpointHolds(dataDir, parsed.header.checkpoint))) return { parts: null, reason: 'journal' };
  let list: PartsList;
  try {
    list = JSON.parse(parsed.body) as PartsList;
  } catch {
    return { parts: null, reason: 'damaged' };
  }
  if (!Array.isArray(list.actions)) return { parts: null, reason: 'damaged' };
  let damaged = 0;
  // Read in parallel, the stamps of those checked written once (verified-stamps.ts, Stamps.batch).
  const [history, ...actions] = await stampsIn(path.dirname(partsDir(dataDir))).batch(() =>
    Promise.all(
      [list.history, ...list.actions].map(async (key, i) => {
        if (key === null) return null;
        const part = i === 0 ? await readHistoryPart(dataDir, key) : await readPart(dataDir, key);
        if (part === null) damaged += 1;
        return part === null ? null : ([key, part] as const);
      }),
    ),
  );
  const parts = new Map<string, ActionPart | RunbookPart>();
  for (const entry of actions) if (entry) parts.set(entry[0], entry[1] as ActionPart | RunbookPart);
  return {
    parts,
    history: (history?.[1] as HistoryPart | undefined) ?? null,
    events: eventDigestsOf(list.events),
    damaged,
  };
}

/**
 * Keep the parts of this report's model, built from the runs up to `head`: the parts built this time are written,
 * the list rewritten, and part files no longer listed removed (a cache: failing costs the next report a build).
 */
export async function writeModelParts(dataDir: string, head: ChainHead, parts: ModelParts): Promise<void> {
  try {
    const checkpoint = await takeCheckpoint(dataDir, head);
    if (!checkpoint) return;
    const dir = partsDir(dataDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const entries = parts.entries();
    const history = parts.usedHistory();
    // Of each finding kind a part keeps only what could still be shown next time (trimCollected): most of a part's
    // findings are older than the newest hundred of the whole report.
    const since = parts.shownSince;
    for (const [key, part] of entries)
      if (parts.isNew(key))
        await writePart(
          dataDir,
          key,
          'findings' in part ? { ...part, findings: trimCollected(part.findings, since) } : part,
          part,
        );
    if (history && !parts.historyKept)
      await writeHistoryPart(dataDir, history, parts.usedHistoryDelta(), since);
    const list: PartsList = {
      history: history?.key ?? null,
      actions: entries.map(([key]) => key),
      events: parts.usedEvents(),
    };
    await writeChecked(modelPartsPath(dataDir), MODEL_PARTS_FORMAT, checkpoint, JSON.stringify(list));
    // A part whose findings another carries over stays until the next report that writes the parts: this one may
    // still read their texts.
    const listed = new Set(
      [...list.actions, ...(history?.files ?? []), ...parts.borrowed].map((key) => `${key}.json`),
    );
    for (const name of await readdir(dir))
      if (!listed.has(name)) await rm(path.join(dir, name), { force: true });
  } catch {
    // A read-only data dir: the next report builds every part.
  }
}

/**
 * Write the history part: continued from a kept one (`delta`) kept in fewer than HISTORY_CHAIN_LENGTH files, as what
 * it adds to it (`extends` names the kept part's file); else whole. Notes in `part.files` the files it is kept in.
 */
async function writeHistoryPart(
  dataDir: string,
  part: HistoryPart,
  delta: HistoryDelta | null,
  since: ReadonlyMap<FindingKind, number>,
): Promise<void> {
  const { files: _files, ...fields } = part;
  const chain = delta?.base.files;
  if (delta && chain && chain.length < HISTORY_CHAIN_LENGTH) {
    const stored: HistoryPart & { extends: string } = {
      ...fields,
      findings: trimCollected(delta.findings, since),
      activity: delta.activity,
      extends: delta.base.key,
    };
    await writePart(dataDir, part.key, stored);
    part.files = [part.key, ...chain];
    return;
  }
  await writePart(dataDir, part.key, { ...fields, findings: trimCollected(part.findings, since) });
  part.files = [part.key];
}

/**
 * The history part kept under `key`: its file, and when it extends another (writeHistoryPart), that one's, merged
 * (FindingCollector.merge, mergeTallies). Null when a file of the chain is missing or damaged, or the chain is longer
 * than written: the history is then judged again.
 */
async function readHistoryPart(dataDir: string, key: string, depth = 1): Promise<HistoryPart | null> {
  const part = (await readPart(dataDir, key)) as (HistoryPart & { extends?: unknown }) | null;
  if (part === null || !Array.isArray(part.findings?.kinds)) return null;
  const { extends: base, ...own } = part;
  if (base === undefined) return { ...own, files: [key] };
  if (typeof base !== 'string' || depth >= HISTORY_CHAIN_LENGTH) return null;
  const kept = await readHistoryPart(dataDir, base, depth + 1);
  if (kept === null) return null;
  const findings = new FindingCollector();
  findings.merge(kept.findings);
  findings.merge(own.findings);
  return {
    ...own,
    findings: findings.collected(),
    activity: mergeTallies(kept.activity, own.activity),
    files: [key, ...(kept.files ?? [base])],
  };
}

/**
 * One part: `<header line>\n<JSON>`, the header naming its key and the body's checksum. Written to a temp file and
 * renamed, but not fsync'd (two syncs for each of 150 parts would cost a full build seconds): a part a crash left
 * torn fails its checksum and is built again; the list is written durably.
 */
async function writePart(
  dataDir: string,
  key: string,
  part: ActionPart | RunbookPart | HistoryPart,
  /** The part as the model holds it (`part` may be it with fewer findings): told its file's checksum. */
  held: object = part,
): Promise<void> {
  const body = encodePart(part);
  const hash = createHash('sha256');
  for (const piece of body) hash.update(piece);
  const digest = hash.digest('hex');
  const header = JSON.stringify({ format: MODEL_PARTS_FORMAT, key, sha256: digest });
  const file = path.join(partsDir(dataDir), `${key}.json`);
  await writeFileAtomic(file, [`${header}\n`, ...body]);
  keptDigests.set(held, digest);
}

async function readPart(dataDir: string, key: string): Promise<unknown> {
  if (!/^[0-9a-f]{64}$/.test(key)) return null;
  const cacheDir = path.dirname(partsDir(dataDir));
  const file = path.join(partsDir(dataDir), `${key}.json`);
  // A body that is not a part of this layout is a damaged part: built again.
  const kept = (decode: () => StoredPart, sha256: string) => {
    try {
      const part = decode();
      keptDigests.set(part, sha256);
      return part;
    } catch {
      return null;
    }
  };
  // Vouched for by a stamp: read in parts, the deferred texts when asked for (part-file.ts).
  const stamps = stampsIn(cacheDir);
  const vouched = readVouchedPart(
    file,
    MODEL_PARTS_FORMAT,
    key,
    (sha256, stat) => stamps.vouches(file, stat, sha256),
    (body, header) => kept(() => decodePart(body), header.sha256),
  );
  if (vouched !== null) return vouched;
  const read = await readCacheFile(
    cacheDir,
    file,
    (bytes) => {
      const header = parsePartHeader(bytes, MODEL_PARTS_FORMAT, key);
      return header && { body: bytes.subarray(header.bodyStart), sha256: header.sha256 };
    },
    // Parts are not fsync'd (writePart).
    false,
  );
  return read && kept(() => decodePart(read.body), read.sha256);
}

/** The checksum of each part's file, read back or written (its content as kept). */
const keptDigests = new WeakMap<object, string>();

/**
 * The sha256 of a part's file as it was read or written by this report (undefined: neither): a digest of its content
 * that stands for its JSON (page-cache.ts, sectionDigests).
 */
export function keptPartDigest(part: object): string | undefined {
  return keptDigests.get(part);
}
