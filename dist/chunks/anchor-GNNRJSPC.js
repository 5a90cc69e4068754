import {
  openCliJournal
} from "./chunk-KAHQ322U.js";
import "./chunk-RWZTJTBY.js";
import "./chunk-H6W2RROV.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-ANG7WQ2Z.js";
import {
  ANCHORS_REF,
  readAnchors,
  writeAnchor
} from "./chunk-RUEHLMU6.js";
import "./chunk-FXXI3T3N.js";
import "./chunk-QT6CJFXI.js";
import "./chunk-MS7XNQP2.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-BU7YX4F2.js";
import "./chunk-73BB7N5C.js";
import "./chunk-BPYPOP7L.js";
import "./chunk-VJ2VJCG2.js";
import "./chunk-WFF4A6QU.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";

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
