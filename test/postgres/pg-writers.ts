import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/postgres.js';

/** A writer process appending through the journal port (the bundle the CLI runs), printing `ack <id>` per append. */
const DIRECT = `
import { openJournalAt } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/executions/open-journal-at.js')).href)};
const [url, count, prefix] = process.argv.slice(1);
const journal = await openJournalAt({ backend: 'postgres', url });
for (let i = 0; i < Number(count); i++) {
  const id = prefix + '-' + i;
  await journal.append({
    id, action_id: 'load', trigger: 'external',
    definition: { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    initiator: { user: 'dave@example.com', via: 'cli' }, targets: [], parameters: { i },
    started_at: new Date().toISOString(), finished_at: new Date().toISOString(), duration_ms: 0,
    status: 'succeeded', exit_code: 0,
  });
  process.stdout.write('ack ' + id + '\\n');
}
await journal.close();
`;

/** Append `count` records directly from a separate process; resolves with the acknowledged ids. */
export function directWriter(url: string, count: number, prefix: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', DIRECT, url, String(count), prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const acks = out.split('\n').flatMap((l) => (l.startsWith('ack ') ? [l.slice(4)] : []));
      if (code === 0) resolve(acks);
      else reject(new Error(`direct writer exited ${code}: ${err}`));
    }),
  );
}

/** `opsledger exec --database-url` `runs` times in a row (two appends each: running, then the end). */
export async function cliExecWriter(
  repo: string,
  dataDir: string,
  url: string,
  runs: number,
): Promise<number> {
  let ok = 0;
  for (let i = 0; i < runs; i++) {
    const res = await runCliAsync(
      [
        '--repo',
        repo,
        '--data-dir',
        dataDir,
        '--database-url',
        url,
        'exec',
        '--action',
        'load-cli',
        '--',
        'true',
      ],
      { cwd: repo },
    );
    if (res.code !== 0) throw new Error(`opsledger exec failed: ${res.stderr}`);
    ok++;
  }
  return ok;
}

/**
 * POST /api/v1/executions `count` times, alternating between the bases (one append each); a base that stops
 * answering is dropped and the same request (same Idempotency-Key) goes to the next. Resolves with the acknowledged
 * execution ids.
 */
export async function httpWriter(
  bases: string[],
  key: string,
  count: number,
  prefix: string,
  onAck?: () => void,
): Promise<string[]> {
  const live = [...bases];
  const acks: string[] = [];
  for (let i = 0; i < count; i++) {
    // One body per key: a retry to the other instance must send the same request (else IDEMPOTENCY_CONFLICT).
    const startedAt = new Date().toISOString();
    for (let attempt = 0; ; attempt++) {
      if (live.length === 0) throw new Error('no serve instance answers');
      const base = live[(i + attempt) % live.length]!;
      try {
        const res = await fetch(`${base}/api/v1/executions`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${key}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': `${prefix}-${i}`,
          },
          body: JSON.stringify({
            action_id: 'ping',
            status: 'succeeded',
            started_at: startedAt,
            duration_ms: 1,
            targets: [`${prefix}-${i}`],
          }),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status !== 201 || !body.id) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
        acks.push(body.id);
        onAck?.();
        break;
      } catch (err) {
        // A connection refused or reset: that instance is gone; anything else is a real failure.
        if (!/fetch failed|ECONNREFUSED|ECONNRESET|socket/i.test(String((err as Error).message ?? err)))
          throw err;
        live.splice(live.indexOf(base), 1);
      }
    }
  }
  return acks;
}
