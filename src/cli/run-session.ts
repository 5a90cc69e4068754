import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { readGitUser } from '../git/repo-info.js';
import { runGitRaw } from '../git/run-git.js';
import type { Initiator } from '../executions/start-run.js';
import { keepRunningOnClosedPipes } from './closed-pipes.js';
import type { CliContext } from './context.js';

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
