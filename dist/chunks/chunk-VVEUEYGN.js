import {
  openHistoryIndex
} from "./chunk-OWUAENRR.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import {
  DEFINITION_KINDS
} from "./chunk-P4CNIMT5.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";

// src/cli/commands/history.ts
import { Option } from "commander";

// src/cli/render-history.ts
function formatValue(value, width = 60) {
  const text = value === void 0 ? "null" : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}\u2026` : text;
}
function describeChanges(event) {
  const prefix = event.auditable_type === "Runbook::Step" ? `step ${event.auditable_id.split("/")[1]}: ` : "";
  if (event.action === "create") return [`${prefix}created`];
  if (event.action === "delete") return [`${prefix}deleted`];
  return Object.entries(event.audited_changes).map(([pointer, change]) => {
    const [before, after] = change;
    return `${prefix}${pointer}: ${formatValue(before, 40)} \u2192 ${formatValue(after, 40)}`;
  });
}
function shortDate(iso) {
  return iso.slice(0, 16).replace("T", " ");
}
function renderHistoryTable(events) {
  const rows = [["VERSION", "WHEN", "WHO", "PR", "COMMIT", "CHANGE"]];
  for (const e of events) {
    const version = e.auditable_type === "Runbook::Step" ? `  v${e.version}` : `v${e.version}`;
    const lines = describeChanges(e);
    const pr = e.pull_request === null ? "-" : `#${e.pull_request}`;
    const revert = e.revert_of ? ` (reverts ${e.revert_of.slice(0, 7)})` : "";
    lines.forEach((line, i) => {
      rows.push(
        i === 0 ? [version, shortDate(e.created_at), e.user.email, pr, e.commit.slice(0, 7), line + revert] : ["", "", "", "", "", line]
      );
    });
  }
  return renderTable(rows);
}
function renderAuditTable(entries) {
  const rows = [["WHEN", "WHO", "TYPE", "ID", "ACTION", "VERSION", "PR", "COMMIT", "CHANGE"]];
  for (const e of entries) {
    if (e.action === "invalid") {
      const f = e.findings[0];
      rows.push([
        shortDate(e.created_at),
        e.user.email,
        e.auditable_type,
        e.auditable_id ?? "?",
        "invalid",
        "-",
        "-",
        e.commit.slice(0, 7),
        f ? `${e.path}:${f.line}:${f.col}: ${f.message}` : e.path
      ]);
      continue;
    }
    const changes = describeChanges(e);
    rows.push([
      shortDate(e.created_at),
      e.user.email,
      e.auditable_type,
      e.auditable_id,
      e.action,
      `v${e.version}`,
      e.pull_request === null ? "-" : `#${e.pull_request}`,
      e.commit.slice(0, 7),
      changes.length > 1 ? `${changes[0]} (+${changes.length - 1} more)` : changes[0] ?? ""
    ]);
  }
  return renderTable(rows);
}

// src/history/parse-id-spec.ts
function parseIdSpec(text, optionKind) {
  const colon = text.indexOf(":");
  if (colon < 0) return optionKind ? { id: text, kind: optionKind } : { id: text };
  const prefix = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!DEFINITION_KINDS.includes(prefix) || id === "") {
    throw new OpsledgerError("USAGE", `"${text}" is not an id or KIND:ID`, {
      hint: `Write the id alone, or prefix it with its kind: ${DEFINITION_KINDS.map((k) => `${k}:ID`).join(", ")}.`
    });
  }
  const kind = prefix;
  if (optionKind && optionKind !== kind) {
    throw new OpsledgerError(
      "USAGE",
      `"${text}" names ${kind === "action" ? "an" : "a"} ${kind} but --kind says ${optionKind}`,
      {
        hint: "Give the kind once: as a prefix or with --kind."
      }
    );
  }
  return { id, kind };
}

// src/history/suggest-ids.ts
function suggestIds(id, known, max = 3) {
  const limit = Math.max(2, Math.floor(id.length / 3));
  return [...new Set(known)].map((k) => ({ k, d: k.includes(id) || id.includes(k) ? 1 : distance(id, k) })).filter((x) => x.d <= limit).sort((a, b) => a.d - b.d || a.k.localeCompare(b.k)).slice(0, max).map((x) => x.k);
}
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// src/cli/commands/history.ts
async function openCliHistory(ctx, options = {}) {
  return openHistoryIndex({
    repo: ctx.repo,
    dataDir: ctx.dataDir,
    branch: ctx.config.branch,
    definitionsDir: ctx.config.paths.definitions,
    progress: process.stderr.isTTY === true,
    allowShallow: options.allowShallow === true
  });
}
function allowShallowOption() {
  return new Option(
    "--allow-shallow",
    "read a shallow clone anyway: a partial history, its events marked partial: true"
  );
}
async function readHistory(index, read) {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof OpsledgerError) || err.code !== "HISTORY_INDEX_CORRUPT") throw err;
    await index.rebuild();
    return read();
  }
}
function kindOption() {
  return new Option("--kind <kind>", "the kind, when an id names more than one (or write KIND:ID)").choices([
    ...DEFINITION_KINDS
  ]);
}
function typeOption() {
  return new Option("--type <kind>", "the same as --kind").choices([...DEFINITION_KINDS]).hideHelp();
}
function idSpecOf(text, options) {
  if (options.kind && options.type && options.kind !== options.type) {
    throw new OpsledgerError("USAGE", `--kind ${options.kind} and --type ${options.type} disagree`, {
      hint: "Pass one of them."
    });
  }
  return parseIdSpec(text, options.kind ?? options.type);
}
function resolveKind(index, id, kind) {
  const kinds = kind ? index.kindsOf(id).filter((k) => k === kind) : index.kindsOf(id);
  if (kinds.length === 1) return kinds[0];
  if (kinds.length > 1) throw ambiguous(id, kinds);
  throw notFound(index, id, kind);
}
function ambiguous(id, kinds) {
  const named = kinds.map((k) => `${k === "action" ? "an" : "a"} ${k}`);
  const list = `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
  return new OpsledgerError("AMBIGUOUS", `"${id}" is the id of ${list}`, {
    hint: `Name the kind: --kind ${kinds.join("|")}, or write ${kinds.map((k) => `${k}:${id}`).join(" or ")}.`
  });
}
function notFound(index, id, kind) {
  const known = (kind ? [kind] : DEFINITION_KINDS).flatMap((k) => index.ids(k));
  const close = suggestIds(id, known);
  const what = kind ?? "definition";
  return new OpsledgerError(
    "DEFINITION_NOT_FOUND",
    `no ${what} with id "${id}" in the history of ${index.meta().branch}`,
    {
      hint: close.length > 0 ? `Did you mean ${close.map((c) => `"${c}"`).join(", ")}?` : "Check the id (the `id:` inside the file, not the file name) and the tracked branch."
    }
  );
}
var EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;
var historyCommand = (program, app) => {
  program.command("history").description("field-level change history of one definition, from git (who, when, which PR, what)").argument("<id>", "an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP").addOption(kindOption()).addOption(typeOption()).addOption(allowShallowOption()).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, text, options) => {
      const { id, kind } = idSpecOf(text, options);
      const index = await openCliHistory(ctx, options);
      const events = await readHistory(
        index,
        () => index.history(id, id.includes("/") ? kind : resolveKind(index, id, kind))
      );
      if (events.length === 0) {
        const base = id.includes("/") ? id.split("/")[0] : id;
        const err = notFound(index, base, kind);
        if (id.includes("/") && index.kindsOf(base).includes("runbook")) {
          throw new OpsledgerError(
            "DEFINITION_NOT_FOUND",
            `runbook ${base} has no step "${id.split("/")[1]}"`,
            {
              hint: `See its steps with \`opsledger history ${base}\`.`
            }
          );
        }
        throw err;
      }
      if (ctx.json) ctx.out.json(events);
      else ctx.out.line(renderHistoryTable(events));
      return 0;
    })
  );
};

export {
  formatValue,
  shortDate,
  renderAuditTable,
  openCliHistory,
  allowShallowOption,
  readHistory,
  kindOption,
  typeOption,
  idSpecOf,
  resolveKind,
  notFound,
  historyCommand
};
