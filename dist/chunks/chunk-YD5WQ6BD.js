function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/execution-filters.ts
var EXECUTION_FILTERS = [
  "action",
  "user",
  "status",
  "target",
  "trigger",
  "since",
  "until"
];
function executionFilters(source) {
  const filters = {};
  for (const key of EXECUTION_FILTERS) if (source[key]) filters[key] = source[key];
  return filters;
}

export {
  executionFilters
};
