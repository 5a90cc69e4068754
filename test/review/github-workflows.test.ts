import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCliApp } from '../../src/cli/cli-app.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { createOutput } from '../../src/cli/output.js';
import { ROOT } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
const WORKFLOWS = readdirSync(path.join(ROOT, 'docs/workflows')).filter((f) => f.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** The program with every command registered, as `opsledger` builds it. */
async function program(): Promise<Command> {
  const root = new Command('opsledger');
  root.option('--repo <dir>').option('--data-dir <dir>').option('--json');
  const app = createCliApp(root, { out: createOutput(process.stdout, process.stderr), env: {}, cwd: ROOT });
  for (const load of Object.values(COMMANDS)) (await load())(root, app);
  return root;
}

/** Every `opsledger …` invocation of a shell script: the words after `opsledger` (or `opsledger@VERSION`). */
function invocations(script: string): { version: string | null; words: string[] }[] {
  const out: { version: string | null; words: string[] }[] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    const m = /(?:npx (?:--yes )?)"?opsledger(?:@([^"\s]+))?"?((?:\s+[^|;&#]+)?)/.exec(line);
    if (m) out.push({ version: m[1] ?? null, words: (m[2] ?? '').trim().split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** Check an invocation against the CLI: the command path exists and every `--flag` is one of its options. */
function checkInvocation(root: Command, words: string[]): string[] {
  let command = root;
  let i = 0;
  for (; i < words.length && !words[i]!.startsWith('-'); i++) {
    const sub = command.commands.find((c) => c.name() === words[i]);
    if (!sub) break;
    command = sub;
  }
  const problems: string[] = [];
  if (command === root) problems.push(`no opsledger command in "${words.join(' ')}"`);
  const known = new Set([...command.options, ...root.options].map((o) => o.long));
  for (const word of words.slice(i)) {
    const flag = /^(--[a-z-]+)/.exec(word)?.[1];
    if (flag && !known.has(flag)) problems.push(`opsledger ${command.name()} has no option ${flag}`);
  }
  return problems;
}

function stepsOf(doc: unknown): Step[] {
  const d = doc as { runs?: { steps?: Step[] }; jobs?: Record<string, { steps?: Step[] }> };
  return [...(d.runs?.steps ?? []), ...Object.values(d.jobs ?? {}).flatMap((j) => j.steps ?? [])];
}

describe('#18.5 action.yml and the workflow templates', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: Step[] };
    inputs: Record<string, { default?: unknown }>;
  };

  it('action.yml is a composite action running `pr-check --format github`, pinned to this version', async () => {
    expect(action.runs.using).toBe('composite');
    expect(String(action.inputs.version?.default)).toBe(VERSION);
    const calls = stepsOf(action).flatMap((s) => invocations(s.run ?? ''));
    expect(calls.map((c) => c.words.slice(0, 1))).toEqual([['pr-check']]);
    expect(calls[0]!.words).toEqual(expect.arrayContaining(['--format', 'github', '--base', '--head']));
    const root = await program();
    for (const call of calls) expect(checkInvocation(root, call.words)).toEqual([]);
    // The check itself can fail: an unknown command or option is named.
    expect(checkInvocation(root, ['pr-check', '--nope'])).toEqual([
      'opsledger pr-check has no option --nope',
    ]);
    expect(checkInvocation(root, ['no-such-command'])).toEqual(['no opsledger command in "no-such-command"']);
  });

  it('there are templates to validate pull requests, regenerate reports on push and verify nightly', () => {
    const triggers = WORKFLOWS.map((f) =>
      Object.keys((parse(readFileSync(path.join(ROOT, 'docs/workflows', f), 'utf8')) as { on: object }).on),
    );
    expect(triggers.flat()).toEqual(expect.arrayContaining(['pull_request', 'push', 'schedule']));
  });

  it.each(WORKFLOWS)(
    '%s runs only opsledger commands and options that exist, at this version',
    async (file) => {
      const doc = parse(readFileSync(path.join(ROOT, 'docs/workflows', file), 'utf8')) as unknown;
      const steps = stepsOf(doc);
      const calls = steps.flatMap((s) => invocations(s.run ?? ''));
      expect(
        calls.length + steps.filter((s) => s.uses?.startsWith('opsledger/opsledger')).length,
      ).toBeGreaterThan(0);
      const root = await program();
      for (const call of calls) {
        expect(call.version).toBe(VERSION);
        expect(checkInvocation(root, call.words)).toEqual([]);
      }
      for (const step of steps.filter((s) => s.uses?.startsWith('opsledger/opsledger'))) {
        expect(step.uses).toBe(`opsledger/opsledger@v${VERSION}`);
        for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
      }
    },
  );

  it('docs/github.md documents the action, every template, the permissions and the webhook events', () => {
    const guide = readFileSync(path.join(ROOT, 'docs/github.md'), 'utf8');
    for (const file of WORKFLOWS) expect(guide).toContain(`workflows/${file}`);
    for (const permission of ['checks: write', 'pull_requests: write', 'contents: write', 'issues: write'])
      expect(guide).toContain(permission);
    for (const event of ['`pull_request`', '`pull_request_review`']) expect(guide).toContain(event);
    expect(guide).toContain('refs/notes/opsledger/approvals');
  });
});
