import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH, sealRecord } from '../../../src/executions/record-hash.js';
import type { ExecutionInput, ExecutionStatus } from '../../../src/executions/types.js';

export const ACTIONS = Array.from({ length: 20 }, (_, i) => `action-${String(i).padStart(2, '0')}`);
const USERS = Array.from({ length: 50 }, (_, i) => `user-${i.toString(16).padStart(16, '0')}`);
const TARGETS = Array.from({ length: 100 }, (_, i) => `host-${String(i).padStart(3, '0')}`);
const STATUSES: ExecutionStatus[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'timed_out'];

/**
 * Write a journal of `records` records (start + end of records/2 runs over 12 months of 2025) straight to segment
 * files with correct hashes, far faster than appending them one by one. Segments roll over by month and at 64 MiB,
 * as the journal does.
 */
export function generateJournal(dataDir: string, records: number): { bytes: number; segments: string[] } {
  const dir = path.join(dataDir, 'executions');
  mkdirSync(dir, { recursive: true });
  let head = { seq: 0, hash: GENESIS_HASH };
  let fd = -1;
  let month = '';
  let n = 0;
  let size = 0;
  let bytes = 0;
  const segments: string[] = [];
  const chunks: string[] = [];
  let pending = 0;
  const flush = (): void => {
    if (chunks.length) writeSync(fd, chunks.join(''));
    chunks.length = 0;
    pending = 0;
  };
  const runs = Math.floor(records / 2);
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  let rnd = 12345;
  const next = (k: number): number => {
    rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0;
    return (rnd >>> 8) % k;
  };
  for (let i = 0; i < runs; i++) {
    const startedMs = start + Math.floor((i / runs) * span);
    const m = new Date(startedMs).toISOString().slice(0, 7);
    if (m !== month || size > 64 * 1024 * 1024) {
      if (fd >= 0) {
        flush();
        closeSync(fd);
      }
      n = m === month ? n + 1 : 1;
      month = m;
      const name = `segment-${m}-${n}.jsonl`;
      fd = openSync(path.join(dir, name), 'w', 0o600);
      segments.push(name);
      size = 0;
    }
    const duration = 200 + next(20_000);
    const status = STATUSES[next(STATUSES.length)]!;
    const target = TARGETS[next(TARGETS.length)]!;
    const input: ExecutionInput = {
      id: `ex${String(i).padStart(10, '0')}`,
      action_id: ACTIONS[next(ACTIONS.length)]!,
      definition: {
        commit: 'c0ffee'.padEnd(40, '0'),
        blob: 'b10b'.padEnd(40, '0'),
        path: 'definitions/actions/x.yaml',
        version: 1 + next(9),
        status: 'released',
        dirty: false,
      },
      trigger: next(10) === 0 ? 'schedule' : 'manual',
      initiator: { user: USERS[next(USERS.length)]!, via: 'cli', host: 'ops-1' },
      targets: [target],
      parameters: { service: 'nginx', retries: next(5) },
      started_at: new Date(startedMs).toISOString(),
      finished_at: null,
      duration_ms: null,
      status: 'running',
      exit_code: null,
    };
    for (const rec of [
      input,
      {
        ...input,
        finished_at: new Date(startedMs + duration).toISOString(),
        duration_ms: duration,
        status,
        exit_code: status === 'succeeded' ? 0 : 1,
        results: [
          {
            target,
            status,
            exit_code: status === 'succeeded' ? 0 : 1,
            duration_ms: duration,
            stdout_tail: 'restarted nginx\n',
            stderr_tail: '',
            truncated_bytes: 0,
          },
        ],
      },
    ]) {
      const sealed = sealRecord(rec, head);
      head = { seq: sealed.record.seq, hash: sealed.record.hash };
      chunks.push(sealed.line);
      pending += sealed.line.length;
      size += sealed.line.length;
      bytes += sealed.line.length;
      if (pending > 4 * 1024 * 1024) flush();
    }
  }
  flush();
  if (fd >= 0) closeSync(fd);
  return { bytes, segments };
}
