import {
  openCliJournal
} from "./chunk-KAHQ322U.js";
import "./chunk-RWZTJTBY.js";
import "./chunk-H6W2RROV.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-ANG7WQ2Z.js";
import {
  openPseudonymVault
} from "./chunk-MS7XNQP2.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-BU7YX4F2.js";
import "./chunk-73BB7N5C.js";
import "./chunk-BPYPOP7L.js";
import {
  openState
} from "./chunk-VJ2VJCG2.js";
import "./chunk-WFF4A6QU.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";

// src/cli/commands/anonymize.ts
var EMAIL = /^[^\s@]+@[^\s@]+$/;
var anonymizeCommand = (program, app) => {
  program.command("anonymize").description(
    "erase a user's identity: their runs keep a pseudonym nobody can link back (the chain still verifies)"
  ).requiredOption("--user <email>", "the email to erase").addHelpText(
    "after",
    `
The journal never stores emails, only pseudonyms (user-\u2026) with a vault in <data-dir>/state/vault.json mapping them
back. Erasing deletes the vault entries of that email (and of the OS accounts recorded with it); the journal lines,
and so their hashes, do not change. A later run by the same person gets a new pseudonym.

Examples:
  $ opsledger anonymize --user carol@example.com
  $ opsledger executions --pseudonymize          # everybody as pseudonyms, e.g. for sharing a report`
  ).action(
    app.action(async (ctx, opts) => {
      const email = opts.user.trim().toLowerCase();
      if (!EMAIL.test(email))
        throw new OpsledgerError("INPUT_INVALID", `--user ${opts.user}: expected an email`);
      const journal = await openCliJournal(ctx);
      let executions = 0;
      try {
        executions = journal.count({ user: email });
      } finally {
        await journal.close();
      }
      const vault = await openPseudonymVault(openState(ctx.dataDir), { now: ctx.now });
      const erased = await vault.forget(email);
      if (ctx.json) ctx.out.json({ user: email, erased, executions });
      else if (erased.length === 0)
        ctx.out.line(`${email} is not in the vault (never recorded, or erased already)`);
      else {
        ctx.out.line(
          `erased ${email}: ${erased.join(", ")} no longer resolve; ${executions} execution(s) keep the pseudonym`
        );
      }
      return 0;
    })
  );
};
export {
  anonymizeCommand
};
