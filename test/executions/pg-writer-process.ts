import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';

/**
 * A separate process appending to a PostgreSQL journal through the port (the built dist/, as the CLI does), printing
 * `ack <seq> <id>` once each append resolved, i.e. after its COMMIT.
 */
const WRITER = `
import { openJournalAt } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/executions/open-journal-at.js')).href)};
const [url, count, prefix] = process.argv.slice(1);
const journal = await openJournalAt({ backend: 'postgres', url });
for (let i = 0; i < Number(count); i++) {
  const id = prefix + '-' + process.pid + '-' + i;
  const record = await journal.append({
    id, action_id: 'pg-load', trigger: 'external',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    initiator: { user: 'user-00000000000000aa', via: 'cli' }, targets: ['t-' + (i % 3)], parameters: { i },
    started_at: new Date().toISOString(), finished_at: null, duration_ms: null, status: 'running', exit_code: null,
  });
  process.stdout.write('ack ' + record.seq + ' ' + id + '\\n');
}
await journal.close();
`;

/** Start a writer of `count` appends; `acks` fills with the ids acknowledged so far. */
export function spawnPgWriter(
  url: string,
  count: number,
  prefix: string,
): { child: ChildProcess; acks: string[]; stderr: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, url, String(count), prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: string[] = [];
  let pending = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('ack ')) acks.push(l.split(' ')[2]!);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, acks, stderr: () => err, done };
}
