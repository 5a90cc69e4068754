// src/definitions/types.ts
var DEFINITION_KINDS = ["action", "runbook", "role"];
var KIND_FOLDERS = {
  action: "actions",
  runbook: "runbooks",
  role: "roles"
};
function kindOfPath(relPath, definitionsDir = "definitions") {
  const p = relPath.includes("\\") ? relPath.replace(/\\/g, "/") : relPath;
  if (!/\.ya?ml$/i.test(p)) return null;
  for (const [kind, prefix] of kindPrefixes(definitionsDir)) {
    if (p.startsWith(prefix)) return kind;
  }
  return null;
}
var prefixesByDir = /* @__PURE__ */ new Map();
function kindPrefixes(definitionsDir) {
  let prefixes = prefixesByDir.get(definitionsDir);
  if (!prefixes) {
    prefixes = DEFINITION_KINDS.map((kind) => [kind, `${definitionsDir}/${KIND_FOLDERS[kind]}/`]);
    prefixesByDir.set(definitionsDir, prefixes);
  }
  return prefixes;
}

export {
  DEFINITION_KINDS,
  KIND_FOLDERS,
  kindOfPath
};
