function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  parseIsoOption
} from "./chunk-74AA2PN5.js";
import {
  formatDuration
} from "./chunk-WF6R5N3W.js";
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";
import "./chunk-OGEFOTHU.js";
import {
  snapshotPath
} from "./chunk-7EE6QVFP.js";
import {
  parseJournalLine
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import {
  RETENTION_COLLECTION,
  emptyRetention,
  journalPaths,
  scanLines,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  fsyncDir
} from "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  FileLockError,
  acquireFlock
} from "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/executions/apply-retention.ts
import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  renameSync,
  unlinkSync,
  writeSync
} from "node:fs";
import path from "node:path";

// src/executions/plan-retention.ts
var LONGER = ["failed", "timed_out", "denied", "running", "abandoned"];
function retentionDays(policy, latest) {
  const perAction = policy.actions?.[latest.action_id];
  if (perAction !== void 0) return perAction;
  if (LONGER.includes(latest.status) && policy.failed_days !== void 0) return policy.failed_days;
  return policy.default_days ?? null;
}
function planRetention(executions, policy, now, headSeq) {
  const expired = executions.filter((e) => {
    if (headSeq !== null && e.seqs.includes(headSeq)) return false;
    const days = retentionDays(policy, e.latest);
    if (days === null) return false;
    const at = Date.parse(e.latest.finished_at ?? e.latest.started_at);
    return now.getTime() - at > days * 864e5;
  });
  const purgeSeqs = expired.flatMap((e) => e.seqs).sort((a, b) => a - b);
  return { expired, purgeSeqs };
}
function mergeGaps(existing, purgeSeqs, hashOf, at) {
  const runs = [];
  for (const seq of purgeSeqs) {
    const last = runs.at(-1);
    if (last && seq === last.through_seq + 1) {
      last.through_seq = seq;
      last.last_hash = hashOf(seq);
      last.records++;
    } else {
      runs.push({ from_seq: seq, through_seq: seq, last_hash: hashOf(seq), ...at, records: 1 });
    }
  }
  const all = [...existing.map((g) => ({ ...g })), ...runs].sort((a, b) => a.from_seq - b.from_seq);
  const merged = [];
  for (const g of all) {
    const last = merged.at(-1);
    if (last && g.from_seq <= last.through_seq + 1) {
      if (g.through_seq > last.through_seq) {
        last.through_seq = g.through_seq;
        last.last_hash = g.last_hash;
        last.purged_at = g.purged_at;
      }
      last.records += g.records;
    } else {
      merged.push(g);
    }
  }
  return merged;
}
var BUCKET = Math.log(1.02);
var bucketOf = (ms) => Math.floor(Math.log(ms + 1) / BUCKET);
var valueOf = (bucket) => Math.round(Math.exp((bucket + 0.5) * BUCKET) - 1);
function foldRollups(rollups, executions) {
  for (const r of executions) {
    const month = r.started_at.slice(0, 7);
    const key = `${r.action_id}|${month}`;
    const acc = rollups[key] ??= {
      action_id: r.action_id,
      month,
      counts: {},
      durations: {},
      users: [],
      targets: []
    };
    acc.counts[r.status] = (acc.counts[r.status] ?? 0) + 1;
    if (r.duration_ms !== null) {
      const b = String(bucketOf(r.duration_ms));
      acc.durations[b] = (acc.durations[b] ?? 0) + 1;
    }
    if (!acc.users.includes(r.initiator.user)) acc.users.push(r.initiator.user);
    for (const t of r.targets) if (!acc.targets.includes(t)) acc.targets.push(t);
  }
  return rollups;
}
function finishRollups(rollups) {
  const quantile = (durations, q) => {
    const buckets = Object.entries(durations).map(([b, n]) => [Number(b), n]).sort((a, b) => a[0] - b[0]);
    const total = buckets.reduce((n, [, c]) => n + c, 0);
    if (total === 0) return null;
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (seen >= q * total) return valueOf(b);
    }
    return valueOf(buckets.at(-1)[0]);
  };
  return Object.values(rollups).map((a) => ({
    action_id: a.action_id,
    month: a.month,
    counts: a.counts,
    p50_ms: quantile(a.durations, 0.5),
    p95_ms: quantile(a.durations, 0.95),
    users: [...a.users].sort(),
    targets: [...a.targets].sort()
  })).sort(
    (x, y) => x.action_id < y.action_id ? -1 : x.action_id > y.action_id ? 1 : x.month < y.month ? -1 : 1
  );
}

// src/executions/apply-retention.ts
async function applyRetention(options) {
  const { dir, lockFile } = journalPaths(options.dataDir);
  const state = openState(options.dataDir);
  const result = {
    dry_run: options.dryRun,
    now: options.now.toISOString(),
    purged_records: 0,
    purged_executions: 0,
    by_action: {},
    segments_removed: [],
    segments_rewritten: [],
    gaps: (await state.read(RETENTION_COLLECTION, emptyRetention)).gaps
  };
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return result;
  }
  let release;
  try {
    release = await acquireFlock(lockFile, {
      timeoutMs: options.lockTimeoutMs ?? 3e4,
      what: "the execution journal"
    });
  } catch (err) {
    const code = err instanceof FileLockError && err.reason === "locked" ? "JOURNAL_LOCKED" : "JOURNAL_UNAVAILABLE";
    throw new OpsledgerError(code, `cannot lock the journal for retention: ${err.message}`, {
      cause: err
    });
  }
  try {
    const segments = sortSegments(entries);
    const lines = /* @__PURE__ */ new Map();
    const byId = /* @__PURE__ */ new Map();
    const hashes = /* @__PURE__ */ new Map();
    let headSeq = null;
    for (const seg of segments) {
      const refs = [];
      const fd = openSync(path.join(dir, seg.name), "r");
      try {
        const size = fstatSync(fd).size;
        const end = scanLines(fd, 0, size, (line, offset) => {
          const parsed = parseJournalLine(line);
          refs.push({ seq: parsed?.record.seq ?? null, offset, length: line.length + 1 });
          if (!parsed) return;
          const r = parsed.record;
          hashes.set(r.seq, r.hash);
          headSeq = headSeq === null ? r.seq : Math.max(headSeq, r.seq);
          const facts = byId.get(r.id);
          if (facts) {
            facts.latest = r;
            facts.seqs.push(r.seq);
          } else byId.set(r.id, { latest: r, seqs: [r.seq] });
        });
        if (end < size) refs.push({ seq: null, offset: end, length: size - end });
      } finally {
        closeSync(fd);
      }
      lines.set(seg.name, refs);
    }
    const plan = planRetention([...byId.values()], options.policy, options.now, headSeq);
    const known = await state.read(RETENTION_COLLECTION, emptyRetention);
    const inGap = (seq) => known.gaps.some((g) => seq >= g.from_seq && seq <= g.through_seq);
    const fresh = plan.expired.filter((e) => !e.seqs.every(inGap));
    result.purged_records = plan.purgeSeqs.length;
    result.purged_executions = plan.expired.length;
    for (const e of plan.expired)
      result.by_action[e.latest.action_id] = (result.by_action[e.latest.action_id] ?? 0) + 1;
    const purge = new Set(plan.purgeSeqs);
    const stamp = { purged_at: result.now, reason: "retention" };
    if (options.dryRun || purge.size === 0) {
      result.gaps = mergeGaps(known.gaps, options.dryRun ? plan.purgeSeqs : [], (s) => hashes.get(s), stamp);
      return result;
    }
    const updated = await state.update(
      RETENTION_COLLECTION,
      emptyRetention,
      (data) => {
        data.gaps = mergeGaps(data.gaps, plan.purgeSeqs, (s) => hashes.get(s), stamp);
        foldRollups(
          data.rollups,
          fresh.map((e) => e.latest)
        );
        return data.gaps;
      }
    );
    result.gaps = updated;
    const last = segments.at(-1)?.name;
    for (const seg of segments) {
      const refs = lines.get(seg.name);
      if (!refs.some((r) => r.seq !== null && purge.has(r.seq))) continue;
      const file = path.join(dir, seg.name);
      const kept = refs.filter((r) => r.seq === null || !purge.has(r.seq));
      if (kept.length === 0 && seg.name !== last) {
        unlinkSync(file);
        result.segments_removed.push(seg.name);
        continue;
      }
      rewriteSegment(file, kept);
      result.segments_rewritten.push(seg.name);
    }
    fsyncDir(dir);
    rmSync(snapshotPath(dir), { force: true });
    return result;
  } finally {
    release();
  }
}
function rewriteSegment(file, kept) {
  const src = openSync(file, "r");
  const mode = fstatSync(src).mode & 511;
  const temp = `${file}.retention.tmp`;
  const out = openSync(temp, "w", 384);
  try {
    for (const ref of kept) {
      const buf = Buffer.alloc(ref.length);
      readSync(src, buf, 0, ref.length, ref.offset);
      writeSync(out, buf);
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
    closeSync(src);
  }
  chmodSync(temp, mode);
  renameSync(temp, file);
}

// src/executions/load-rollups.ts
async function loadRollups(dataDir) {
  return finishRollups((await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention)).rollups);
}

// src/cli/commands/retention.ts
function renderResult(r) {
  const verb = r.dry_run ? "would purge" : "purged";
  const lines = [
    `${verb} ${r.purged_executions} execution(s), ${r.purged_records} record(s), as of ${r.now}`
  ];
  for (const [action, n] of Object.entries(r.by_action).sort()) lines.push(`  ${action}: ${n}`);
  if (r.segments_removed.length) lines.push(`segments removed: ${r.segments_removed.join(", ")}`);
  if (r.segments_rewritten.length) lines.push(`segments rewritten: ${r.segments_rewritten.join(", ")}`);
  for (const g of r.gaps) {
    lines.push(
      `gap seq ${g.from_seq}\u2013${g.through_seq} (${g.records} records), checkpoint ${g.last_hash.slice(0, 16)}\u2026`
    );
  }
  return lines.join("\n");
}
var retentionCommand = (program, app) => {
  const retention = program.command("retention").description(
    "apply the retention policy of opsledger.yaml to the execution journal, and show what it kept"
  );
  retention.command("apply").description("purge executions older than the policy allows; verify keeps passing (documented gaps)").option("--dry-run", "only say what would be purged").option("--now <iso>", "judge ages as of this time instead of now").addHelpText(
    "after",
    `
Policy (opsledger.yaml):
  retention:
    default_days: 365        # every run
    failed_days: 730         # failed, timed-out, denied and never-finished runs
    actions:
      http-health-check: 90  # per action, wins over the others

Examples:
  $ opsledger retention apply --dry-run
  $ opsledger retention apply && opsledger verify`
  ).action(
    app.action(async (ctx, opts) => {
      refuseDatabase(ctx, "retention apply");
      const policy = ctx.config.retention;
      if (policy.default_days === void 0 && policy.failed_days === void 0 && !policy.actions) {
        ctx.out.info("no retention policy in opsledger.yaml: every execution is kept");
      }
      const now = new Date(parseIsoOption("--now", opts.now) ?? ctx.now().toISOString());
      const result = await applyRetention({
        dataDir: ctx.dataDir,
        policy,
        now,
        dryRun: opts.dryRun === true
      });
      if (ctx.json) ctx.out.json(result);
      else ctx.out.line(renderResult(result));
      return 0;
    })
  );
  retention.command("show").description("the monthly rollups of purged executions and the gaps in the chain").action(
    app.action(async (ctx) => {
      const rollups = await loadRollups(ctx.dataDir);
      const { gaps } = await openState(ctx.dataDir).read(RETENTION_COLLECTION, emptyRetention);
      if (ctx.json) {
        ctx.out.json({ rollups, gaps });
        return 0;
      }
      if (rollups.length === 0) ctx.out.info("nothing purged yet");
      else {
        const rows = rollups.map((r) => [
          r.action_id,
          r.month,
          Object.entries(r.counts).map(([s, n]) => `${s} ${n}`).join(", "),
          formatDuration(r.p50_ms),
          formatDuration(r.p95_ms),
          String(r.users.length),
          String(r.targets.length)
        ]);
        ctx.out.line(renderTable([["ACTION", "MONTH", "RUNS", "P50", "P95", "USERS", "TARGETS"], ...rows]));
      }
      return 0;
    })
  );
};
function refuseDatabase(ctx, what) {
  if (journalUrl(ctx) !== null) {
    throw new OpsledgerError("USAGE", `\`opsledger ${what}\` works on the file journal only for now`, {
      hint: "Copy the journal to a data dir with `opsledger journal copy`, or run it before moving to PostgreSQL."
    });
  }
}
export {
  retentionCommand
};
