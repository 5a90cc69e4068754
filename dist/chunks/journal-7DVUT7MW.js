function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openJournalAt,
  parseJournalTarget
} from "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import {
  VAULT_COLLECTION
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import {
  RETENTION_COLLECTION,
  emptyRetention
} from "./chunk-Q34KY2EY.js";
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

// src/executions/copy-journal.ts
async function copyJournal(source, target, options = {}) {
  await target.refresh();
  const start = target.head();
  let copied = 0;
  let skipped = 0;
  const inFlight = [];
  const window = options.window ?? 512;
  for await (const record of source.scan()) {
    if (start && record.seq <= start.seq) {
      if (record.seq === start.seq && record.hash !== start.hash) throw diverged(record, start.hash);
      skipped++;
      continue;
    }
    const { seq: _seq, prev_hash: _prev, hash: _hash, ...input } = record;
    inFlight.push(
      target.append(input).then((written) => {
        if (written.seq !== record.seq || written.hash !== record.hash) {
          throw new OpsledgerError(
            "JOURNAL_UNAVAILABLE",
            `the copy of seq ${record.seq} came out as seq ${written.seq} with another hash: the target's chain is not the source's`,
            { hint: "Copy into an empty target, or into one a previous copy of this source filled." }
          );
        }
        copied++;
      })
    );
    if (inFlight.length >= window) {
      await Promise.all(inFlight.splice(0));
      options.onProgress?.(copied);
    }
  }
  await Promise.all(inFlight);
  await Promise.all([source.refresh(), target.refresh()]);
  const a = source.head();
  const b = target.head();
  if (a?.seq !== b?.seq || a?.hash !== b?.hash) {
    throw new OpsledgerError(
      "JOURNAL_UNAVAILABLE",
      `after the copy the target's head (${describe(b)}) is not the source's (${describe(a)})`,
      { hint: "Run `opsledger verify` on both; a source being written to while it is copied keeps moving." }
    );
  }
  return { copied, skipped, head: b };
}
function diverged(record, hash) {
  return new OpsledgerError(
    "INPUT_INVALID",
    `the target already has a seq ${record.seq} with another hash (${hash.slice(0, 16)}\u2026): it holds another journal`,
    { hint: "Copy into an empty data dir or database (or the one an interrupted copy of this source left)." }
  );
}
function describe(head) {
  return head ? `seq ${head.seq} ${head.hash.slice(0, 16)}\u2026` : "empty";
}

// src/executions/copy-journal-state.ts
async function copyJournalState(from, to) {
  const [entries, gaps] = await read(from);
  await write(to, entries, gaps);
  return { vault_entries: Object.keys(entries).length, checkpoints: gaps.length };
}
async function read(from) {
  if (from.backend === "file") {
    const state = openState(from.dataDir);
    const vault = await state.read(VAULT_COLLECTION, () => ({ entries: {} }));
    return [vault.entries, (await state.read(RETENTION_COLLECTION, emptyRetention)).gaps];
  }
  const [{ createPool }, { readCheckpoints }] = await Promise.all([
    import("./pg-pool-HW3BLAX4.js"),
    import("./pg-rows-ZFTL3EKQ.js")
  ]);
  const pool = createPool(from.url, 1);
  try {
    const res = await pool.query("SELECT pseudonym, identity, kind, linked_to, created_at FROM pseudonym_vault");
    const entries = {};
    for (const r of res.rows) {
      entries[r.pseudonym] = {
        identity: r.identity,
        kind: r.kind,
        created_at: r.created_at,
        ...r.linked_to ? { linked_to: r.linked_to } : {}
      };
    }
    return [entries, await readCheckpoints(pool)];
  } finally {
    await pool.end();
  }
}
async function write(to, entries, gaps) {
  if (to.backend === "file") {
    const state = openState(to.dataDir);
    await state.update(
      VAULT_COLLECTION,
      () => ({ entries: {} }),
      (data) => {
        for (const [p, e] of Object.entries(entries)) data.entries[p] ??= e;
      }
    );
    if (gaps.length === 0) return;
    await state.update(RETENTION_COLLECTION, emptyRetention, (data) => {
      for (const g of gaps) if (!data.gaps.some((k) => k.through_seq === g.through_seq)) data.gaps.push(g);
    });
    return;
  }
  const { createPool, inTransaction } = await import("./pg-pool-HW3BLAX4.js");
  const pool = createPool(to.url, 1);
  try {
    await inTransaction(pool, async (client) => {
      for (const [p, e] of Object.entries(entries)) {
        await client.query(
          `INSERT INTO pseudonym_vault (pseudonym, identity, kind, linked_to, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [p, e.identity, e.kind, e.linked_to ?? "", e.created_at]
        );
      }
      for (const g of gaps) {
        await client.query(
          `INSERT INTO journal_checkpoints (from_seq, through_seq, last_hash, purged_at, reason)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [g.from_seq, g.through_seq, g.last_hash, g.purged_at, g.reason]
        );
      }
    });
  } finally {
    await pool.end();
  }
}

// src/cli/commands/journal.ts
var journalCommand = (program, app) => {
  const journal = program.command("journal").description("move the execution journal between backends");
  journal.command("copy").description(
    "copy a journal (records, retention checkpoints, pseudonym vault) between a data dir and PostgreSQL; resumable"
  ).requiredOption("--from <src>", "a data dir, or postgres://\u2026 (migrated with `opsledger db migrate`)").requiredOption(
    "--to <dst>",
    "a data dir, or postgres://\u2026; empty, or filled by an interrupted copy of the same source"
  ).addHelpText(
    "after",
    `
Examples:
  $ opsledger journal copy --from .opsledger --to postgres://opsledger@db.example.com/opsledger
  $ opsledger journal copy --from postgres://opsledger@db.example.com/opsledger --to /backup/opsledger --json

Interrupted (killed, connection lost)? Run the same command again: it goes on from the target's head.
It ends by checking that the target's chain head is the source's (exit 0), and says how many records moved.`
  ).action(
    app.action(async (ctx, opts) => {
      const warn = (m) => ctx.out.info(`warning: ${m}`);
      const fromTarget = parseJournalTarget(opts.from);
      const toTarget = parseJournalTarget(opts.to);
      const source = await openJournalAt(fromTarget, { now: ctx.now, onWarning: warn });
      try {
        const state = await copyJournalState(fromTarget, toTarget);
        const target = await openJournalAt(toTarget, { now: ctx.now, onWarning: warn });
        try {
          const result = await copyJournal(source, target);
          const head = result.head;
          if (ctx.json) ctx.out.json({ ...result, ...state });
          else {
            ctx.out.line(
              `copied ${result.copied} record(s)${result.skipped ? ` (${result.skipped} already there)` : ""}; heads match: ${head ? `seq ${head.seq} ${head.hash.slice(0, 16)}\u2026` : "empty"}`
            );
          }
          return 0;
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    })
  );
};
export {
  journalCommand
};
