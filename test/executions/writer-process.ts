import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';

/**
 * A separate writer process appending to a journal (the compiled dist/, as the CLI would), printing `ack <seq> <id>`
 * after each append resolved, i.e. once the record is durable. Some records carry a large output tail so that a
 * SIGKILL can land in the middle of writing one (a torn line).
 */
const WRITER = `
import { openJournal } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/executions/open-journal.js')).href)};
const [dataDir, count, prefix, bigEvery] = process.argv.slice(1);
const journal = await openJournal({ dataDir, lockTimeoutMs: 60000,
  onWarning: (m) => process.stderr.write('warning: ' + m + '\\n') });
const big = 'x'.repeat(3 * 1024 * 1024);
for (let i = 0; i < Number(count); i++) {
  const id = prefix + '-' + process.pid + '-' + i;
  const withBig = Number(bigEvery) > 0 && i % Number(bigEvery) === 0;
  const record = await journal.append({
    id, action_id: 'crash-test', trigger: 'external',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    initiator: { user: 'user-00000000000000aa', via: 'cli' }, targets: ['t-1'], parameters: { i },
    started_at: new Date().toISOString(), finished_at: null, duration_ms: null, status: 'running', exit_code: null,
    ...(withBig ? { results: [{ target: 't-1', status: 'running', exit_code: null, duration_ms: 0, stdout_tail: big, stderr_tail: '', truncated_bytes: 0 }] } : {}),
  });
  process.stdout.write('ack ' + record.seq + ' ' + id + '\\n');
}
await journal.close();
`;

export interface WriterOptions {
  count: number;
  prefix: string;
  /** Every n-th record carries a 3 MiB output tail (0: none). */
  bigEvery?: number;
}

/** Start a writer; `acks` fills as it acknowledges records. */
export function spawnWriter(
  dataDir: string,
  o: WriterOptions,
): { child: ChildProcess; acks: string[]; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', WRITER, dataDir, String(o.count), o.prefix, String(o.bigEvery ?? 0)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const acks: string[] = [];
  let pending = '';
  child.stdout!.on('data', (b: Buffer) => {
    pending += b.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const l of lines) if (l.startsWith('ack ')) acks.push(l.split(' ')[2]!);
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`writer ${o.prefix} exited ${code}: ${stderr}\n`);
      resolve(code);
    }),
  );
  return { child, acks, done };
}
