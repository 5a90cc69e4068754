import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

/** A PEM-like key: 64-column base64 lines of fixed pseudo-random bytes between armour lines. */
function makePem(): string {
  let bytes = Buffer.alloc(0);
  for (let i = 0; bytes.length < 400; i++)
    bytes = Buffer.concat([bytes, createHash('sha256').update(`opsledger-13.4-${i}`).digest()]);
  const body = bytes.toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----', ''].join('\n');
}
const PEM = makePem();

/**
 * Prints the key every way a careless script might: whole, line by line, split across writes with pauses and with
 * stderr in between, base64 (wrapped by coreutils, unwrapped, after one more byte), URL-encoded by JS and Python,
 * JSON-escaped by JS and Python.
 */
const LEAKY = `id: leaky-key
name: leaky-key
owner: alice@example.com
status: released
script:
  shell: bash
  inline: |
    K="$OPSLEDGER_PARAM_KEY"
    echo "whole: $K"
    printf '%s\\n' "$K" | while IFS= read -r line; do echo "line: $line"; done
    printf 'split: %s' "\${K:0:100}"; sleep 0.2; echo "noise on stderr" >&2; sleep 0.2; printf '%s\\n' "\${K:100}"
    printf '%s' "$K" | base64
    printf '%s' "$K" | base64 -w0; echo
    printf 'x%s' "$K" | base64 -w0; echo
    echo "to stderr: $K" >&2
    node -e 'const k = process.env.OPSLEDGER_PARAM_KEY; console.log(encodeURIComponent(k)); console.log(JSON.stringify({ key: k }))'
    python3 -c 'import os, json, urllib.parse; k = os.environ["OPSLEDGER_PARAM_KEY"]; print(urllib.parse.quote(k)); print(json.dumps({"key": k}))'
    echo done
parameters:
  - { name: key, type: string, required: true, secret: true }
`;

/** The forms of the key that must show nowhere (computed here, independently of the scrubber). */
function forbidden(): string[] {
  const bytes = Buffer.from(PEM);
  const b64 = bytes.toString('base64');
  const shifted = Buffer.concat([Buffer.from('x'), bytes]).toString('base64');
  const json = JSON.stringify(PEM).slice(1, -1);
  const python = encodeURIComponent(PEM)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%2F', '/');
  return [
    ...PEM.split('\n').filter((l) => l.length >= 20),
    ...(b64.match(/.{1,76}/g) ?? []).filter((l) => l.length >= 20),
    b64.slice(8, 60),
    shifted.slice(8, 60),
    encodeURIComponent(PEM).slice(0, 60),
    python.slice(0, 60),
    json.slice(0, 80),
    json.slice(-80),
  ];
}

/** Every file below a directory, as raw bytes read as latin1 (so any byte sequence compares). */
function filesUnder(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'latin1') }));
}

let repo: TestRepo;
let scratch: string;
beforeAll(async () => {
  repo = await createTestRepo([
    {
      message: 'An action that prints its secret',
      files: { '.gitignore': '.opsledger/\n', 'definitions/actions/leaky-key.yaml': LEAKY },
    },
  ]);
  scratch = await mkdtemp(path.join(tmpdir(), 'opsledger-secret-cli-'));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

describe('secrets in a real opsledger run', () => {
  it('#13.4 a multi-line key printed whole, by line, split across writes, base64/URL/JSON-encoded shows neither in the CLI output nor in the journal bytes', () => {
    const dataDir = path.join(scratch, 'pem');
    const env = { OPSLEDGER_DATA_DIR: dataDir, THE_KEY: PEM };
    const viaEnv = runCli(['run', 'leaky-key', '--param-env', 'key=THE_KEY'], { cwd: repo.dir, env });
    const viaArg = runCli(['run', 'leaky-key', '--param', `key=${PEM}`, '--json'], { cwd: repo.dir, env });
    const wrapped = runCli(
      [
        'exec',
        '--action',
        'leaky-key',
        '--param-env',
        'key=THE_KEY',
        '--',
        'bash',
        '-c',
        'echo "$OPSLEDGER_PARAM_KEY"; printf %s "$OPSLEDGER_PARAM_KEY" | base64',
      ],
      { cwd: repo.dir, env },
    );
    for (const r of [viaEnv, viaArg, wrapped]) expect(r.code, r.stderr).toBe(0);
    // The script ran to its end and the scrubbing left ordinary output alone.
    expect(viaEnv.stderr).toContain('whole: [REDACTED]');
    expect(viaEnv.stderr).toContain('line: [REDACTED]');
    expect(viaEnv.stderr).toContain('split: [REDACTED]');
    expect(viaEnv.stderr).toContain('noise on stderr');
    expect(viaEnv.stderr).toContain('{"key":"[REDACTED]"}');
    expect(viaEnv.stderr).toMatch(/\ndone\n/);
    const record = JSON.parse(viaArg.stdout) as { results: { stdout_tail: string; stderr_tail: string }[] };
    expect(record.results[0]?.stdout_tail).toMatch(/^whole: \[REDACTED\]\n/);
    expect(record.results[0]?.stderr_tail).toContain('to stderr: [REDACTED]');

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.text.includes('split: [REDACTED]'))).toBe(true);
    for (const form of forbidden()) {
      for (const r of [viaEnv, viaArg, wrapped]) {
        expect(r.stdout.includes(form), `stdout has ${form}`).toBe(false);
        expect(r.stderr.includes(form), `stderr has ${form}`).toBe(false);
      }
      for (const { file, text } of files) expect(text.includes(form), `${file} has ${form}`).toBe(false);
    }
  });

  it('#13.5 a --param value with a control character is refused with exit 2 and a hint, not echoed, nothing recorded', () => {
    const dataDir = path.join(scratch, 'control');
    const bad = runCli(['run', 'leaky-key', '--param', 'key=canary-\u001b[2Jwiped'], {
      cwd: repo.dir,
      env: { OPSLEDGER_DATA_DIR: dataDir },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[PARAM_INVALID]: parameter "key" contains a control character');
    expect(bad.stderr).toMatch(/hint: .*tabs, newlines and carriage returns/);
    expect(bad.stdout + bad.stderr).not.toContain('canary');
    // A value typed without its name is not echoed either.
    const nameless = runCli(['run', 'leaky-key', '--param', 'canary-typed-alone'], {
      cwd: repo.dir,
      env: { OPSLEDGER_DATA_DIR: dataDir },
    });
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toContain('error[PARAM_INVALID]: --param takes NAME=VALUE');
    expect(nameless.stdout + nameless.stderr).not.toContain('canary');
    const list = runCli(['executions', '--json'], { cwd: repo.dir, env: { OPSLEDGER_DATA_DIR: dataDir } });
    expect(JSON.parse(list.stdout)).toEqual([]);
    for (const { file, text } of filesUnder(dataDir)) expect(text.includes('canary'), file).toBe(false);
  });
});
