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

/** verifyInChild run from the sources under tsx, in a process of its own: what it resolves to, as JSON. */
function verifyThroughChild(dataDir: string): {
  report: unknown;
  usage: { maxRssMiB: number; cpuMs: number } | null;
} {
  const module = path.join(ROOT, 'src/reports/verify-in-child.ts');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { verifyInChild } = await import(${JSON.stringify(module)});
       process.stdout.write(JSON.stringify(await verifyInChild({ dataDir: ${JSON.stringify(dataDir)} })));`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`verifyInChild failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { report: unknown; usage: { maxRssMiB: number; cpuMs: number } | null };
}

describe('#15.9 the chain walked in a child process beside the report', () => {
  it('gives the report verify gives in this process, and what it used (the child ran)', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'ok-'));
    writeSegment(dataDir, 400);
    const walked = verifyThroughChild(dataDir);
    expect(walked.usage?.maxRssMiB).toBeGreaterThan(0);
    expect(walked.usage?.cpuMs).toBeGreaterThan(0);
    const here = JSON.parse(JSON.stringify(await verifyJournal({ dataDir }))) as { ok: boolean };
    expect(here.ok).toBe(true);
    expect(walked.report).toEqual(here);
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
    const walked = verifyThroughChild(dataDir);
    const here = JSON.parse(JSON.stringify(await verifyJournal({ dataDir }))) as {
      ok: boolean;
      problems: unknown[];
    };
    expect(here.ok).toBe(false);
    expect(here.problems.length).toBeGreaterThan(0);
    expect(walked.report).toEqual(here);
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
