function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openCliJournal
} from "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-J2KV253P.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import {
  openPseudonymVault
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

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
      let erased;
      try {
        executions = await journal.count({ user: email });
        const vault = "vault" in journal ? journal.vault : await openPseudonymVault(openState(ctx.dataDir), { now: ctx.now });
        erased = await vault.forget(email);
      } finally {
        await journal.close();
      }
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
