import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH, sealRecord } from '../../src/executions/record-hash.js';
import type { ChainHead, ExecutionInput } from '../../src/executions/types.js';

/**
 * Write n hash-chained records straight into one segment of `<dataDir>/executions/` (what n appends would leave,
 * without n fsyncs); users are stored pseudonyms. Returns the head.
 */
export function writeSegment(dataDir: string, n: number): ChainHead | null {
  const dir = path.join(dataDir, 'executions');
  mkdirSync(dir, { recursive: true });
  let head = { seq: 0, hash: GENESIS_HASH };
  const lines: string[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const at = new Date(start + Math.floor(i / 2) * 60_000).toISOString();
    const end = i % 2 === 1;
    const input: ExecutionInput = {
      id: `run-${String(Math.floor(i / 2)).padStart(7, '0')}`,
      action_id: ['disk-usage', 'ping', 'restart-web'][i % 3]!,
      definition: {
        commit: 'a'.repeat(40),
        blob: 'b'.repeat(40),
        path: 'x.yaml',
        version: 3,
        status: 'released',
        dirty: false,
      },
      trigger: i % 4 === 0 ? 'api' : 'manual',
      initiator: { user: `user-${(i % 5).toString(16).padStart(16, '0')}`, via: 'cli' },
      targets: ['web-01', 'web-02'],
      parameters: { path: '/var/log', top: 10 },
      started_at: at,
      finished_at: end ? at : null,
      duration_ms: end ? 1200 : null,
      status: end ? 'succeeded' : 'running',
      exit_code: end ? 0 : null,
    };
    const sealed = sealRecord(input, head);
    head = { seq: sealed.record.seq, hash: sealed.record.hash };
    lines.push(sealed.line);
  }
  writeFileSync(path.join(dir, 'segment-2026-01-1.jsonl'), lines.join(''));
  return n === 0 ? null : head;
}
