function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  idSpecOf
} from "./chunk-M26VXUHN.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/cli/definition-versions.ts
function versionedSpecOf(spec, options) {
  const at = spec.lastIndexOf("@");
  const named = idSpecOf(at > 0 ? spec.slice(0, at) : spec, options);
  return at > 0 ? { ...named, version: parseVersion(spec.slice(at + 1)) } : named;
}
function parseVersion(text) {
  const m = /^v?([1-9][0-9]*)$/i.exec(text.trim());
  if (!m) {
    throw new OpsledgerError("USAGE", `"${text}" is not a version`, { hint: "Write a version as 3 or v3." });
  }
  return Number(m[1]);
}
function versionOf(index, kind, id, version) {
  const found = index.definitionAt(kind, id, version);
  if (found) return found;
  const states = index.states(kind, id);
  const last = states[states.length - 1];
  if (version === void 0 && last && last.blob !== null) {
    throw new OpsledgerError("DEFINITION_NOT_FOUND", `${kind} ${id} has no version that validated`, {
      hint: `Show a version as committed with \`opsledger show ${id}@${last.version}\`.`
    });
  }
  if (version === void 0) {
    throw new OpsledgerError(
      "DEFINITION_NOT_FOUND",
      `${kind} ${id} was deleted at version ${last?.version ?? "?"} (commit ${last?.commit.slice(0, 12) ?? "?"})`,
      {
        hint: `Show an earlier version with \`opsledger show ${id}@${Math.max(1, (last?.version ?? 2) - 1)}\`.`
      }
    );
  }
  const max = last?.version ?? 0;
  const deleted = states.some((s) => s.version === version && s.blob === null);
  const unparsed = states.some((s) => s.version === version && s.blob !== null);
  throw new OpsledgerError(
    "VERSION_NOT_FOUND",
    deleted ? `version ${version} of ${kind} ${id} is its deletion` : unparsed ? `version ${version} of ${kind} ${id} does not parse: it has no content` : `${kind} ${id} has no version ${version} (versions 1..${max})`
  );
}

export {
  versionedSpecOf,
  parseVersion,
  versionOf
};
