import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src/executions/verify-journal.js';
import { childExecArgv } from '../../src/reports/verify-in-child.js';
import { ROOT } from '../helpers/cli.js';
import { writeSegment } from '../helpers/write-segment.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'opsledger-verify-child-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Walked {
  report: unknown;
  usage: { maxRssMiB: number; cpuMs: number } | null;
}

/**
 * verifyInChild run from the sources under tsx, in a process of its own (`before`: code run first in it): what it
 * resolves to, or the message it rejects with.
 */
function verifyThroughChild(dataDir: string, before = ''): Walked | { rejected: string } {
  const module = path.join(ROOT, 'src/reports/verify-in-child.ts');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `${before}
       const { verifyInChild } = await import(${JSON.stringify(module)});
       const out = await verifyInChild({ dataDir: ${JSON.stringify(dataDir)} }).catch((err) => ({ rejected: err.message }));
       process.stdout.write(JSON.stringify(out));`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`verifyInChild failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Walked | { rejected: string };
}

function walked(dataDir: string, before = ''): Walked {
  const out = verifyThroughChild(dataDir, before);
  if ('rejected' in out) throw new Error(out.rejected);
  return out;
}

describe('#15.9 the chain walked in a child process beside the report', () => {
  it('gives the report verify gives in this process, and what it used (the child ran)', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'ok-'));
    writeSegment(dataDir, 400);
    const child = walked(dataDir);
    expect(child.usage?.maxRssMiB).toBeGreaterThan(0);
    expect(child.usage?.cpuMs).toBeGreaterThan(0);
    const here = JSON.parse(JSON.stringify(await verifyJournal({ dataDir }))) as { ok: boolean };
    expect(here.ok).toBe(true);
    expect(child.report).toEqual(here);
  });

  it('names the same problems as verify for a tampered record', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'tampered-'));
    writeSegment(dataDir, 400);
    const dir = path.join(dataDir, 'executions');
    const segment = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.jsonl'))!,
    );
    writeFileSync(segment, readFileSync(segment, 'utf8').replace('"top":10', '"top":99'));
    const child = walked(dataDir);
    const here = JSON.parse(JSON.stringify(await verifyJournal({ dataDir }))) as {
      ok: boolean;
      problems: unknown[];
    };
    expect(here.ok).toBe(false);
    expect(here.problems.length).toBeGreaterThan(0);
    expect(child.report).toEqual(here);
  });

  it('walks the chain in its own process when no child can start, and says so when the child dies', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'faults-'));
    writeSegment(dataDir, 40);
    const here = JSON.parse(JSON.stringify(await verifyJournal({ dataDir }))) as unknown;
    // No Node binary where the child would be started: the same report, walked here (no child's usage).
    const alone = walked(dataDir, `process.execPath = ${JSON.stringify(path.join(tmp, 'no-such-node'))};`);
    expect(alone).toEqual({ report: here, usage: null });
    // A child that dies before it answers (a heap too small to start): a clear error, not a hang nor a wrong report.
    const died = verifyThroughChild(dataDir, `process.execArgv.push('--max-old-space-size=1');`);
    expect(died).toEqual({
      rejected: expect.stringMatching(/^journal verification stopped \(child exit /) as unknown,
    });
  });

  it("passes the child this process's loader and limits, never code to evaluate nor a debugger", () => {
    expect(
      childExecArgv([
        '--require',
        '/x/tsx/dist/preflight.cjs',
        '--import',
        'file:///x/tsx/dist/loader.mjs',
        '--max-old-space-size=512',
        '--input-type=module',
        '--inspect-brk=9229',
        '--eval',
        'verifyInChild()',
      ]),
    ).toEqual([
      '--require',
      '/x/tsx/dist/preflight.cjs',
      '--import',
      'file:///x/tsx/dist/loader.mjs',
      '--max-old-space-size=512',
    ]);
    expect(childExecArgv(['--import', 'tsx', '-e', 'x', '-p', 'y', '--input-type', 'module'])).toEqual([
      '--import',
      'tsx',
    ]);
  });
});
