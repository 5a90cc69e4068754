import { cpSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { sealRecord } from '../../src/executions/record-hash.js';
import type { ExecutionRecord, VerifyProblem } from '../../src/executions/types.js';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { makeInput } from './make-input.js';

let repo: TestRepo;
let pristine: string;
let work: string;
let segment: string;
beforeAll(async () => {
  repo = await createTestRepo([{ message: 'init', files: { 'README.md': 'x\n' } }]);
  pristine = await mkdtemp(path.join(tmpdir(), 'opsledger-tamper-'));
  work = `${pristine}-work`;
  const journal = await openJournal({ dataDir: pristine });
  for (let i = 1; i <= 12; i++) await journal.append(makeInput({ id: `run-${i}` }));
  await journal.close();
  segment = readdirSync(path.join(pristine, 'executions')).find((f) => f.endsWith('.jsonl'))!;
});
afterAll(async () => {
  await repo.cleanup();
  await rm(pristine, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

/** A fresh copy of the pristine journal with its segment's lines changed by `edit`. */
function tampered(edit: (lines: string[]) => string[] | string): string {
  rmSync(work, { recursive: true, force: true });
  cpSync(pristine, work, { recursive: true });
  const file = path.join(work, 'executions', segment);
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  const out = edit(lines);
  writeFileSync(file, typeof out === 'string' ? out : `${out.join('\n')}\n`);
  return work;
}
function verify(dataDir: string): { code: number; problems: VerifyProblem[] } {
  const r = runCli(['--data-dir', dataDir, 'verify', '--json'], { cwd: repo.dir });
  return { code: r.code, problems: (JSON.parse(r.stdout) as { problems: VerifyProblem[] }).problems };
}
const named = (p: VerifyProblem[]) => p.map((x) => `${x.kind}@${x.segment}:${x.line}`);

describe('opsledger verify finds tampering', () => {
  it('passes the untouched journal', () => {
    expect(verify(pristine)).toEqual({ code: 0, problems: [] });
  });

  it('edited field', () => {
    const v = verify(
      tampered((l) =>
        l.map((x, i) => (i === 4 ? x.replace('"status":"running"', '"status":"succeeded"') : x)),
      ),
    );
    expect(v.code).toBe(1);
    expect(named(v.problems)).toEqual([`modified@${segment}:5`]);
  });

  it('deleted line', () => {
    const v = verify(tampered((l) => l.filter((_, i) => i !== 6)));
    expect(v.code).toBe(1);
    expect(named(v.problems)).toEqual([`deleted@${segment}:7`]);
    expect(v.problems[0]!.seq).toBe(7);
  });

  it('inserted forged line', () => {
    const v = verify(
      tampered((l) => {
        const prev = JSON.parse(l[2]!) as ExecutionRecord;
        const forged = sealRecord(makeInput({ id: 'forged', action_id: 'drop-prod' }), {
          seq: prev.seq,
          hash: prev.hash,
        });
        return [...l.slice(0, 3), forged.line.slice(0, -1), ...l.slice(3)];
      }),
    );
    expect(v.code).toBe(1);
    expect(named(v.problems)).toEqual([`inserted@${segment}:4`]);
  });

  it('two lines swapped', () => {
    const v = verify(tampered((l) => [...l.slice(0, 3), l[4]!, l[3]!, ...l.slice(5)]));
    expect(v.code).toBe(1);
    expect(v.problems.map((p) => p.kind)).toEqual(['reordered']);
    expect([4, 5]).toContain(v.problems[0]!.line);
  });

  it('tail cut mid-line', () => {
    const dir = tampered((l) => l);
    const file = path.join(dir, 'executions', segment);
    truncateSync(file, readFileSync(file).length - 25);
    const v = verify(dir);
    expect(v.code).toBe(1);
    expect(named(v.problems)).toEqual([`truncated@${segment}:12`]);
  });

  it('whole journal replaced by an older copy after an anchor', () => {
    const dir = tampered((l) => l);
    const older = `${dir}-older`;
    cpSync(dir, older, { recursive: true });
    const file = path.join(older, 'executions', segment);
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n').slice(0, 8).join('\n')}\n`);
    const anchor = runCli(['--data-dir', dir, 'anchor', '--json'], { cwd: repo.dir });
    expect(anchor.code, anchor.stderr).toBe(0);
    expect(JSON.parse(anchor.stdout)).toMatchObject({ seq: 12, ref: 'refs/opsledger/anchors' });
    // The anchor lives on its own ref: the work tree and the branch did not move.
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('log', '--oneline', 'main').trim().split('\n')).toHaveLength(1);
    expect(verify(dir).code).toBe(0);
    rmSync(path.join(dir, 'executions'), { recursive: true });
    cpSync(path.join(older, 'executions'), path.join(dir, 'executions'), { recursive: true });
    rmSync(older, { recursive: true });
    const v = verify(dir);
    expect(v.code).toBe(1);
    expect(v.problems.map((p) => p.kind)).toEqual(['rolled_back']);
    expect(v.problems[0]!.message).toMatch(/ends at seq 8 but anchor .* recorded seq 12/);
    const text = runCli(['--data-dir', dir, 'verify'], { cwd: repo.dir });
    expect(text.stdout).toMatch(/^journal NOT OK: 1 problem/);
    expect(text.stdout).toContain('rolled_back');
  });
});
