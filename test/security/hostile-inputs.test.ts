import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';
import { ACTION_FILES, ROLE_FILES } from '../server/fixture-repo.js';
import { createTestServer, type TestServer } from '../server/test-server.js';

/**
 * The hostile inputs of docs/security.md, family by family, against the CLI, the pre-receive hook on a real bare
 * repo and the API in-process. Each must end with a clear refusal (exit 1 with a located finding for `validate` and
 * the hook, exit 2 or a 4xx elsewhere), within the bound of the test itself (a process is killed after BOUND_MS and
 * the assertion on its exit code fails), and must store nothing. Traversal, control characters and bad-key bursts
 * are in api-hostile-inputs.test.ts.
 */

const BOUND_MS = 30_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI, killed (code -1) if it runs past the bound: a hang fails the test instead of stalling it. */
function cli(args: string[], cwd = ROOT): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    encoding: 'utf8',
    timeout: BOUND_MS,
    killSignal: 'SIGKILL',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): Run {
  const result = spawnSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Mallory',
      GIT_AUTHOR_EMAIL: 'mallory@example.com',
      GIT_COMMITTER_NAME: 'Mallory',
      GIT_COMMITTER_EMAIL: 'mallory@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      LC_ALL: 'C',
    },
    encoding: 'utf8',
    timeout: BOUND_MS,
    killSignal: 'SIGKILL',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A clear error in the contract's format, and no stack trace. */
function expectClearError(run: Run, code: string): void {
  expect(run.stderr).toMatch(new RegExp(`^error\\[${code}\\]: .+\\nhint: .+`, 'm'));
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

// --- the inputs ---------------------------------------------------------------------------------------------

const action = (id: string, extra = ''): string =>
  `id: ${id}\nname: ${id}\nowner: mallory@example.com\nstatus: released\nscript:\n  shell: sh\n  inline: echo hi\n${extra}timeout: 30\n`;

/** Nine levels of nine aliases: 9^9 (387 million) strings when expanded. */
const BILLION_LAUGHS = [
  'id: lol',
  'name: lol',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i] as string;
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
  '',
].join('\n');

/** Each catastrophic pattern with an input that makes a backtracking engine take exponential (or huge) time. */
const CATASTROPHIC: { pattern: string; evil: string }[] = [
  { pattern: '^(a+)+$', evil: `${'a'.repeat(40)}!` },
  { pattern: '(a|aa)+$', evil: `${'a'.repeat(70)}!` },
  { pattern: '(a*)*b', evil: 'a'.repeat(40) },
  { pattern: '^(.*a){20}$', evil: 'a'.repeat(60) + 'b' },
];

const EVIL = CATASTROPHIC[0]!.evil;

/** A scope glob a backtracking regex takes about C(63, 30) steps to fail on against LONG_ID. */
const STAR_GLOB = `${'*a'.repeat(30)}*b`;
const LONG_ID = 'a'.repeat(63);
const globRole = `id: globbers\nmembers: [mallory@example.com]\npermissions: [actions:execute]\nscope:\n  actions: ['${STAR_GLOB}']\n`;

const grepAction = (pattern: string, id = 'grep-logs', defaultValue?: string): string =>
  action(
    id,
    `parameters:\n  - name: word\n    type: string\n    pattern: '${pattern}'\n${defaultValue === undefined ? '' : `    default: '${defaultValue}'\n`}`,
  );

const DEEP_JSON = `{"parameters":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;

// --- CLI ------------------------------------------------------------------------------------------------------

describe('hostile inputs against the CLI', () => {
  let repo: TestRepo;
  const records = (): number => {
    const listed = cli(['executions', '--json', '--repo', repo.dir]);
    expect(listed.code, listed.stderr).toBe(0);
    return (JSON.parse(listed.stdout) as unknown[]).length;
  };

  beforeAll(async () => {
    repo = await createTestRepo([
      {
        message: 'Actions',
        files: {
          '.gitignore': '.opsledger/\n',
          'definitions/actions/ping.yaml': action('ping'),
          ...Object.fromEntries(
            CATASTROPHIC.map(({ pattern }, i) => [
              `definitions/actions/grep-${i}.yaml`,
              grepAction(pattern, `grep-${i}`),
            ]),
          ),
        },
      },
    ]);
    expect(cli(['run', 'ping', '--repo', repo.dir]).code).toBe(0);
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it.each(CATASTROPHIC.map((c, i) => ({ ...c, i })))(
    '#13.2 run refuses a value for the catastrophic pattern $pattern with exit 2, storing nothing',
    ({ evil, i }) => {
      const before = records();
      const run = cli(['run', `grep-${i}`, '--param', `word=${evil}`, '--repo', repo.dir]);
      expect(run.code).toBe(2);
      expectClearError(run, 'PARAM_INVALID');
      expect(records()).toBe(before);
    },
  );

  it('#13.2 validate judges catastrophic patterns and defaults in linear time; a backreference is pattern-unsupported', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'opsledger-hostile-'));
    try {
      const files: Record<string, string> = {};
      CATASTROPHIC.forEach(({ pattern, evil }, i) => {
        files[`definitions/actions/bad-${i}.yaml`] = grepAction(pattern, `bad-${i}`, evil);
      });
      files['definitions/actions/backref.yaml'] = grepAction('^(a+)\\1$', 'backref');
      files['definitions/actions/lookahead.yaml'] = grepAction('^(?=a)a+$', 'lookahead');
      const own = await createTestRepo([{ message: 'Hostile', files }]);
      try {
        const result = cli(['validate', '--json', '--repo', own.dir]);
        expect(result.code).toBe(1);
        const findings = (
          JSON.parse(result.stdout) as {
            findings: { code: string; file: string; line: number; col: number }[];
          }
        ).findings.map((f) => `${f.code} ${f.file}:${f.line}:${f.col}`);
        for (let i = 0; i < CATASTROPHIC.length; i++) {
          expect(findings).toContain(`default-pattern definitions/actions/bad-${i}.yaml:12:5`);
        }
        expect(findings).toContain('pattern-unsupported definitions/actions/backref.yaml:11:5');
        expect(findings).toContain('pattern-unsupported definitions/actions/lookahead.yaml:11:5');
      } finally {
        await own.cleanup();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("#13.2 a repo's own schema with a catastrophic pattern does not hang validate", async () => {
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, 'definitions/schema/action.schema.json'), 'utf8'),
    ) as { properties: Record<string, Record<string, unknown>> };
    schema.properties.name = { type: 'string', pattern: '^(a+)+$' };
    const own = await createTestRepo([
      {
        message: 'Own schema',
        files: {
          'definitions/schema/action.schema.json': JSON.stringify(schema, null, 2),
          'definitions/actions/slow.yaml': action('slow').replace('name: slow', `name: ${EVIL}`),
        },
      },
    ]);
    try {
      const result = cli(['validate', '--repo', own.dir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'definitions/actions/slow.yaml:2:1: error[schema] /name must match pattern',
      );
    } finally {
      await own.cleanup();
    }
  });

  it('#13.2 a role scope glob of many stars does not hang validate', async () => {
    const own = await createTestRepo([
      {
        message: 'Globs',
        files: {
          [`definitions/actions/${LONG_ID}.yaml`]: action(LONG_ID),
          'definitions/roles/globbers.yaml': globRole,
        },
      },
    ]);
    try {
      const result = cli(['validate', '--repo', own.dir]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `warning[scope-matches-nothing] scope "${STAR_GLOB}" matches no action id`,
      );
    } finally {
      await own.cleanup();
    }
  });

  it('YAML bombs: a definition is an alias-bomb finding, an opsledger.yaml one is CONFIG_INVALID (exit 2)', async () => {
    const own = await createTestRepo([
      {
        message: 'Bomb',
        files: { '.gitignore': '.opsledger/\n', 'definitions/actions/lol.yaml': BILLION_LAUGHS },
      },
    ]);
    try {
      const validated = cli(['validate', '--repo', own.dir]);
      expect(validated.code).toBe(1);
      expect(validated.stdout).toMatch(/definitions\/actions\/lol\.yaml:\d+:\d+: error\[alias-bomb\]/);
      // An invalid definition is findings (exit 1 by the exit-code contract), named with its place.
      const run = cli(['run', 'lol', '--repo', own.dir]);
      expect(run.code).toBe(1);
      expectClearError(run, 'VALIDATION_FAILED');
      expect(run.stderr).toContain('definitions/actions/lol.yaml:4:8: refused to expand aliases');
      await own.write('opsledger.yaml', BILLION_LAUGHS.replace('id: lol\nname: lol\n', ''));
      const listed = cli(['executions', '--json', '--repo', own.dir]);
      expect(listed.code).toBe(2);
      expectClearError(listed, 'CONFIG_INVALID');
    } finally {
      await own.cleanup();
    }
  });

  it('a huge definition file is refused unread (file-too-large), never parsed', async () => {
    const own = await createTestRepo([
      {
        message: 'Huge',
        files: { 'definitions/actions/huge.yaml': action('huge', `description: "${'x'.repeat(400_000)}"\n`) },
      },
    ]);
    try {
      const validated = cli(['validate', '--repo', own.dir]);
      expect(validated.code).toBe(1);
      expect(validated.stdout).toContain('definitions/actions/huge.yaml:1:1: error[file-too-large]');
    } finally {
      await own.cleanup();
    }
  });
});

// --- hooks ----------------------------------------------------------------------------------------------------

describe('hostile pushes against the real pre-receive hook', () => {
  let base: string;
  let server: string;
  let work: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'opsledger-hostile-hook-'));
    server = path.join(base, 'server.git');
    work = path.join(base, 'work');
    expect(git(base, 'init', '-q', '--bare', '-b', 'main', server).code).toBe(0);
    expect(cli(['hooks', 'install', '--target', server]).code).toBe(0);
    expect(git(base, 'init', '-q', '-b', 'main', work).code).toBe(0);
    git(work, 'config', 'commit.gpgsign', 'false');
    git(work, 'remote', 'add', 'origin', server);
    await commitAll({ 'definitions/actions/ping.yaml': action('ping') }, 'Valid start');
    expect(git(work, 'push', '-q', 'origin', 'main').code).toBe(0);
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  async function commitAll(files: Record<string, string>, message: string): Promise<void> {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(work, file);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
    git(work, 'add', '-A');
    expect(git(work, 'commit', '-q', '--no-verify', '-m', message).code).toBe(0);
  }

  /** Push, expect a refusal naming `where`, and leave the server's main where it was; then drop the commit. */
  function expectRefused(where: RegExp): void {
    const tip = git(server, 'rev-parse', 'main').stdout;
    const pushed = git(work, 'push', 'origin', 'main');
    expect(pushed.code).not.toBe(0);
    expect(pushed.code).not.toBe(-1);
    expect(pushed.stderr).toMatch(where);
    expect(pushed.stderr).toContain('pre-receive hook declined');
    expect(git(server, 'rev-parse', 'main').stdout).toBe(tip);
    git(work, 'reset', '-q', '--hard', 'origin/main');
  }

  it('#13.2 a catastrophic pattern with an evil default is judged in linear time and refused', async () => {
    await commitAll(
      {
        'definitions/actions/grep-logs.yaml': grepAction('^(a+)+$', 'grep-logs', EVIL),
      },
      'Catastrophic',
    );
    expectRefused(/remote: definitions\/actions\/grep-logs\.yaml:12:5: error\[default-pattern\]/);
  });

  it('#13.2 a backreference pattern is refused as pattern-unsupported', async () => {
    await commitAll({ 'definitions/actions/grep-logs.yaml': grepAction('(a)\\1') }, 'Backreference');
    expectRefused(/remote: definitions\/actions\/grep-logs\.yaml:11:5: error\[pattern-unsupported\]/);
  });

  it('a YAML bomb and a huge file are refused', async () => {
    await commitAll({ 'definitions/actions/lol.yaml': BILLION_LAUGHS }, 'Bomb');
    expectRefused(/remote: definitions\/actions\/lol\.yaml:\d+:\d+: error\[alias-bomb\]/);
    await commitAll(
      { 'definitions/actions/huge.yaml': action('huge', `description: "${'x'.repeat(400_000)}"\n`) },
      'Huge',
    );
    expectRefused(/remote: definitions\/actions\/huge\.yaml:1:1: error\[file-too-large\]/);
  });

  it('#13.1 forged rules in a push (decoy branch, moved paths, permissive schema) do not judge it', async () => {
    const invalid = action('ping').replace('timeout: 30', 'timout: 30');
    await commitAll(
      { 'opsledger.yaml': 'branch: decoy\n', 'definitions/actions/ping.yaml': invalid },
      'Decoy branch',
    );
    expectRefused(/remote: definitions\/actions\/ping\.yaml:8:1: error\[schema\]/);
    await commitAll(
      { 'opsledger.yaml': 'paths:\n  definitions: elsewhere\n', 'definitions/actions/ping.yaml': invalid },
      'Moved paths',
    );
    expectRefused(/remote: definitions\/actions\/ping\.yaml:8:1: error\[schema\]/);
    await commitAll(
      { 'definitions/schema/action.schema.json': '{}\n', 'definitions/actions/ping.yaml': invalid },
      'Permissive schema',
    );
    expectRefused(/remote: definitions\/actions\/ping\.yaml:8:1: error\[schema\]/);
  });
});

// --- API ------------------------------------------------------------------------------------------------------

describe('hostile requests against the API', () => {
  let server: TestServer;
  const count = async (): Promise<number> => {
    const res = await server.call('get', '/api/v1/executions?limit=500', { as: 'alice@example.com' });
    expect(res.status).toBe(200);
    return (res.body.data as unknown[]).length;
  };

  beforeAll(async () => {
    const repo = await createTestRepo([
      {
        message: 'Definitions',
        files: {
          ...ROLE_FILES,
          ...ACTION_FILES,
          '.gitignore': '.opsledger/\n',
          'definitions/roles/globbers.yaml': globRole,
          [`definitions/actions/${LONG_ID}.yaml`]: action(LONG_ID),
          'definitions/actions/lol.yaml': BILLION_LAUGHS,
          ...Object.fromEntries(
            CATASTROPHIC.map(({ pattern }, i) => [
              `definitions/actions/grep-${i}.yaml`,
              grepAction(pattern, `grep-${i}`),
            ]),
          ),
        },
      },
    ]);
    server = await createTestServer({ repo });
  });
  afterAll(async () => {
    const repo = server.repo;
    await server.cleanup();
    await repo.cleanup();
  });

  it.each(CATASTROPHIC.map((c, i) => ({ ...c, i })))(
    '#13.2 a self-service run with an evil value for $pattern is a 400 and the API stays up',
    async ({ evil, i }) => {
      const before = await count();
      const res = await server.call('post', `/api/v1/actions/grep-${i}/executions`, {
        as: 'alice@example.com',
        body: { parameters: { word: evil } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('PARAM_INVALID');
      expect((await server.call('get', '/api/v1/health')).status).toBe(200);
      expect(await count()).toBe(before);
    },
  );

  it('#13.2 a role scope glob of many stars is judged at once: the run is refused, the API stays up', async () => {
    const before = await count();
    const res = await server.call('post', `/api/v1/actions/${LONG_ID}/executions`, {
      as: 'mallory@example.com',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PERMISSION_DENIED');
    expect((await server.call('get', '/api/v1/health')).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('a YAML bomb in the served repo is not expanded: the API lists the rest, and running it is refused', async () => {
    const before = await count();
    const list = await server.call('get', '/api/v1/actions', { as: 'alice@example.com' });
    expect(list.status).toBe(200);
    expect((list.body.data as { id: string }[]).map((a) => a.id)).toContain('ping');
    // An unparseable definition is not live: 404, like any action that is not at the tip.
    const shown = await server.call('get', '/api/v1/actions/lol', { as: 'alice@example.com' });
    expect(shown.status).toBe(404);
    const run = await server.call('post', '/api/v1/actions/lol/executions', { as: 'alice@example.com' });
    expect(run.status).toBe(404);
    expect(run.body.error.code).toBe('DEFINITION_NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('deeply nested JSON bodies are a 400 naming the depth bound, with or without an Idempotency-Key', async () => {
    const before = await count();
    for (const url of ['/api/v1/executions', '/api/v1/actions/ping/executions']) {
      for (const headers of [{}, { 'Idempotency-Key': 'deep-1' }] as Record<string, string>[]) {
        const res = await server.call('post', url, {
          as: 'alice@example.com',
          rawBody: DEEP_JSON,
          headers: { 'Content-Type': 'application/json', ...headers },
        });
        expect(res.status, `${url} ${JSON.stringify(headers)}`).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'INPUT_INVALID',
          message: 'the JSON body nests deeper than 32 levels',
        });
      }
    }
    expect(await count()).toBe(before);
  });

  it('a body over the limit is a 413 before it is parsed', async () => {
    const before = await count();
    const res = await server.call('post', '/api/v1/executions', {
      as: 'alice@example.com',
      rawBody: JSON.stringify({ action_id: 'ping', note: 'x'.repeat(200_000) }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await count()).toBe(before);
  });
});
