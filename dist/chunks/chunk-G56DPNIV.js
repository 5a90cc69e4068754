function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/types.ts
var TRIGGERS = ["manual", "api", "schedule", "runbook", "external"];
var RUN_STATUSES = [
  "running",
  "succeeded",
  "failed",
  "timed_out",
  "cancelled",
  "denied",
  // Left `running` by a recorder that died; closed by the next command (docs/executions.md).
  "abandoned"
];
var EXECUTION_STATUSES = [
  ...RUN_STATUSES,
  // A runbook run waiting for someone to confirm a manual step (docs/runbooks.md).
  "waiting",
  // Scheduled firings that did not run while the service was down (docs/schedules.md).
  "missed",
  // A scheduled firing not started because the previous run still ran (`overlap: skip`).
  "skipped"
];
var RUN_OUTCOMES = ["succeeded", "failed", "timed_out", "cancelled"];
var INITIATOR_VIAS = ["cli", "api", "scheduler"];
var FINAL_STATUSES = EXECUTION_STATUSES.filter(
  (s) => s !== "running" && s !== "waiting"
);
var STEP_STATUSES = [
  "pending",
  "waiting",
  "confirmed",
  "running",
  ...RUN_OUTCOMES,
  "skipped",
  "rejected"
];
var VERIFY_PROBLEM_KINDS = [
  "modified",
  "deleted",
  "inserted",
  "reordered",
  "truncated",
  "unparseable",
  "anchor_mismatch",
  "rolled_back"
];

export {
  TRIGGERS,
  RUN_STATUSES,
  EXECUTION_STATUSES,
  RUN_OUTCOMES,
  INITIATOR_VIAS,
  STEP_STATUSES,
  VERIFY_PROBLEM_KINDS
};
