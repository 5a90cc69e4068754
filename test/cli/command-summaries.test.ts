import { PassThrough } from 'node:stream';
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { createCliApp } from '../../src/cli/cli-app.js';
import { COMMAND_SUMMARIES } from '../../src/cli/commands/command-summaries.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import { createOutput } from '../../src/cli/output.js';

/** Run the CLI in-process; resolve with its exit code and what it wrote. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(['node', 'opsledger', ...args], {
    stdout: stdout as unknown as typeof process.stdout,
    stderr: stderr as unknown as typeof process.stderr,
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout: out, stderr: err };
}

describe('#15.7 the top-level help without loading the command modules', () => {
  it('#15.7 lists every command with the name, term and description its real module registers, in order', async () => {
    const program = new Command('opsledger');
    const app = createCliApp(program, {
      out: createOutput(process.stdout, process.stderr),
      env: {},
      cwd: '/',
    });
    for (const load of Object.values(COMMANDS)) (await load())(program, app);
    const help = new Help();
    const real = program.commands.map((c) => [
      c.name(),
      help.subcommandTerm(c),
      help.subcommandDescription(c),
    ]);
    expect(COMMAND_SUMMARIES.map((s) => [...s])).toEqual(real);
    expect(COMMAND_SUMMARIES.map(([name]) => name)).toEqual(Object.keys(COMMANDS));
  });

  it('#15.7 `--help` prints exactly what `help` (every module loaded) prints, and a typo still gets its suggestion', async () => {
    const fast = await cli('--help');
    const full = await cli('help');
    expect(fast.code).toBe(0);
    expect(fast.stdout).toContain('history [options] <id>');
    expect(fast.stdout).toBe(full.stdout);
    const typo = await cli('histroy', 'x');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('history');
  });
});
