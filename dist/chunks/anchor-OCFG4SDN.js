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
import {
  ANCHORS_REF,
  readAnchors,
  writeAnchor
} from "./chunk-GCS3STA7.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

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
