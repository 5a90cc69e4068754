import { OpsledgerError } from '../../errors/opsledger-error.js';
import { openState } from '../../state/open-state.js';
import { openPseudonymVault } from '../../state/pseudonym-vault.js';
import type { PostgresJournal } from '../../executions/postgres/open-postgres-journal.js';
import type { CommandModule } from '../cli-app.js';
import { openCliJournal } from '../cli-journal.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** `opsledger anonymize --user EMAIL`: the right to erasure, without breaking the hash chain. */
export const anonymizeCommand: CommandModule = (program, app) => {
  program
    .command('anonymize')
    .description(
      "erase a user's identity: their runs keep a pseudonym nobody can link back (the chain still verifies)",
    )
    .requiredOption('--user <email>', 'the email to erase')
    .addHelpText(
      'after',
      `
The journal never stores emails, only pseudonyms (user-…) with a vault in <data-dir>/state/vault.json mapping them
back. Erasing deletes the vault entries of that email (and of the OS accounts recorded with it); the journal lines,
and so their hashes, do not change. A later run by the same person gets a new pseudonym.

Examples:
  $ opsledger anonymize --user carol@example.com
  $ opsledger executions --pseudonymize          # everybody as pseudonyms, e.g. for sharing a report`,
    )
    .action(
      app.action(async (ctx, opts: { user: string }) => {
        const email = opts.user.trim().toLowerCase();
        if (!EMAIL.test(email))
          throw new OpsledgerError('INPUT_INVALID', `--user ${opts.user}: expected an email`);
        const journal = await openCliJournal(ctx);
        let executions = 0;
        let erased: string[];
        try {
          executions = await journal.count({ user: email });
          // The PostgreSQL journal keeps its vault in the database (docs/postgres.md); the file journal in state.
          const vault =
            'vault' in journal
              ? (journal as PostgresJournal).vault
              : await openPseudonymVault(openState(ctx.dataDir), { now: ctx.now });
          erased = await vault.forget(email);
        } finally {
          await journal.close();
        }
        if (ctx.json) ctx.out.json({ user: email, erased, executions });
        else if (erased.length === 0)
          ctx.out.line(`${email} is not in the vault (never recorded, or erased already)`);
        else {
          ctx.out.line(
            `erased ${email}: ${erased.join(', ')} no longer resolve; ${executions} execution(s) keep the pseudonym`,
          );
        }
        return 0;
      }),
    );
};
