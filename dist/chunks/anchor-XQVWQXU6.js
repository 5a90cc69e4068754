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
import {
  ANCHORS_REF,
  readAnchors,
  writeAnchor
} from "./chunk-ZADHN2UJ.js";
import "./chunk-GJDZF65N.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-BX7OU6HI.js";
import "./chunk-GWVAJS6C.js";
import "./chunk-WZDA3NE5.js";
import "./chunk-VNBCCT37.js";
import "./chunk-V677AJUR.js";
import "./chunk-ALQRSEFI.js";
import "./chunk-5BWQL3O2.js";
import "./chunk-PDKNMFNR.js";
import {
  OpsledgerError
} from "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";

// src/cli/commands/anchor.ts
var anchorCommand = (program, app) => {
  program.command("anchor").description("record the journal chain head (seq + hash + time) as a commit on a git ref").option("--ref <ref>", "the git ref holding the anchors", ANCHORS_REF).option("--list", "list the anchors instead of writing one").addHelpText(
    "after",
    `
Examples:
  $ opsledger anchor                                  # after each batch of runs, or from cron
  $ git push origin refs/opsledger/anchors            # keep the anchors where the journal's host cannot rewrite them
  $ opsledger anchor --list --json

The anchor is a commit whose tree holds anchor.json; the work tree, the index and your branch are not touched.`
  ).action(
    app.action(async (ctx, opts) => {
      if (opts.list) {
        const anchors = await readAnchors(ctx.repo, opts.ref);
        if (ctx.json) ctx.out.json(anchors);
        else
          for (const a of anchors)
            ctx.out.line(`${a.commit.slice(0, 12)}  ${a.anchored_at}  seq ${a.seq}  ${a.hash}`);
        return 0;
      }
      const journal = await openCliJournal(ctx);
      try {
        const head = journal.head();
        if (!head)
          throw new OpsledgerError("INPUT_INVALID", "the journal is empty: there is nothing to anchor yet");
        const anchor = await writeAnchor(ctx.repo, head, {
          now: ctx.now(),
          ref: opts.ref,
          records: journal.recordCount()
        });
        if (ctx.json) ctx.out.json({ ...anchor, ref: opts.ref });
        else {
          ctx.out.line(
            `anchored seq ${anchor.seq} (${anchor.hash.slice(0, 16)}\u2026) as ${anchor.commit.slice(0, 12)} on ${opts.ref}`
          );
          ctx.out.info(`hint: git push origin ${opts.ref}  # keep a copy of the anchors off this machine`);
        }
        return 0;
      } finally {
        await journal.close();
      }
    })
  );
};
export {
  anchorCommand
};
