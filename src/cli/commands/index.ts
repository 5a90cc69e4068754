import type { CommandModule } from '../cli-app.js';

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
};

/** Commands that describe the whole CLI (shell completion), so every other command must be registered too. */
const NEEDS_ALL = new Set(['completion']);

const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--repo', '--data-dir']);

/**
 * The modules to load for `args` (argv without node and script): just the named command's, or all of them when no
 * known command is named (top-level help, a typo that deserves a suggestion).
 */
export async function loadCommands(args: readonly string[]): Promise<CommandModule[]> {
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    name = arg;
    break;
  }
  const named = name === undefined ? undefined : COMMANDS[name];
  if (named && !NEEDS_ALL.has(name!)) return [await named()];
  if (name === undefined && args.some((a) => a === '--version' || a === '-V')) return [];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}
