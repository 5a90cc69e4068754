function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openHistoryIndex
} from "./chunk-EQIGQF32.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  DEFINITION_KINDS
} from "./chunk-6O2CUPPL.js";

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

// src/cli/cli-history.ts
async function openCliHistory(ctx, options = {}) {
  return openHistoryIndex({
    repo: ctx.repo,
    dataDir: ctx.dataDir,
    branch: ctx.config.branch,
    definitionsDir: ctx.config.paths.definitions,
    // Drawn when stderr is a terminal, asked only when there are commits to index: a warm read never touches
    // process.stderr (README, CLI start-up). Warnings go where the command's other messages go.
    progress: true,
    onWarning: (message) => ctx.out.info(`warning: ${message}`),
    allowShallow: options.allowShallow === true
  });
}
function allowShallowOption(program) {
  return program.createOption(
    "--allow-shallow",
    "read a shallow clone anyway: a partial history, its events marked partial: true"
  );
}
function withHistoryOptions(command, program) {
  return command.addOption(kindOption(program)).addOption(typeOption(program)).addOption(allowShallowOption(program));
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
function kindOption(program) {
  return program.createOption("--kind <kind>", "the kind, when an id names more than one (or write KIND:ID)").choices([...DEFINITION_KINDS]);
}
function typeOption(program) {
  return program.createOption("--type <kind>", "the same as --kind").choices([...DEFINITION_KINDS]).hideHelp();
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

export {
  openCliHistory,
  allowShallowOption,
  withHistoryOptions,
  readHistory,
  idSpecOf,
  resolveKind,
  notFound
};
