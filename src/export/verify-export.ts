import { createHash } from 'node:crypto';
import { hashRecord, sealedBytesMatch } from '../executions/record-hash.js';
import type { ExecutionRecord } from '../executions/types.js';
import type { ObjectStore } from './object-store.js';
import { readManifest } from './run-export.js';

export interface ExportProblem {
  key: string;
  line: number | null;
  message: string;
}

export interface ExportVerifyReport {
  location: string;
  ok: boolean;
  objects: number;
  records: number;
  head: { seq: number; hash: string } | null;
  problems: ExportProblem[];
}

/**
 * `opsledger export verify --from` (docs/export.md): every object of the manifest is read back; its sha256 must match,
 * and the journal objects are re-chained from their own bytes — each record's hash recomputed, each `prev_hash` the
 * hash before it, each object ending at the head the manifest says. Every problem names the object (and line).
 */
export async function verifyExport(store: ObjectStore): Promise<ExportVerifyReport> {
  const manifest = await readManifest(store);
  const problems: ExportProblem[] = [];
  if (!manifest) {
    return {
      location: store.location,
      ok: false,
      objects: 0,
      records: 0,
      head: null,
      problems: [{ key: 'manifest.json', line: null, message: 'no manifest: nothing was exported here' }],
    };
  }
  let records = 0;
  let prev: string | null = null;
  let head: { seq: number; hash: string } | null = null;
  for (const entry of manifest.journal) {
    const body = await store.get(entry.key);
    if (body === null) {
      problems.push({ key: entry.key, line: null, message: 'missing' });
      prev = entry.head.hash;
      continue;
    }
    if (createHash('sha256').update(body).digest('hex') !== entry.sha256) {
      problems.push({
        key: entry.key,
        line: null,
        message: 'its sha256 differs from the manifest: the object was altered',
      });
    }
    if (prev !== null && entry.prev_hash !== prev) {
      problems.push({
        key: entry.key,
        line: null,
        message: 'does not continue the chain of the object before it',
      });
    }
    let chain = entry.prev_hash;
    const lines = body.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let last: { seq: number; hash: string } | null = null;
    lines.forEach((line, i) => {
      let record: ExecutionRecord;
      try {
        record = JSON.parse(line) as ExecutionRecord;
      } catch {
        problems.push({ key: entry.key, line: i + 1, message: 'not a JSON record' });
        return;
      }
      records++;
      if (!sealedBytesMatch(line, record.hash) && hashRecord(record) !== record.hash) {
        problems.push({
          key: entry.key,
          line: i + 1,
          message: `record seq ${record.seq} does not match its hash (modified)`,
        });
      }
      if (record.prev_hash !== chain) {
        problems.push({
          key: entry.key,
          line: i + 1,
          message: `record seq ${record.seq} does not follow the record before it`,
        });
      }
      chain = record.hash;
      last = { seq: record.seq, hash: record.hash };
    });
    const end = last as { seq: number; hash: string } | null;
    if (!end || end.seq !== entry.head.seq || end.hash !== entry.head.hash) {
      problems.push({
        key: entry.key,
        line: null,
        message: `does not end at the chain head of the manifest (seq ${entry.head.seq})`,
      });
    }
    prev = entry.head.hash;
    head = entry.head;
  }
  for (const entry of [...manifest.audit, ...manifest.reports]) {
    const body = await store.get(entry.key);
    if (body === null) problems.push({ key: entry.key, line: null, message: 'missing' });
    else if (createHash('sha256').update(body).digest('hex') !== entry.sha256) {
      problems.push({
        key: entry.key,
        line: null,
        message: 'its sha256 differs from the manifest: the object was altered',
      });
    }
  }
  return {
    location: store.location,
    ok: problems.length === 0,
    objects: manifest.journal.length + manifest.audit.length + manifest.reports.length,
    records,
    head,
    problems,
  };
}
