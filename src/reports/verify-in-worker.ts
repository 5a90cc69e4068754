import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { VerifyReport } from '../executions/types.js';
import { verifyJournal, type VerifyOptions } from '../executions/verify-journal.js';
import { PACKAGE_ROOT } from '../package/package-root.js';

/**
 * Walk the journal's hash chain on another thread, so a report verifies a million records while it builds its
 * model instead of before (the two passes are CPU-bound; on two cores the wall time is the longer one, not the sum).
 * Falls back to verifying on this thread when a worker cannot start.
 */
export function verifyInWorker(options: VerifyOptions): Promise<VerifyReport> {
  const here = new URL(import.meta.url);
  // Bundled: dist/reports/verify-worker.js is an entry of its own (this module sits in a chunk); from sources under
  // tsx or vitest: src/reports/verify-worker.ts beside this file.
  const file = here.pathname.endsWith('.ts')
    ? new URL('./verify-worker.ts', here)
    : pathToFileURL(path.join(PACKAGE_ROOT, 'dist/reports/verify-worker.js'));
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: options });
  } catch {
    return verifyJournal(options);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (msg: { ok: true; report: VerifyReport } | { ok: false; message: string }) => {
      settled = true;
      if (msg.ok) resolve(msg.report);
      else reject(new OpsledgerError('INTERNAL', `journal verification failed: ${msg.message}`));
      void worker.terminate();
    });
    worker.once('error', () => {
      if (!settled) {
        settled = true;
        // The worker could not load (e.g. sources run through a loader it does not inherit): verify here.
        verifyJournal(options).then(resolve, reject);
      }
    });
    worker.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new OpsledgerError('INTERNAL', `journal verification stopped (worker exit ${code})`));
      }
    });
  });
}
