import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { VerifyReport } from '../executions/types.js';
import { verifyJournal, type VerifyOptions } from '../executions/verify-journal.js';
import { PACKAGE_ROOT } from '../package/package-root.js';
import type { ChildUsage, VerifyMessage } from './verify-child-message.js';

/** A chain walk's report, and what the child that walked it used (null: walked in this process). */
export interface ChildVerification {
  report: VerifyReport;
  usage: ChildUsage | null;
}

/**
 * Walk the journal's hash chain in a child process, so a report verifies a million records while it builds its model
 * instead of before (the two passes are CPU-bound; on two cores the wall time is the longer one, not the sum). A
 * process, not a worker thread: two heaps allocating hundreds of MiB in one process slowed the model by half
 * (docs/reports.md, *Performance*). Falls back to verifying on this thread when the child cannot start or run.
 */
export function verifyInChild(options: VerifyOptions): Promise<ChildVerification> {
  const here = fileURLToPath(import.meta.url);
  // Bundled: dist/reports/verify-worker.js is an entry of its own (this module sits in a chunk); from sources:
  // src/reports/verify-worker.ts beside this file, which a child runs only under the tsx loader this process has.
  const fromSources = here.endsWith('.ts');
  const file = fromSources
    ? path.join(path.dirname(here), 'verify-worker.ts')
    : path.join(PACKAGE_ROOT, 'dist/reports/verify-worker.js');
  const inProcess = async (): Promise<ChildVerification> => ({
    report: await verifyJournal(options),
    usage: null,
  });
  if (fromSources && !process.execArgv.some((a) => a.includes('tsx'))) return inProcess();
  let child: ChildProcess;
  try {
    child = fork(file, [], {
      execArgv: childExecArgv(process.execArgv),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  } catch {
    return inProcess();
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.once('message', (msg: VerifyMessage) => {
      settled = true;
      if (msg.ok) resolve({ report: msg.report, usage: msg.usage });
      else reject(new OpsledgerError('INTERNAL', `journal verification failed: ${msg.message}`));
    });
    // Could not start (no node binary at execPath, too many processes): verify here.
    child.once('error', () => {
      if (settled) return;
      settled = true;
      inProcess().then(resolve, reject);
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      reject(
        new OpsledgerError(
          'INTERNAL',
          `journal verification stopped (child exit ${code ?? signal})${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`,
        ),
      );
    });
    // A child that could not start has no channel: the 'error' above walks the chain here.
    child.send(options, (err) => {
      if (err && !settled) {
        settled = true;
        child.kill();
        inProcess().then(resolve, reject);
      }
    });
  });
}

/** Node flags that take the next argument as their value. */
const WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '-pe', '--input-type']);

/**
 * This process's Node flags for the child (its loader, its memory limits), without those that would change what the
 * child runs or make it wait: code given with `-e`/`-p`, `--input-type`, a debugger's `--inspect*`.
 */
export function childExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (WITH_VALUE.has(a)) i++;
    else if (!/^(--eval|--print|--input-type|--inspect)/.test(a)) kept.push(a);
  }
  return kept;
}
