import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { readGitUser } from '../../git/repo-info.js';
import { runGitRaw } from '../../git/run-git.js';
import { formatDuration, presentExecution } from '../../executions/present-execution.js';
import { startRun, type Initiator } from '../../executions/start-run.js';
import type { ExecutionRecord } from '../../executions/types.js';
import type { CommandModule } from '../cli-app.js';
import { closeAbandonedFromCli } from '../close-abandoned.js';
import { keepRunningOnClosedPipes } from '../closed-pipes.js';
import { applyFaultHook } from '../fault-hook.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../output.js';
import { openCliJournal } from './executions.js';

/** Collect a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--param k=v` (and `--param-env k=VAR`, read from the environment so a secret stays out of argv) → a map. */
export function parseParams(
  pairs: readonly string[],
  envPairs: readonly string[],
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  // No prototype: `--param __proto__=1` must reach the parameter check as a name, not vanish into a prototype.
  const out = Object.create(null) as Record<string, string>;
  const put = (name: string, value: string, flag: string): void => {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
      throw new OpsledgerError('PARAM_INVALID', `${flag} ${name}=…: "${name}" is not a parameter name`);
    }
    if (Object.hasOwn(out, name))
      throw new OpsledgerError('PARAM_INVALID', `parameter "${name}" is given twice`);
    out[name] = value;
  };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1)
      // Without "=" the word may be a value typed without its name: never echo it.
      throw new OpsledgerError('PARAM_INVALID', `--param takes NAME=VALUE; one was given without a name`);
    put(pair.slice(0, eq), pair.slice(eq + 1), '--param');
  }
  for (const pair of envPairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new OpsledgerError('PARAM_INVALID', `--param-env ${pair}: expected NAME=ENV_VAR`);
    const variable = pair.slice(eq + 1);
    const value = env[variable];
    if (value === undefined)
      throw new OpsledgerError('PARAM_INVALID', `--param-env ${pair}: $${variable} is not set`);
    put(pair.slice(0, eq), value, '--param-env');
  }
  return out;
}

/**
 * The data dir normally lives inside the repo: it must be git-ignored, or the journal and the vault would end up in
 * commits. It never makes a run dirty (only the definition and its script file count); this only warns.
 */
export async function warnIfDataDirTracked(ctx: CliContext): Promise<void> {
  const rel = path.relative(ctx.repo, ctx.dataDir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return;
  // Ask about the directory (trailing slash): before the first run it does not exist yet, and git matches a
  // directory-only pattern such as `.opsledger/` against a missing path only when the path says it is a directory.
  const dir = `${rel.split(path.sep).join('/')}/`;
  const ignored = await runGitRaw(ctx.repo, ['check-ignore', '-q', '--', dir]);
  if (ignored.code === 1) {
    ctx.out.info(
      `warning: the data dir ${rel}/ is not git-ignored; add it to .gitignore so the journal never lands in a commit`,
    );
  }
}

/** Who runs it: git user.email, the OS account and the host. */
export async function cliInitiator(ctx: CliContext): Promise<Initiator> {
  let osUser: string;
  try {
    osUser = userInfo().username;
  } catch {
    osUser = ctx.env.USER ?? 'unknown';
  }
  const host = hostname();
  const email = (await readGitUser(ctx.repo)).email;
  if (!email) ctx.out.info(`warning: git user.email is not set; recording the run as ${osUser}@${host}`);
  return { user: email ?? `${osUser}@${host}`, via: 'cli', os_user: osUser, host };
}

const STOP_SIGNALS: Record<string, string> = {
  SIGINT: 'opsledger received SIGINT (Ctrl-C)',
  SIGTERM: 'opsledger received SIGTERM',
  SIGHUP: 'opsledger received SIGHUP (its terminal or session closed)',
};

/**
 * Abort on SIGINT, SIGTERM or SIGHUP (Ctrl-C, kill, a closed terminal) so running children are stopped and the run
 * is recorded `cancelled` with the reason; a second signal is not needed (the grace period ends in SIGKILL). A closed
 * stdout or stderr no longer ends the process either: the run goes on and its end is recorded.
 */
export function abortOnSignals(ctx: CliContext): { signal: AbortSignal; dispose: () => void } {
  keepRunningOnClosedPipes();
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!controller.signal.aborted) ctx.out.info(`${sig}: stopping the run and recording it as cancelled…`);
    controller.abort(STOP_SIGNALS[sig] ?? `opsledger received ${sig}`);
  };
  for (const sig of Object.keys(STOP_SIGNALS)) process.on(sig, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const sig of Object.keys(STOP_SIGNALS)) process.off(sig, onSignal);
    },
  };
}

/** The outcome of a run for a person: a summary line and one row per target. */
export function renderRunResult(record: ExecutionRecord): string {
  const head = `${record.id}  ${record.action_id}  ${record.status}${record.exit_code === null ? '' : ` (exit ${record.exit_code})`}  in ${formatDuration(record.duration_ms)}`;
  const results = record.results ?? [];
  if (results.length === 0) return head + (record.error ? `\n${record.error}` : '');
  const rows = results.map((r) => [
    r.target ?? '-',
    r.status,
    r.exit_code === null ? (r.signal ?? '-') : String(r.exit_code),
    formatDuration(r.duration_ms),
    r.truncated_bytes > 0 ? `${r.truncated_bytes} bytes of output cut` : '',
  ]);
  return `${head}\n${renderTable([['TARGET', 'STATUS', 'EXIT', 'DURATION', ''], ...rows])}`;
}

interface RunOptions {
  param: string[];
  paramEnv: string[];
  target: string[];
  allowDirty?: boolean;
  allowUnreleased?: boolean;
}

const EXAMPLES = `
Examples:
  $ opsledger run restart-service --param service=demo-web --param lifetime_seconds=1 --target web-01
  $ opsledger run rotate-api-credential --param service_name=billing --param-env new_secret=NEW_SECRET --target db-01 --allow-unreleased   # a secret from $NEW_SECRET
  $ opsledger run disk-usage-report --allow-dirty --json              # try a local edit (the run is flagged)

Parameters reach the script as environment variables OPSLEDGER_PARAM_<NAME>; the target as OPSLEDGER_TARGET,
the run's id as OPSLEDGER_EXECUTION_ID. Values are never put into the script text or a shell command line.`;

/** `opsledger run ACTION`: run an action for real and record it in the journal (docs/executions.md). */
export const runCommand: CommandModule = (program, app) => {
  program
    .command('run')
    .description(
      'run an action from the tracked branch and record it (exit 0 when it succeeded, 1 otherwise)',
    )
    .argument('<action>', 'the action id')
    .option('--param <name=value>', 'a parameter value (repeatable)', collect, [])
    .option(
      '--param-env <name=VAR>',
      'a parameter value read from environment variable VAR (repeatable)',
      collect,
      [],
    )
    .option('--target <name>', "run on this target (repeatable; default: the action's targets)", collect, [])
    .option('--allow-dirty', 'run even though the definition or its script differs from the tracked branch')
    .option('--allow-unreleased', 'run even though the action is not released')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, actionId: string, opts: RunOptions) => {
        const params = parseParams(opts.param, opts.paramEnv, ctx.env);
        await warnIfDataDirTracked(ctx);
        const journal = applyFaultHook(await openCliJournal(ctx), ctx.env);
        const stop = abortOnSignals(ctx);
        try {
          await closeAbandonedFromCli(ctx, journal, 'run');
          const started = await startRun({
            repo: ctx.repo,
            dataDir: ctx.dataDir,
            branch: ctx.config.branch,
            definitionsDir: ctx.config.paths.definitions,
            journal,
            actionId,
            params,
            targets: opts.target,
            initiator: await cliInitiator(ctx),
            trigger: 'manual',
            allowDirty: opts.allowDirty === true,
            allowUnreleased: opts.allowUnreleased === true,
            signal: stop.signal,
            now: ctx.now,
            env: ctx.env,
            onOutput: (target, _stream, line) => ctx.out.info(target ? `[${target}] ${line}` : line),
          });
          const flags = [
            started.record.definition.dirty ? 'DIRTY' : '',
            started.record.definition.status !== 'released'
              ? String(started.record.definition.status).toUpperCase()
              : '',
          ].filter(Boolean);
          ctx.out.info(
            `${started.record.id}: running ${actionId}${started.record.targets.length ? ` on ${started.record.targets.join(', ')}` : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}`,
          );
          const final = await started.done;
          if (ctx.json) ctx.out.json(presentExecution(final, (s) => journal.resolveUser(s)));
          else ctx.out.line(renderRunResult(final));
          return final.status === 'succeeded' ? 0 : 1;
        } finally {
          stop.dispose();
          await journal.close();
        }
      }),
    );
};
