function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import {
  openCliHistory
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import {
  journalPaths,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import {
  hashRecord,
  sealedBytesMatch
} from "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/export.ts
import path2 from "node:path";

// src/export/open-s3-store.ts
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client
} from "@aws-sdk/client-s3";
function parseS3Url(url) {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) {
    throw new OpsledgerError("INPUT_INVALID", `${url}: expected s3://BUCKET/PREFIX`, {
      hint: "For example s3://audit-archive/opsledger (docs/export.md)."
    });
  }
  const prefix = (m[2] ?? "").replace(/\/+$/, "");
  return { bucket: m[1], prefix: prefix === "" ? "" : `${prefix}/` };
}
function openS3Store(url, env) {
  const { bucket, prefix } = parseS3Url(url);
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const config = {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...endpoint ? { endpoint, forcePathStyle: true } : {},
    ...env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? {
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}
      }
    } : {}
  };
  const client = new S3Client(config);
  const wrap = async (what, fn) => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof OpsledgerError) throw err;
      throw new OpsledgerError(
        "EXPORT_FAILED",
        `${what} ${url}: ${err.name}: ${err.message}`,
        {
          cause: err
        }
      );
    }
  };
  return {
    location: url,
    get: (key) => wrap(`cannot read ${key} from`, async () => {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey || err.name === "NoSuchKey") return null;
        throw err;
      }
    }),
    put: (key, body, contentType) => wrap(`cannot write ${key} to`, async () => {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body, ContentType: contentType })
      );
    }),
    list: () => wrap("cannot list", async () => {
      const keys = [];
      let token;
      do {
        const out = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
        );
        for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key.slice(prefix.length));
        token = out.IsTruncated ? out.NextContinuationToken : void 0;
      } while (token);
      return keys;
    })
  };
}

// src/export/run-export.ts
import { createHash } from "node:crypto";
import { readdirSync as readdirSync2, readFileSync as readFileSync2, statSync } from "node:fs";
import path from "node:path";

// src/export/export-manifest.ts
var MANIFEST_KEY = "manifest.json";
function emptyManifest() {
  return { format: 1, exported_at: "", journal: [], audit: [], reports: [] };
}

// src/export/read-journal-range.ts
import { readdirSync, readFileSync } from "node:fs";
function readJournalRange(dataDir, afterSeq) {
  const { dir } = journalPaths(dataDir);
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const lines = [];
  let first = null;
  let last = null;
  for (const segment of sortSegments(names)) {
    const text = readFileSync(`${dir}/${segment.name}`, "utf8");
    const end = text.lastIndexOf("\n");
    for (const line of text.slice(0, end + 1).split("\n")) {
      if (line === "") continue;
      const record = parseLoosely(line);
      const seq = typeof record?.seq === "number" ? record.seq : null;
      if (seq !== null && seq <= afterSeq) continue;
      if (seq === null && first === null) continue;
      lines.push(line);
      if (seq !== null) {
        first ??= { seq, prev_hash: String(record.prev_hash) };
        last = { seq, hash: String(record.hash) };
      }
    }
  }
  if (first === null || last === null) return null;
  return {
    text: lines.map((l) => `${l}
`).join(""),
    records: lines.length,
    first_seq: first.seq,
    last_seq: last.seq,
    prev_hash: first.prev_hash,
    head_hash: last.hash
  };
}
function parseLoosely(line) {
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

// src/export/run-export.ts
var sha256 = (b) => createHash("sha256").update(b).digest("hex");
async function readManifest(store) {
  const bytes = await store.get(MANIFEST_KEY);
  return bytes === null ? null : JSON.parse(bytes.toString("utf8"));
}
async function runExport(options) {
  const { store } = options;
  const manifest = await readManifest(store) ?? emptyManifest();
  const uploaded = [];
  let unchanged = 0;
  const save = async () => {
    manifest.exported_at = options.now().toISOString();
    await store.put(MANIFEST_KEY, Buffer.from(JSON.stringify(manifest, null, 2) + "\n"), "application/json");
  };
  const lastJournal = manifest.journal[manifest.journal.length - 1];
  const afterSeq = lastJournal?.head.seq ?? 0;
  const range = options.journalRange ? await options.journalRange(afterSeq) : readJournalRange(options.dataDir, afterSeq);
  if (range) {
    const key = `journal/${String(range.first_seq).padStart(12, "0")}-${String(range.last_seq).padStart(12, "0")}.jsonl`;
    const body = Buffer.from(range.text);
    await store.put(key, body, "application/x-ndjson");
    manifest.journal.push({
      key,
      sha256: sha256(body),
      bytes: body.length,
      records: range.records,
      first_seq: range.first_seq,
      last_seq: range.last_seq,
      prev_hash: range.prev_hash,
      head: { seq: range.last_seq, hash: range.head_hash }
    });
    uploaded.push(key);
    await save();
  } else if (lastJournal) {
    unchanged++;
  }
  const events = options.auditEvents();
  const from = manifest.audit[manifest.audit.length - 1]?.to ?? 0;
  if (events.length > from) {
    const key = `audit/events-${String(from + 1).padStart(9, "0")}-${String(events.length).padStart(9, "0")}.ndjson`;
    const body = Buffer.from(
      events.slice(from).map((e) => JSON.stringify(e) + "\n").join("")
    );
    await store.put(key, body, "application/x-ndjson");
    manifest.audit.push({ key, sha256: sha256(body), from: from + 1, to: events.length });
    uploaded.push(key);
    await save();
  } else if (from > 0) {
    unchanged++;
  }
  for (const file of listFiles(options.reportsDir)) {
    const body = readFileSync2(path.join(options.reportsDir, file));
    const key = `reports/${file}`;
    const digest = sha256(body);
    const known = manifest.reports.find((r) => r.key === key);
    if (known?.sha256 === digest) {
      unchanged++;
      continue;
    }
    await store.put(key, body, contentTypeOf(file));
    if (known) known.sha256 = digest;
    else manifest.reports.push({ key, sha256: digest });
    uploaded.push(key);
    await save();
  }
  const head = manifest.journal[manifest.journal.length - 1]?.head ?? null;
  return { location: store.location, uploaded, unchanged, head };
}
function listFiles(dir, rel = "") {
  let names;
  try {
    names = readdirSync2(path.join(dir, rel)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? listFiles(dir, r) : [r];
  });
}
function contentTypeOf(file) {
  if (file.endsWith(".html")) return "text/html";
  if (file.endsWith(".json")) return "application/json";
  if (file.endsWith(".md")) return "text/markdown";
  if (file.endsWith(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// src/export/verify-export.ts
import { createHash as createHash2 } from "node:crypto";
async function verifyExport(store) {
  const manifest = await readManifest(store);
  const problems = [];
  if (!manifest) {
    return {
      location: store.location,
      ok: false,
      objects: 0,
      records: 0,
      head: null,
      problems: [{ key: "manifest.json", line: null, message: "no manifest: nothing was exported here" }]
    };
  }
  let records = 0;
  let prev = null;
  let head = null;
  for (const entry of manifest.journal) {
    const body = await store.get(entry.key);
    if (body === null) {
      problems.push({ key: entry.key, line: null, message: "missing" });
      prev = entry.head.hash;
      continue;
    }
    if (createHash2("sha256").update(body).digest("hex") !== entry.sha256) {
      problems.push({
        key: entry.key,
        line: null,
        message: "its sha256 differs from the manifest: the object was altered"
      });
    }
    if (prev !== null && entry.prev_hash !== prev) {
      problems.push({
        key: entry.key,
        line: null,
        message: "does not continue the chain of the object before it"
      });
    }
    let chain = entry.prev_hash;
    const lines = body.toString("utf8").split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    let last = null;
    lines.forEach((line, i) => {
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        problems.push({ key: entry.key, line: i + 1, message: "not a JSON record" });
        return;
      }
      records++;
      if (!sealedBytesMatch(line, record.hash) && hashRecord(record) !== record.hash) {
        problems.push({
          key: entry.key,
          line: i + 1,
          message: `record seq ${record.seq} does not match its hash (modified)`
        });
      }
      if (record.prev_hash !== chain) {
        problems.push({
          key: entry.key,
          line: i + 1,
          message: `record seq ${record.seq} does not follow the record before it`
        });
      }
      chain = record.hash;
      last = { seq: record.seq, hash: record.hash };
    });
    const end = last;
    if (!end || end.seq !== entry.head.seq || end.hash !== entry.head.hash) {
      problems.push({
        key: entry.key,
        line: null,
        message: `does not end at the chain head of the manifest (seq ${entry.head.seq})`
      });
    }
    prev = entry.head.hash;
    head = entry.head;
  }
  for (const entry of [...manifest.audit, ...manifest.reports]) {
    const body = await store.get(entry.key);
    if (body === null) problems.push({ key: entry.key, line: null, message: "missing" });
    else if (createHash2("sha256").update(body).digest("hex") !== entry.sha256) {
      problems.push({
        key: entry.key,
        line: null,
        message: "its sha256 differs from the manifest: the object was altered"
      });
    }
  }
  return {
    location: store.location,
    ok: problems.length === 0,
    objects: manifest.journal.length + manifest.audit.length + manifest.reports.length,
    records,
    head,
    problems
  };
}

// src/export/schedule-export.ts
import { Cron } from "croner";
function createExportScheduler(options) {
  const pattern = options.schedule ?? "0 * * * *";
  let job = null;
  let running = null;
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (err) {
    throw new OpsledgerError("CONFIG_INVALID", `export.schedule "${pattern}": ${err.message}`);
  }
  return {
    start() {
      job ??= new Cron(pattern, { protect: true }, () => {
        running = options.exportOnce().then((summary) => options.logger.info(summary)).catch((err) => options.logger.warn(`scheduled export failed: ${err.message}`));
        return running;
      });
    },
    async stop() {
      job?.stop();
      job = null;
      await running;
    }
  };
}

// src/cli/commands/export.ts
function pgJournalRange(ctx) {
  const url = journalUrl(ctx);
  if (!url) return void 0;
  return async (afterSeq) => {
    const { readPgJournalRange } = await import("./read-pg-range-UHBO2DLN.js");
    return readPgJournalRange(url, afterSeq);
  };
}
function openServeExport(ctx, config, history, logger) {
  const target = config.export;
  if (!target) return null;
  const store = openS3Store(target.to, ctx.env);
  const journalRange = pgJournalRange(ctx);
  return createExportScheduler({
    ...target.schedule ? { schedule: target.schedule } : {},
    logger,
    exportOnce: async () => {
      const summary = await runExport({
        store,
        dataDir: ctx.dataDir,
        ...journalRange ? { journalRange } : {},
        auditEvents: () => history.events(),
        reportsDir: path2.resolve(ctx.repo, config.paths.reports),
        now: ctx.now
      });
      return `scheduled export to ${summary.location}: ${summary.uploaded.length} new object(s)`;
    }
  });
}
var exportCommand = (program, app) => {
  const command = program.command("export").description(
    "copy the journal, the audit log and the reports to S3 (or any S3-compatible store), incrementally"
  ).option("--to <url>", "s3://BUCKET/PREFIX to export to").addHelpText(
    "after",
    `
Endpoint, region and credentials come from the standard AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...); AWS_ENDPOINT_URL points at another S3-compatible store.

Examples:
  $ opsledger export --to s3://audit-archive/opsledger
  $ opsledger export verify --from s3://audit-archive/opsledger`
  ).action(
    app.action(async (ctx, options) => {
      if (!options.to) {
        throw new OpsledgerError(
          "USAGE",
          "export needs --to s3://BUCKET/PREFIX (or: export verify --from URL)"
        );
      }
      const store = openS3Store(options.to, ctx.env);
      const history = await openCliHistory(ctx);
      const journalRange = pgJournalRange(ctx);
      const summary = await runExport({
        store,
        dataDir: ctx.dataDir,
        ...journalRange ? { journalRange } : {},
        auditEvents: () => history.events(),
        reportsDir: path2.resolve(ctx.repo, ctx.config.paths.reports),
        now: ctx.now
      });
      if (ctx.json) ctx.out.json(summary);
      else
        ctx.out.line(
          [
            `exported to ${summary.location}: ${summary.uploaded.length} new object(s), ${summary.unchanged} unchanged${summary.head ? `; journal head seq ${summary.head.seq} ${summary.head.hash.slice(0, 12)}` : ""}`,
            ...summary.uploaded.map((k) => `  + ${k}`)
          ].join("\n")
        );
      return EXIT.ok;
    })
  );
  command.command("verify").description(
    "read an export back: each object against its sha256, the journal chain recomputed (exit 1 on problems)"
  ).requiredOption("--from <url>", "s3://BUCKET/PREFIX of an export").action(
    app.action(async (ctx, options) => {
      const report = await verifyExport(openS3Store(options.from, ctx.env));
      if (ctx.json) ctx.out.json(report);
      else
        ctx.out.line(
          [
            report.ok ? `export OK: ${report.objects} object(s), ${report.records} journal record(s), head seq ${report.head?.seq ?? "-"}` : `export NOT OK: ${report.problems.length} problem(s) in ${report.location}`,
            ...report.problems.map((p) => `  ${p.key}${p.line === null ? "" : `:${p.line}`}: ${p.message}`)
          ].join("\n")
        );
      return report.ok ? EXIT.ok : EXIT.findings;
    })
  );
};
export {
  exportCommand,
  openServeExport
};
