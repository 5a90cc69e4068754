/** The global options that take a value: the word after one is its value, not a command name. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--repo', '--data-dir', '--database-url']);

/**
 * The command `args` (argv without node and script) names: its first word that is neither an option nor a global
 * option's value, up to `--`; undefined when there is none. Every entry point registers the command named so
 * (commands/index.ts for main.js, history-main.ts for the index readers' entry). The launcher picks the entry by the
 * same rule in bin/command-name.js (it runs before dist/ is loaded); test/cli/command-name.property.test.ts holds them
 * equal.
 */
export function commandNameOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
