'use strict';
// The command an argv names, for bin/opsledger.js to pick the entry that runs it. CommonJS beside the launcher (it
// runs before any of dist/ is loaded); src/cli/commands/command-name.ts is the same rule for the entries themselves,
// and test/cli/command-name.property.test.ts holds the two equal.

/** The global options that take a value: the word after one is its value, not a command name. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--repo', '--data-dir', '--database-url']);

/** The first word of `argv` that is neither an option nor a global option's value, up to `--`; else undefined. */
function commandName(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

module.exports = { commandName };
