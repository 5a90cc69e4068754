import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoClone, type DemoClone } from '../helpers/demo-clone.js';

/** A run of the demo journal (demo-data/) with a secret parameter and an output tail. */
const SECRET_RUN = '01M80SZZJ3EEENBAMS991FQPGB';

let clone: DemoClone;

/** `opsledger ARGS` in the clone, with stdout a pipe (as in a script or CI). */
function ops(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('opsledger', args, { cwd: clone.dir, env: { ...clone.env, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  clone = await createDemoClone();
});

afterAll(async () => {
  await clone?.cleanup();
});

describe('#20.6 opsledger executions ID', () => {
  it('#20.6 prints one readable view: header, per-target table, output tails, secrets as [redacted]', () => {
    const r = ops(['--data-dir', 'demo-data', 'executions', SECRET_RUN]);
    expect(r.code, r.stderr).toBe(0);
    // Not JSON documents glued together: a header block a person reads.
    expect(r.stdout.trimStart().startsWith('{')).toBe(false);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`execution   ${SECRET_RUN}`);
    for (const [key, value] of <[string, string][]>[
      ['action', 'rotate-api-credential'],
      ['version', 'v1 (approved) at commit 501891486534, blob 9d205efe555b'],
      ['status', 'succeeded (exit 0)'],
      ['initiator', 'alice@example.com (root@vm) via cli'],
      ['trigger', 'manual'],
      ['started', '2026-11-22 04:59:52.259 UTC'],
      ['finished', '2026-11-22 04:59:52.351 UTC'],
      ['duration', '92ms'],
      ['parameters', 'new_secret=[redacted]'],
    ]) {
      expect(lines).toContain(`${key.padEnd(10)}  ${value}`);
    }
    expect(lines).toContain('            service_name=billing');
    expect(r.stdout).not.toContain('8fd8761403ca2f6b'); // the secret's HMAC stays in --json
    expect(lines).toContain('TARGET  STATUS     EXIT  SIGNAL  DURATION  TRUNCATED');
    expect(lines).toContain('db-01   succeeded  0     -       38ms      -');
    expect(lines).toContain('db-01 stdout (tail):');
    expect(lines).toContain('    rotated the credential of billing on db-01: sha256:9137685c78eb...');
  });

  it('#20.6 --json stays one JSON document (the run records, start and end)', () => {
    const r = ops(['--data-dir', 'demo-data', 'executions', SECRET_RUN, '--json']);
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout) as { seq: number; status: string }[];
    expect(records.map((x) => x.status)).toEqual(['running', 'succeeded']);
  });
});

describe('#20.6 --json everywhere stays pure JSON', () => {
  const READING: string[][] = [
    ['history', 'http-health-check'],
    ['history', 'web-incident-response/restart-web'],
    ['audit'],
    ['show', 'http-health-check@2'],
    ['blame', 'http-health-check'],
    ['diff', 'http-health-check', '1', '3'],
    ['executions'],
    ['executions', SECRET_RUN],
    ['verify'],
    ['anchor', '--list'],
    ['validate'],
    ['keys', 'list'],
    ['retention', 'apply', '--dry-run'],
    ['schemas', 'update', '--dry-run'],
    ['history', 'no-such-definition'],
    ['executions', '--since', 'yesterday'],
  ];
  it.each(READING.map((args) => [args.join(' '), args] as const))(
    '#20.6 opsledger %s --json prints exactly one JSON document on stdout',
    (_name, args) => {
      const r = ops(['--data-dir', 'demo-data', ...args, '--json']);
      expect(() => JSON.parse(r.stdout), `${r.stdout.slice(0, 200)}\n${r.stderr}`).not.toThrow();
      expect([0, 1, 2]).toContain(r.code);
    },
  );
});

describe('#20.6 executions and audit page long output on a terminal', () => {
  let pager: string;
  let marker: string;

  beforeAll(async () => {
    marker = path.join(clone.dir, '..', 'pager-called');
    pager = path.join(clone.dir, '..', 'fake-pager');
    // A pager that records it was called, and how many lines it got, then passes them on.
    await writeFile(pager, `#!/bin/sh\nwc -l > "${marker}"\n`);
    await chmod(pager, 0o755);
  });

  /** Run the CLI on a pseudo-terminal 5 rows high (util-linux `script`), with the fake pager as $PAGER. */
  async function onTerminal(
    args: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ paged: boolean; out: string }> {
    await rm(marker, { force: true });
    const out = execFileSync('script', ['-qec', `stty rows 5 cols 200; opsledger ${args}`, '/dev/null'], {
      cwd: clone.dir,
      env: { ...clone.env, PAGER: pager, ...env },
      encoding: 'utf8',
    });
    return { paged: existsSync(marker), out };
  }

  it('#20.6 a list taller than the terminal goes through $PAGER', async () => {
    expect((await onTerminal('--data-dir demo-data executions')).paged).toBe(true);
    expect((await onTerminal('audit')).paged).toBe(true);
    expect((await onTerminal(`--data-dir demo-data executions ${SECRET_RUN}`)).paged).toBe(true);
  });

  it('#20.6 never with --no-pager, --json, output that fits, or stdout piped', async () => {
    const noPager = await onTerminal('--data-dir demo-data executions --no-pager');
    expect(noPager.paged).toBe(false);
    expect(noPager.out).toContain('rotate-api-credential');
    expect((await onTerminal('audit --no-pager')).paged).toBe(false);
    expect((await onTerminal('--data-dir demo-data executions --json')).paged).toBe(false);
    expect((await onTerminal('audit --json')).paged).toBe(false);
    expect((await onTerminal('--data-dir demo-data executions --limit 2')).paged).toBe(false);
    await rm(marker, { force: true });
    const piped = ops(['--data-dir', 'demo-data', 'executions'], { PAGER: pager });
    expect(piped.stdout).toContain('rotate-api-credential');
    expect(existsSync(marker)).toBe(false);
  });

  it('#20.6 a pager that cannot start falls back to printing', async () => {
    const missing = await onTerminal('--data-dir demo-data executions', { PAGER: 'no-such-pager-here' });
    expect(missing.out).toContain('rotate-api-credential');
  });
});

describe('#20.6 shell completion', () => {
  it('#20.6 bash completion, sourced in a real bash, completes commands and options', async () => {
    const script = ops(['completion', 'bash']);
    expect(script.code).toBe(0);
    const file = path.join(clone.dir, '..', 'opsledger.bash');
    await writeFile(file, script.stdout);
    const complete = (words: string[]): string[] => {
      const probe = [
        `source '${file}'`,
        'complete -p opsledger >/dev/null || exit 9',
        `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
        '_opsledger',
        `printf '%s\n' "\${COMPREPLY[@]}"`,
      ].join('\n');
      const r = spawnSync('bash', ['--norc', '--noprofile', '-c', probe], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete(['opsledger', 'hi'])).toEqual(['history']);
    const runOptions = complete(['opsledger', 'run', '--']);
    for (const o of ['--param', '--param-env', '--target', '--allow-dirty', '--json', '--repo']) {
      expect(runOptions).toContain(o);
    }
    expect(complete(['opsledger', 'keys', ''])).toEqual(['create', 'list', 'revoke']);
    expect(complete(['opsledger', 'new', ''])).toEqual(['action', 'runbook', 'role']);
    expect(complete(['opsledger', 'history', ''])).toEqual([]);
    expect(complete(['opsledger', 'executions', '--status', 'fa'])).toEqual(['failed']);
    expect(complete(['opsledger', '--repo', 'x', 'aud'])).toEqual(['audit']);
  });

  it('#20.6 zsh and fish scripts name every command', () => {
    const zsh = ops(['completion', 'zsh']).stdout;
    expect(zsh).toContain('bashcompinit');
    const fish = ops(['completion', 'fish']).stdout;
    for (const name of ['history', 'executions', 'completion']) {
      expect(zsh).toContain(` ${name}`);
      expect(fish).toContain(`-a ${name} -d`);
    }
    expect(fish).toContain("-n '__fish_seen_subcommand_from run' -l param -r");
    expect(ops(['completion', 'tcsh']).code).toBe(2);
  });
});
