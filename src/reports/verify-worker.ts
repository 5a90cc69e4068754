import { verifyJournal, type VerifyOptions } from '../executions/verify-journal.js';
import type { VerifyMessage } from './verify-child-message.js';

/**
 * Child process entry (verifyInChild): verify the journal the parent sends, send the report back, and end. A parent
 * that goes away (the report failed or was interrupted) disconnects the channel: the walk then stops with it.
 */
process.once('disconnect', () => process.exit(0));
process.once('message', (options: VerifyOptions) => {
  const reply = (msg: VerifyMessage) => process.send!(msg, () => process.disconnect());
  verifyJournal(options).then(
    (report) => {
      const usage = process.resourceUsage();
      const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
      reply({ ok: true, report, usage: { maxRssMiB: Math.round(usage.maxRSS / 1024), cpuMs } });
    },
    (err: unknown) => reply({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
