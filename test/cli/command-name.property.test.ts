import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandNameOf } from '../../src/cli/commands/command-name.js';

const { commandName } = createRequire(import.meta.url)('../../bin/command-name.js') as {
  commandName: (argv: readonly string[]) => string | undefined;
};

/** Words an argv is made of: commands, global options with and without a value, other options, `--`, values. */
const word = fc.oneof(
  fc.constantFrom('report', 'history', 'run', 'serve', 'x', '.', '/nonexistent', 'postgres://h/db'),
  fc.constantFrom(
    '--repo',
    '--data-dir',
    '--database-url',
    '--repo=.',
    '--json',
    '--no-pager',
    '-h',
    '--',
    '-',
  ),
  fc.string({ maxLength: 6 }),
);

describe('the command an argv names', () => {
  it('the launcher (bin/command-name.js) picks the command the entries (command-name.ts) run', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        expect(commandName(argv)).toBe(commandNameOf(argv));
      }),
      { numRuns: 2000 },
    );
    expect(commandName(['--repo', 'report', 'history'])).toBe('history');
    expect(commandName(['--data-dir', 'd', '--json', 'report'])).toBe('report');
  });
});
