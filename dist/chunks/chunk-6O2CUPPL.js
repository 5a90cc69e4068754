function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/definitions/types.ts
var DEFINITION_KINDS = ["action", "runbook", "role"];
var KIND_FOLDERS = {
  action: "actions",
  runbook: "runbooks",
  role: "roles"
};
var DEFINITION_ID_BODY = "[a-z0-9][a-z0-9-]{0,62}";
var DEFINITION_ID_PATTERN = `^${DEFINITION_ID_BODY}$`;
var DEFINITION_ID = new RegExp(DEFINITION_ID_PATTERN);
var TARGET_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$";
var TARGET = new RegExp(TARGET_PATTERN);
var PARAMETER_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";
var PARAMETER_NAME = new RegExp(PARAMETER_NAME_PATTERN);
var AUDITABLE_TYPES = ["Action", "Runbook", "Runbook::Step", "Role"];
var KIND_OF_TYPE = {
  Action: "action",
  Runbook: "runbook",
  "Runbook::Step": "runbook",
  Role: "role"
};
function fileKeyOf(type, auditableId) {
  if (type === "Runbook::Step") return ["runbook", auditableId.split("/")[0]];
  if (type === "Runbook") return ["runbook", auditableId];
  if (type === "Role") return ["role", auditableId];
  return ["action", auditableId];
}
var TYPE_OF_KIND = {
  action: "Action",
  runbook: "Runbook",
  role: "Role"
};
var DEFINITION_STATUSES = ["draft", "approved", "released", "deprecated"];
var PERMISSIONS = [
  "definitions:modify",
  "definitions:approve",
  "actions:execute",
  "executions:read:own",
  "executions:read:all",
  "audit:read",
  "reports:read",
  "admin"
];
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
  DEFINITION_ID_BODY,
  DEFINITION_ID_PATTERN,
  DEFINITION_ID,
  TARGET_PATTERN,
  TARGET,
  PARAMETER_NAME_PATTERN,
  PARAMETER_NAME,
  AUDITABLE_TYPES,
  KIND_OF_TYPE,
  fileKeyOf,
  TYPE_OF_KIND,
  DEFINITION_STATUSES,
  PERMISSIONS,
  kindOfPath
};
