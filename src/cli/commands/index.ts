import type { CommandModule } from '../cli-app.js';
import { commandNameOf } from './command-name.js';

type Loader = () => Promise<CommandModule>;

/**
 * Every command of the CLI, in the order `--help` lists them, each loaded on demand: a run of one command imports
 * only that command's code (the server alone costs Express), which keeps hooks and `history` quick to start.
 * Add a command here to add it to the CLI.
 */
export const COMMANDS: Record<string, Loader> = {
  init: async () => (await import('./init.js')).initCommand,
  new: async () => (await import('./new.js')).newCommand,
  schemas: async () => (await import('./schemas.js')).schemasCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  history: async () => (await import('./history.js')).historyCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  show: async () => (await import('./show.js')).showCommand,
  blame: async () => (await import('./blame.js')).blameCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  'pr-check': async () => (await import('./pr-check.js')).prCheckCommand,
  approvals: async () => (await import('./approvals.js')).approvalsCommand,
  revert: async () => (await import('./revert.js')).revertCommand,
  run: async () => (await import('./run.js')).runCommand,
  runbook: async () => (await import('./runbook.js')).runbookCommand,
  exec: async () => (await import('./exec.js')).execCommand,
  executions: async () => (await import('./executions.js')).executionsCommand,
  spool: async () => (await import('./spool.js')).spoolCommand,
  schedules: async () => (await import('./schedules.js')).schedulesCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  anchor: async () => (await import('./anchor.js')).anchorCommand,
  retention: async () => (await import('./retention.js')).retentionCommand,
  anonymize: async () => (await import('./anonymize.js')).anonymizeCommand,
  report: async () => (await import('./report.js')).reportCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  keys: async () => (await import('./keys.js')).keysCommand,
  hooks: async () => (await import('./hooks.js')).hooksCommand,
  completion: async () => (await import('./completion.js')).completionCommand,
  webhooks: async () => (await import('./webhooks.js')).webhooksCommand,
  export: async () => (await import('./export.js')).exportCommand,
  journal: async () => (await import('./journal.js')).journalCommand,
  db: async () => (await import('./db.js')).dbCommand,
};

/** Commands that describe the whole CLI (shell completion), so every other command must be registered too. */
const NEEDS_ALL = new Set(['completion']);

/**
 * The modules to load for `args` (argv without node and script): just the named command's; for the top-level help or
 * a typo that deserves a suggestion only the commands' summaries (no command module is loaded); all of them for
 * `help <command>` and for commands that describe the whole CLI.
 */
export async function loadCommands(args: readonly string[]): Promise<CommandModule[]> {
  const name = commandNameOf(args);
  const named = name === undefined ? undefined : COMMANDS[name];
  if (named && !NEEDS_ALL.has(name!)) return [await named()];
  if (name === undefined && args.some((a) => a === '--version' || a === '-V')) return [];
  if (name !== 'help' && !named) return [(await import('./command-summaries.js')).registerCommandSummaries];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}
