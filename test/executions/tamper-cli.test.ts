import { cpSync, existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/executions/open-journal.js';
import { hashRecord, sealRecord } from '../../src/executions/record-hash.js';
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

  it('#13.8 a complete but altered last record is never quarantined: opening the journal leaves it, verify names it', () => {
    const lastLines = (dir: string) =>
      readFileSync(path.join(dir, 'executions', segment), 'utf8')
        .split('\n')
        .slice(0, -1);
    const open = (dir: string) => runCli(['--data-dir', dir, 'executions', '--json'], { cwd: repo.dir });

    // No longer a record the index can read (the trigger gone), newline kept: an acknowledged line, edited.
    const broken = tampered((l) =>
      l.map((x, i) => (i === 11 ? x.replace('"trigger":"manual"', '"trigger":null') : x)),
    );
    const before = lastLines(broken);
    const listed = open(broken);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).not.toMatch(/quarantine/);
    expect(lastLines(broken)).toEqual(before);
    expect(existsSync(path.join(broken, 'executions', 'quarantine'))).toBe(false);
    const v = verify(broken);
    expect(v.code).toBe(1);
    expect(v.problems.map((p) => [p.kind, p.segment, p.line, p.seq])).toEqual([
      ['modified', segment, 12, 12],
    ]);

    // Not JSON of a record at all (seq a string): named by its place and the seq it claims.
    const garbled = tampered((l) => l.map((x, i) => (i === 11 ? x.replace('"seq":12', '"seq":"12"') : x)));
    expect(open(garbled).code).toBe(0);
    expect(lastLines(garbled)).toHaveLength(12);
    const g = verify(garbled);
    expect(g.code).toBe(1);
    expect(named(g.problems)).toEqual([`unparseable@${segment}:12`]);

    // Content edited without its hash, and edited with its hash recomputed: both stay and are named.
    const edited = tampered((l) =>
      l.map((x, i) => (i === 11 ? x.replace('"status":"running"', '"status":"succeeded"') : x)),
    );
    expect(open(edited).code).toBe(0);
    expect(lastLines(edited)).toHaveLength(12);
    const e = verify(edited);
    expect(e.code).toBe(1);
    expect(named(e.problems)).toEqual([`modified@${segment}:12`]);

    const rehashed = tampered((l) =>
      l.map((x, i) => {
        if (i !== 11) return x;
        const r = JSON.parse(x) as ExecutionRecord;
        const forged = { ...r, prev_hash: 'f'.repeat(64), status: 'succeeded' as const };
        return JSON.stringify({ ...forged, hash: hashRecord(forged) });
      }),
    );
    expect(open(rehashed).code).toBe(0);
    expect(lastLines(rehashed)).toHaveLength(12);
    const h = verify(rehashed);
    expect(h.code).toBe(1);
    expect(h.problems.map((p) => [p.kind, p.line, p.seq])).toEqual([['modified', 12, 12]]);

    // Edited and its newline taken away, to pass for an append cut short: moved aside, and verify names the edit.
    const disguised = tampered((l) => {
      const edited = l.map((x, i) =>
        i === 11 ? x.replace('"status":"running"', '"status":"succeeded"') : x,
      );
      return edited.join('\n');
    });
    const moved = open(disguised);
    expect(moved.code).toBe(0);
    expect(moved.stderr).toMatch(/a whole record \(seq 12\) without its newline/);
    const d = verify(disguised);
    expect(d.code).toBe(1);
    expect(d.problems.map((p) => [p.kind, p.segment.replace(/-at-.*/, ''), p.seq])).toEqual([
      ['modified', `quarantine/${segment.replace(/\.jsonl$/, '')}`, 12],
    ]);
    expect(d.problems[0]!.message).toMatch(/edited, not cut short/);
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
