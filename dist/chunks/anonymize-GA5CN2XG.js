import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  openCliJournal
} from "./chunk-X5YL2E2J.js";
import "./chunk-R6S2JVID.js";
import "./chunk-SXL2IPYL.js";
import "./chunk-B25MYGMP.js";
import "./chunk-AIW22BDI.js";
import "./chunk-AZB76AIK.js";
import "./chunk-BX7OU6HI.js";
import "./chunk-GWVAJS6C.js";
import {
  openPseudonymVault
} from "./chunk-WZDA3NE5.js";
import "./chunk-VNBCCT37.js";
import "./chunk-V677AJUR.js";
import "./chunk-ALQRSEFI.js";
import {
  openState
} from "./chunk-5BWQL3O2.js";
import "./chunk-PDKNMFNR.js";
import {
  OpsledgerError
} from "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";

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
