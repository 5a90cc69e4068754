function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/schedules/parse-schedule.ts
import { Cron } from "croner";
function normalizeSchedule(field) {
  return typeof field === "string" ? { cron: field.trim(), timezone: "UTC" } : { cron: field.cron.trim(), timezone: field.timezone ?? "UTC" };
}
var compiled = /* @__PURE__ */ new Map();
var MAX_COMPILED = 1e4;
function compileSchedule(schedule) {
  const key = `${schedule.timezone}
${schedule.cron}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const cron = compileFresh(schedule);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, cron);
  return cron;
}
function compileFresh(schedule) {
  const fields = schedule.cron.split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    throw new Error(`a cron expression has 5 fields, or 6 with seconds first; this one has ${fields}`);
  }
  const zone = schedule.timezone === "UTC" ? { utcOffset: 0 } : { timezone: schedule.timezone };
  const cron = new Cron(schedule.cron, { paused: true, ...zone });
  cron.nextRun(/* @__PURE__ */ new Date(0));
  return cron;
}
function describeScheduleProblem(field) {
  const schedule = normalizeSchedule(field);
  let cron;
  try {
    cron = compileSchedule(schedule);
  } catch (err) {
    return describeCronError(err.message, schedule);
  }
  if (cron.nextRun(/* @__PURE__ */ new Date(0)) === null) return "it never fires (no date matches it)";
  return null;
}
function describeCronError(message, schedule) {
  if (/timezone/i.test(message))
    return `"${schedule.timezone}" is not an IANA time zone (e.g. Europe/Berlin)`;
  return message.replace(/^CronPattern: /, "").replace(/^CronDate: /, "");
}
function listNextFirings(schedule, after, count) {
  return compileSchedule(schedule).nextRuns(count, after);
}

export {
  normalizeSchedule,
  compileSchedule,
  describeScheduleProblem,
  listNextFirings
};
