function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  describeScheduleProblem,
  listNextFirings,
  normalizeSchedule
} from "./chunk-YW6NSWKR.js";

// src/schedules/list-schedules.ts
function listSchedules(definitions, now, count) {
  const entries = [];
  for (const version of definitions) {
    if (version.kind === "role") continue;
    const value = version.value;
    if (value.schedule === void 0) continue;
    const problem = describeScheduleProblem(value.schedule);
    const schedule = normalizeSchedule(value.schedule);
    entries.push({
      kind: version.kind,
      id: value.id,
      owner: value.owner,
      schedule,
      catch_up: value.catch_up ?? "none",
      overlap: value.overlap ?? "skip",
      commit: version.commit,
      version: version.version,
      problem,
      next: problem ? [] : listNextFirings(schedule, now, count).map((d) => d.toISOString())
    });
  }
  return entries.sort((a, b) => a.kind === b.kind ? a.id < b.id ? -1 : 1 : a.kind < b.kind ? -1 : 1);
}

export {
  listSchedules
};
