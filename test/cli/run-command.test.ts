import { describe, expect, it } from 'vitest';
import { createCliApp, type CliApp } from '../../src/cli/cli-app.js';
import { blameCommand } from '../../src/cli/commands/blame.js';
import { historyCommand } from '../../src/cli/commands/history.js';
import { showCommand } from '../../src/cli/commands/show.js';
import { createOutput } from '../../src/cli/output.js';
import { createProgram } from '../../src/cli/run-cli.js';
import { defaultGlobalOptions, type CliIo } from '../../src/cli/run-command.js';

const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '/' };

/**
 * The history entry runs a plain `opsledger history ID` (`show ID`, `blame ID`) without commander (history-main.ts):
 * the handler must get what commander's action would give it after parsing that argv.
 */
describe('#15.7 a plain index read without commander', () => {
  it.each([
    ['history', historyCommand],
    ['show', showCommand],
    ['blame', blameCommand],
  ] as const)(
    '#15.7 `%s ID`: the global options at their defaults and no option of its own, as commander parses them',
    async (name, command) => {
      const program = createProgram(io);
      const calls: unknown[][] = [];
      const app = createCliApp(program, { out: createOutput(io.stdout, io.stderr), env: {}, cwd: '/' });
      const recording: CliApp = {
        ...app,
        action:
          () =>
          async (...args: unknown[]) =>
            void calls.push([program.opts(), ...args.slice(0, 2)]),
      };
      command(program, recording);
      await program.parseAsync(['node', 'opsledger', name, 'restart-web']);
      expect(calls).toEqual([[defaultGlobalOptions(), 'restart-web', {}]]);
    },
  );
});
