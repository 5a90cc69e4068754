import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from '../history/types.js';
import { emptyManifest, MANIFEST_KEY, type ExportManifest } from './export-manifest.js';
import type { ObjectStore } from './object-store.js';
import { readJournalRange, type JournalRange } from './read-journal-range.js';

export interface ExportSummary {
  location: string;
  uploaded: string[];
  unchanged: number;
  head: { seq: number; hash: string } | null;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The export's manifest, or an empty one when the prefix has none yet. */
export async function readManifest(store: ObjectStore): Promise<ExportManifest | null> {
  const bytes = await store.get(MANIFEST_KEY);
  return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as ExportManifest);
}

/**
 * `opsledger export --to` (docs/export.md): upload what is new since the manifest — the journal records after its
 * head as one JSON Lines object, the audit events after its count as NDJSON, the report files whose content changed —
 * then the manifest. The manifest is rewritten after each object, so an interrupted export resumes where it stopped;
 * object keys are derived from their content range, so a repeated upload writes the same bytes (idempotent).
 */
export async function runExport(options: {
  store: ObjectStore;
  dataDir: string;
  /** The journal range after a seq; default the data dir's files (a PostgreSQL journal passes readPgJournalRange). */
  journalRange?: (afterSeq: number) => Promise<JournalRange | null>;
  auditEvents: () => AuditEvent[];
  reportsDir: string;
  now: () => Date;
}): Promise<ExportSummary> {
  const { store } = options;
  const manifest: ExportManifest = (await readManifest(store)) ?? emptyManifest();
  const uploaded: string[] = [];
  let unchanged = 0;
  const save = async (): Promise<void> => {
    manifest.exported_at = options.now().toISOString();
    await store.put(MANIFEST_KEY, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'application/json');
  };

  const lastJournal = manifest.journal[manifest.journal.length - 1];
  const afterSeq = lastJournal?.head.seq ?? 0;
  const range = options.journalRange
    ? await options.journalRange(afterSeq)
    : readJournalRange(options.dataDir, afterSeq);
  if (range) {
    const key = `journal/${String(range.first_seq).padStart(12, '0')}-${String(range.last_seq).padStart(12, '0')}.jsonl`;
    const body = Buffer.from(range.text);
    await store.put(key, body, 'application/x-ndjson');
    manifest.journal.push({
      key,
      sha256: sha256(body),
      bytes: body.length,
      records: range.records,
      first_seq: range.first_seq,
      last_seq: range.last_seq,
      prev_hash: range.prev_hash,
      head: { seq: range.last_seq, hash: range.head_hash },
    });
    uploaded.push(key);
    await save();
  } else if (lastJournal) {
    unchanged++;
  }

  const events = options.auditEvents();
  const from = manifest.audit[manifest.audit.length - 1]?.to ?? 0;
  if (events.length > from) {
    const key = `audit/events-${String(from + 1).padStart(9, '0')}-${String(events.length).padStart(9, '0')}.ndjson`;
    const body = Buffer.from(
      events
        .slice(from)
        .map((e) => JSON.stringify(e) + '\n')
        .join(''),
    );
    await store.put(key, body, 'application/x-ndjson');
    manifest.audit.push({ key, sha256: sha256(body), from: from + 1, to: events.length });
    uploaded.push(key);
    await save();
  } else if (from > 0) {
    unchanged++;
  }

  for (const file of listFiles(options.reportsDir)) {
    const body = readFileSync(path.join(options.reportsDir, file));
    const key = `reports/${file}`;
    const digest = sha256(body);
    const known = manifest.reports.find((r) => r.key === key);
    if (known?.sha256 === digest) {
      unchanged++;
      continue;
    }
    await store.put(key, body, contentTypeOf(file));
    if (known) known.sha256 = digest;
    else manifest.reports.push({ key, sha256: digest });
    uploaded.push(key);
    await save();
  }
  const head = manifest.journal[manifest.journal.length - 1]?.head ?? null;
  return { location: store.location, uploaded, unchanged, head };
}

/** Files under a folder, relative, sorted (none when it does not exist). */
function listFiles(dir: string, rel = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(path.join(dir, rel)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? listFiles(dir, r) : [r];
  });
}

function contentTypeOf(file: string): string {
  if (file.endsWith('.html')) return 'text/html';
  if (file.endsWith('.json')) return 'application/json';
  if (file.endsWith('.md')) return 'text/markdown';
  if (file.endsWith('.svg')) return 'image/svg+xml';
  return 'application/octet-stream';
}
