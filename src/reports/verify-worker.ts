import { parentPort, workerData } from 'node:worker_threads';
import { verifyJournal, type VerifyOptions } from '../executions/verify-journal.js';

/** Worker entry: verify one journal and post the report back (see verifyInWorker). */
verifyJournal(workerData as VerifyOptions).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err: unknown) =>
    parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
);
