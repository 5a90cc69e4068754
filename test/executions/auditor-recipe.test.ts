import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import type { ExecutionInput } from '../../src/executions/types.js';
import { ROOT } from '../helpers/cli.js';
import { createDemoClone, type DemoClone } from '../helpers/demo-clone.js';

/** The shell block that follows `<!-- auditor-recipe: NAME -->` in docs/auditing.md, as the auditor copies it. */
async function readRecipe(name: string): Promise<string> {
  const doc = await readFile(path.join(ROOT, 'docs/auditing.md'), 'utf8');
  const m = new RegExp(`<!-- auditor-recipe: ${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!m?.[1]) throw new Error(`docs/auditing.md has no recipe "${name}"`);
  return m[1];
}

/** Run a recipe in bash with DATA and REPO set, as the guide says. */
function runRecipe(script: string, env: { DATA: string; REPO?: string }): string {
  const r = spawnSync('bash', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`recipe failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** `seq hash` of every record, read the way opsledger stores them (journal order). */
async function storedHashes(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, 'executions');
  const segments = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
  const lines: { seq: number; hash: string }[] = [];
  for (const s of segments) {
    for (const l of (await readFile(path.join(dir, s), 'utf8')).split('\n').filter(Boolean)) {
      lines.push(JSON.parse(l) as { seq: number; hash: string });
    }
  }
  return lines.sort((a, b) => a.seq - b.seq).map((r) => `${r.seq} ${r.hash}`);
}

/** A run with the characters that trip a hand-made canonical JSON: non-ASCII, quotes, backslashes, newlines. */
function awkwardRun(i: number): ExecutionInput {
  return {
    id: `01AUDITOR${String(i).padStart(17, '0')}`,
    action_id: 'restart-service',
    definition: {
      commit: 'a'.repeat(40),
      blob: 'b'.repeat(40),
      path: 'definitions/actions/x.yaml',
      version: 2,
      status: 'released',
      dirty: false,
    },
    trigger: 'manual',
    initiator: { user: 'zoë@example.com', via: 'cli', host: 'ops-01' },
    targets: ['web-01'],
    parameters: {
      message: `say "hi" \\ ünïcödé ✓ 🚀 #${i}`,
      count: i,
      force: i % 2 === 0,
      token: { redacted: true, hmac: 'c'.repeat(64) },
    },
    started_at: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
    finished_at: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:01.250Z`,
    duration_ms: 1250,
    status: 'succeeded',
    exit_code: 0,
    results: [
      {
        target: 'web-01',
        status: 'succeeded',
        exit_code: 0,
        duration_ms: 1200,
        stdout_tail: 'line 1\nline "2"\ttab\n',
        stderr_tail: '',
        truncated_bytes: 0,
      },
    ],
  };
}

let work: string;
let demoData: string;
let manySegments: string;
let clone: DemoClone;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'opsledger-auditor-'));
  demoData = path.join(work, 'demo-data');
  await cp(path.join(ROOT, 'demo-data'), demoData, { recursive: true });
  // A journal of 12 segments (one record each): segment -10 must come after -9, as the recipe sorts them.
  manySegments = path.join(work, 'many');
  const journal = await openJournal({
    dataDir: manySegments,
    maxSegmentBytes: 200,
    now: () => new Date('2026-11-20T00:00:00Z'),
  });
  for (let i = 1; i <= 12; i++) await journal.append(awkwardRun(i));
  await journal.close();
  clone = await createDemoClone();
});

afterAll(async () => {
  await clone?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('#20.8 the auditor recipe of docs/auditing.md', () => {
  it('#20.8 the sha256sum chain walk recomputes the same hashes as opsledger, across many segments', async () => {
    const chain = await readRecipe('chain');
    for (const dataDir of [demoData, manySegments]) {
      const out = runRecipe(chain, { DATA: dataDir });
      expect(out).not.toContain('PROBLEM');
      expect(out.trim().split('\n')).toEqual(await storedHashes(dataDir));
    }
    expect(
      (await readdir(path.join(manySegments, 'executions'))).filter((f) => f.endsWith('.jsonl')),
    ).toContain('segment-2026-11-10.jsonl');
  });

  it('#20.8 the parsed node -e check agrees, and both name a tampered record', async () => {
    const parsed = await readRecipe('parsed');
    const out = runRecipe(parsed, { DATA: demoData });
    const hashes = await storedHashes(demoData);
    expect(out.trim().split('\n')).toEqual(hashes.map((h) => `${h} ok`));

    const tampered = path.join(work, 'tampered');
    await cp(demoData, tampered, { recursive: true });
    const segment = path.join(tampered, 'executions/segment-2026-11-1.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    lines[4] = lines[4]!.replace('"id":"', '"id":"X'); // one record edited
    lines.splice(9, 1); // and one record deleted
    await writeFile(segment, lines.join('\n'), { mode: 0o600 });
    expect(runRecipe(parsed, { DATA: tampered })).toMatch(/^5 [0-9a-f]{64} DIFFERS from the stored/m);
    const problems = runRecipe(await readRecipe('chain'), { DATA: tampered })
      .split('\n')
      .filter((l) => l.startsWith('PROBLEM'));
    expect(problems).toEqual([
      'PROBLEM segment-2026-11-1.jsonl seq 5: the content does not match its hash',
      'PROBLEM segment-2026-11-1.jsonl seq 11: prev_hash does not name the record before',
    ]);
  });

  it('#20.8 the anchor check reads refs/opsledger/anchors with git cat-file and finds a rewritten journal', async () => {
    const data = path.join(work, 'anchored');
    await cp(demoData, data, { recursive: true });
    const anchor = spawnSync('opsledger', ['--data-dir', data, 'anchor'], {
      cwd: clone.dir,
      env: clone.env,
      encoding: 'utf8',
    });
    expect(anchor.status, anchor.stderr).toBe(0);
    const recipe = await readRecipe('anchors');
    const commit = execFileSync('git', ['rev-parse', 'refs/opsledger/anchors'], {
      cwd: clone.dir,
      encoding: 'utf8',
    }).trim();
    expect(runRecipe(recipe, { DATA: data, REPO: clone.dir }).trim()).toBe(`anchor ${commit} seq 40 ok`);

    // Rewrite the last record (and its hash, so its own check passes): only the anchor catches it.
    const segment = path.join(data, 'executions/segment-2026-11-1.jsonl');
    const text = await readFile(segment, 'utf8');
    await writeFile(segment, text.replace(/"hash":"5a7db[0-9a-f]{59}"/, `"hash":"${'e'.repeat(64)}"`), {
      mode: 0o600,
    });
    expect(runRecipe(recipe, { DATA: data, REPO: clone.dir })).toContain(
      `PROBLEM anchor ${commit}: seq 40 is ${'e'.repeat(64)} in the journal, anchored as 5a7db`,
    );
  });
});
