import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Parameter } from '../../src/definitions/types.js';
import { checkParameters } from '../../src/executions/check-parameters.js';
import { runCli } from '../helpers/cli.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { createFixtureRepo } from './fixture-repo.js';

const DEFINITIONS: Parameter[] = [
  { name: 'service', type: 'string', required: true },
  { name: 'count', type: 'integer', default: 1 },
] as Parameter[];

/** Raw parameters as JSON.parse makes them: `__proto__` is an own key there, as it is in an API body. */
const raw = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

describe('checkParameters: names', () => {
  it('#13.13 refuses __proto__ and other undeclared names, listing the declared ones', () => {
    for (const given of ['{"service":"web","__proto__":"1"}', '{"service":"web","servcie":"x"}']) {
      expect(() => checkParameters(DEFINITIONS, raw(given))).toThrowError(
        expect.objectContaining({
          code: 'PARAM_INVALID',
          message: expect.stringContaining('(the action takes: service, count)'),
        }),
      );
    }
    // exec (partial) of a defined action refuses undeclared names too.
    expect(() => checkParameters(DEFINITIONS, raw('{"typo":"1"}'), { partial: true })).toThrowError(
      /unknown parameter "typo"/,
    );
    expect(() =>
      checkParameters(DEFINITIONS, raw('{"__proto__":{"polluted":true}}'), { partial: true }),
    ).toThrowError(/"__proto__" is not a parameter name/);
  });

  it('exec of an action the branch does not define keeps any name but the reserved ones', () => {
    expect(checkParameters([], raw('{"anything":"1"}'), { partial: true, anyName: true }).values).toEqual({
      anything: '1',
    });
    expect(() =>
      checkParameters([], raw('{"__proto__":"1"}'), { partial: true, anyName: true }),
    ).toThrowError(/"__proto__" is not a parameter name/);
  });
});

let repo: TestRepo;
let scratch: string;
beforeAll(async () => {
  repo = await createFixtureRepo();
  scratch = await mkdtemp(path.join(tmpdir(), 'opsledger-params-'));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

/** Every execution record file of a data dir (none when nothing was ever recorded). */
const journalFiles = (dataDir: string): string[] =>
  existsSync(path.join(dataDir, 'executions'))
    ? readdirSync(path.join(dataDir, 'executions')).filter((f) => f.endsWith('.jsonl'))
    : [];

describe('run and exec with a bad parameter name', () => {
  it('#13.13 `run --param __proto__=1` exits 2 naming the declared parameters, and runs nothing', () => {
    const dataDir = path.join(scratch, 'run');
    const out = path.join(scratch, 'out.txt');
    for (const bad of ['__proto__=1', 'valeu=typo']) {
      const r = runCli(
        [
          '--data-dir',
          dataDir,
          'run',
          'echo-params',
          '--param',
          'value=x',
          '--param',
          `out_file=${out}`,
          '--param',
          bad,
        ],
        { cwd: repo.dir },
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /^error\[PARAM_INVALID\]: .*the action takes: value, out_file, count, loud, mode/m,
      );
      expect(r.stderr).toMatch(/^hint: /m);
      expect(existsSync(out)).toBe(false);
    }
    expect(journalFiles(dataDir)).toEqual([]);
  });

  it('#13.13 `exec --param __proto__=1` (and an undeclared name) for a defined action exits 2', () => {
    const dataDir = path.join(scratch, 'exec');
    for (const bad of ['__proto__=1', 'typo=1']) {
      const r = runCli(
        ['--data-dir', dataDir, 'exec', '--action', 'echo-params', '--param', bad, '--', 'true'],
        { cwd: repo.dir },
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error\[PARAM_INVALID\]: .*the action takes: value, out_file/m);
    }
    expect(journalFiles(dataDir)).toEqual([]);
    const undefinedAction = runCli(
      ['--data-dir', dataDir, 'exec', '--action', 'cron-cleanup', '--param', 'days=3', '--', 'true'],
      { cwd: repo.dir },
    );
    expect(undefinedAction.code, undefinedAction.stderr).toBe(0);
  });
});
