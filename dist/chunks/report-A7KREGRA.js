function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  MANIFEST_FILE,
  assertDataDirOutside,
  renderManifest
} from "./chunk-6W35WDX5.js";
import {
  loadHmacKey
} from "./chunk-4UPVGKS6.js";
import {
  cliAlerts
} from "./chunk-U7Z7WOUO.js";
import {
  recordedVia
} from "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import {
  createPermissionJudge,
  judgeRecordedApprovals
} from "./chunk-JNT6WT6D.js";
import "./chunk-FW6C2LA4.js";
import "./chunk-A5UXXCI2.js";
import "./chunk-NR2XG3EO.js";
import {
  uniqueUsers
} from "./chunk-QDGFH3S3.js";
import {
  allowShallowOption
} from "./chunk-M26VXUHN.js";
import {
  openHistoryIndex
} from "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import {
  verifyJournal
} from "./chunk-O3IUMZ2D.js";
import "./chunk-VRQBZOCG.js";
import {
  ANCHORS_REF
} from "./chunk-GCS3STA7.js";
import {
  resolveRef
} from "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import {
  openJournalAt
} from "./chunk-OGEFOTHU.js";
import {
  locateAfterSeq,
  openJournal
} from "./chunk-7EE6QVFP.js";
import {
  openPseudonymVault,
  parseInstant,
  parseJournalLine
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import {
  RETENTION_COLLECTION,
  chainBase,
  emptyRetention,
  iterateLines,
  journalPaths,
  scanLines,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import {
  hashRecord,
  sealedBytesMatch
} from "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import {
  PACKAGE_ROOT,
  PACKAGE_VERSION
} from "./chunk-M2VQNUJS.js";
import {
  RACY_MARGIN_MS,
  stampsIn,
  statKey
} from "./chunk-SMWZYUQH.js";
import {
  fileKeyOf
} from "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/report.ts
import path14 from "node:path";

// src/reports/generate-report.ts
import { createHmac } from "node:crypto";
import { rm as rm4 } from "node:fs/promises";
import path12 from "node:path";
import { setFlagsFromString } from "node:v8";

// src/reports/assemble-report-input.ts
function assembleReportInput(sources, options) {
  const { history, journal } = sources;
  const cache = /* @__PURE__ */ new Map();
  const values = /* @__PURE__ */ new Map();
  const definitionsAt = (kind, commit) => {
    const key = `${kind}:${commit}`;
    let hit = cache.get(key);
    if (!hit) {
      const valueKey = (id, blob) => `${kind}\0${id}\0${blob}`;
      hit = history.definitionsAt(kind, commit, (id, blob) => values.get(valueKey(id, blob))).map((v) => {
        let value = values.get(valueKey(v.id, v.blob));
        if (value === void 0) values.set(valueKey(v.id, v.blob), value = v.value);
        return { id: v.id, version: v.version, commit: v.commit, path: v.path, value };
      });
      cache.set(key, hit);
    }
    return hit;
  };
  const recordOf2 = recordsFrom(sources.records ?? []);
  const before = history.identity?.() ?? null;
  const events = history.events();
  const invalid = history.invalid();
  const commits = history.commits();
  const records = before !== null ? history.recordIdentities?.() ?? null : null;
  const identity = before !== null && history.identity?.() === before ? before : null;
  return {
    repo: { name: options.repoName, branch: options.branch, tip: history.tip(), web_url: options.webUrl },
    events,
    invalid,
    rewrites: history.rewrites(),
    commits,
    historyIdentity: identity,
    eventRecords: identity !== null ? records : null,
    definitionsAt,
    executions: sources.records ?? [],
    resolveUser: journal ? (stored) => journal.resolveUser(stored) : (stored) => stored,
    rollups: sources.rollups,
    verify: sources.verify,
    head: journal?.head() ?? sources.verify?.head ?? null,
    config: options.config,
    now: options.now,
    period: { since: options.since, until: options.until },
    pseudonymize: options.pseudonymize,
    parametersOf: (id) => recordOf2(id)?.parameters ?? null,
    recordOf: recordOf2
  };
}
function recordsFrom(records) {
  const latest = /* @__PURE__ */ new Map();
  for (const r of records) if ((latest.get(r.id)?.seq ?? -1) < r.seq) latest.set(r.id, r);
  return (id) => latest.get(id) ?? null;
}

// src/reports/collect-runs.ts
function collectRuns(executions, resolveUser, period) {
  return selectRuns(foldRuns(executions), resolveUser, period, true);
}
function foldRuns(executions) {
  const fold = runFolder();
  for (const r of executions) fold.add(r);
  return fold.finish();
}
async function foldRunsFrom(batches) {
  const fold = runFolder();
  for await (const batch of batches) for (const r of batch) fold.add(r);
  return fold.finish();
}
function runFolder() {
  const intern = createInterner();
  const targetSets = /* @__PURE__ */ new Map();
  const byId = /* @__PURE__ */ new Map();
  const add = (r) => {
    const started = parseInstant(r.started_at);
    if (Number.isNaN(started)) return;
    const existing = byId.get(r.id);
    if (existing && existing.seq >= r.seq) return;
    const targetKey = r.targets.join("\n");
    let targets = targetSets.get(targetKey);
    if (!targets) targetSets.set(targetKey, targets = [...r.targets].map(intern).sort());
    const d = r.definition;
    const run = {
      id: r.id,
      seq: r.seq,
      action: intern(r.action_id),
      started,
      duration: r.duration_ms,
      status: r.status,
      user: intern(r.initiator.user),
      trigger: r.trigger,
      targets,
      version: d.version,
      commit: d.commit === null ? null : intern(d.commit),
      definitionStatus: d.status === null ? null : intern(d.status),
      dirty: d.dirty,
      runbook: r.runbook ? { id: intern(r.runbook.id), step: intern(r.runbook.step), run: intern(r.runbook.run_id) } : r.runbook_run_id && r.step_id ? { id: "", step: intern(r.step_id), run: intern(r.runbook_run_id) } : null,
      local: recordedVia(r) === "local",
      kind: r.kind === "runbook_run" ? "runbook_run" : null,
      planned: r.planned_at === void 0 ? null : parseInstant(r.planned_at),
      missed: r.missed?.count ?? null,
      attempt: r.attempt ?? null,
      point: -1
    };
    byId.set(r.id, run);
  };
  const finish = () => {
    const runs = [...byId.values()].sort(compareRuns);
    linkRunbookSteps(runs);
    return runs;
  };
  return { add, finish };
}
function isUnranFiring(run) {
  return run.status === "missed" || run.status === "skipped";
}
function isActionRun(run) {
  return run.kind === null && !isUnranFiring(run);
}
function selectRuns(runs, resolveUser, period, inPlace = false) {
  const users = /* @__PURE__ */ new Map();
  const lastRunBefore = /* @__PURE__ */ new Map();
  const rows = [];
  for (const run of runs) {
    if (run.started > period.until) break;
    if (run.status !== "denied" && isActionRun(run) && (lastRunBefore.get(run.action) ?? -Infinity) < run.started)
      lastRunBefore.set(run.action, run.started);
    if (run.started < period.since) continue;
    let user = users.get(run.user);
    if (user === void 0) users.set(run.user, user = resolveUser(run.user));
    if (inPlace) {
      const row = run;
      row.user = user;
      row.point = -1;
      rows.push(row);
    } else rows.push({ ...run, user, point: -1 });
  }
  return { rows, lastRunBefore };
}
function linkRunbookSteps(runs) {
  const unlinked = runs.filter(
    (r) => r.runbook !== null && (r.runbook.id === "" || r.runbook.id === "?")
  );
  if (unlinked.length === 0) return;
  const byId = new Map(unlinked.map((r) => [r.runbook.run, void 0]));
  for (const r of runs) if (byId.has(r.id)) byId.set(r.id, r);
  for (const run of unlinked) {
    const parent = byId.get(run.runbook.run);
    run.runbook = { ...run.runbook, id: parent?.kind === "runbook_run" ? parent.action : "?" };
    if (parent?.trigger === "schedule" && parent.planned !== null) run.planned = parent.planned;
  }
}
function compareRuns(a, b) {
  return a.started !== b.started ? a.started - b.started : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
function createInterner() {
  const strings = /* @__PURE__ */ new Map();
  return (s) => {
    const hit = strings.get(s);
    if (hit !== void 0) return hit;
    strings.set(s, s);
    return s;
  };
}
function versionLabel(row) {
  if (row.commit === null || row.version === null) return row.dirty ? "uncommitted" : "unknown";
  return row.dirty ? `v${row.version} (dirty)` : `v${row.version}`;
}

// src/reports/report-format.ts
function formatDuration(ms) {
  if (ms === null || !Number.isFinite(ms)) return "\u2013";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const s = Math.round(ms / 1e3);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")} min`;
}
function formatPercent(rate) {
  return rate === null ? "\u2013" : `${(rate * 100).toFixed(1)}%`;
}
function formatTime(iso2) {
  if (iso2 === null) return "\u2013";
  if (isPlainUtc(iso2)) return `${iso2.slice(0, 10)} ${iso2.slice(11, 16)} UTC`;
  const ms = Date.parse(iso2);
  if (Number.isNaN(ms)) return iso2;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
var PLAIN_UTC = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/;
function isPlainUtc(iso2) {
  const m = PLAIN_UTC.exec(iso2);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? leap ? 29 : 28 : [4, 6, 9, 11].includes(month) ? 30 : 31);
}
function formatCount(n2) {
  return String(n2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function plural(n2, noun, nouns = `${noun}s`) {
  return `${formatCount(n2)} ${n2 === 1 ? noun : nouns}`;
}
function shortSha(sha) {
  return sha === null ? "\u2013" : sha.slice(0, 10);
}
function formatValue(value, max = 160) {
  if (value === null || value === void 0) return "\u2205";
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(sortKeys(value));
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

// src/reports/describe-change.ts
var REDACTED = "(secret, not shown)";
function describeChange(event, secretNames, people) {
  return {
    subject: event.auditable_id,
    type: event.auditable_type,
    action: event.action,
    version: event.version,
    commit: event.commit,
    created_at: event.created_at,
    user: people.person(event.user.email),
    message: people.scrub(event.message),
    pull_request: event.pull_request,
    revert_of: event.revert_of,
    changes: fieldChanges(event, secretNames).map(({ pointer, old, new: next }) => ({
      pointer,
      old: people.scrub(old),
      new: people.scrub(next)
    }))
  };
}
function fieldChanges(event, secretNames) {
  const pairs = [];
  if (event.action === "update") {
    for (const [pointer, pair] of Object.entries(event.audited_changes)) {
      const [old, next] = Array.isArray(pair) ? pair : [void 0, pair];
      pairs.push([pointer, old, next]);
    }
  } else {
    for (const [key, value] of Object.entries(event.audited_changes)) {
      const pointer = `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      pairs.push(event.action === "create" ? [pointer, null, value] : [pointer, value, null]);
    }
  }
  return pairs.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([pointer, old, next]) => ({
    pointer,
    old: formatValue(redact(pointer, old, secretNames)),
    new: formatValue(redact(pointer, next, secretNames))
  }));
}
function redact(pointer, value, secretNames) {
  if (value === null || value === void 0 || secretNames.size === 0) return value;
  const parts = pointer.split("/").slice(1);
  const [head, name, field] = parts;
  if (head === "parameters") {
    if (name === void 0) return redactParameterList(value, secretNames);
    if (!secretNames.has(name)) return value;
    if (field === void 0) return redactParameter(value);
    return field === "default" ? REDACTED : value;
  }
  if (head === "with") {
    if (name === void 0) return redactWith(value, secretNames);
    return secretNames.has(name) ? REDACTED : value;
  }
  if (head === "steps" && Array.isArray(value)) {
    return value.map(
      (step) => step && typeof step === "object" && "with" in step ? { ...step, with: redactWith(step.with, secretNames) } : step
    );
  }
  return value;
}
function redactParameterList(value, secretNames) {
  if (!Array.isArray(value)) return value;
  return value.map(
    (p) => p && typeof p === "object" && secretNames.has(String(p.name)) ? redactParameter(p) : p
  );
}
function redactParameter(value) {
  if (!value || typeof value !== "object" || !("default" in value)) return value;
  return { ...value, default: REDACTED };
}
function redactWith(value, secretNames) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretNames.has(k) ? REDACTED : v;
  return out;
}

// src/reports/describe-parameters.ts
var MAX_VALUE = 80;
function describeParameters(recorded, secretNames, people) {
  if (recorded === null) return [];
  return Object.keys(recorded).sort().map((name) => {
    const value = recorded[name];
    if (typeof value === "object" || secretNames.has(name))
      return { name, value: "redacted", redacted: true };
    const text = people.scrub(String(value));
    return {
      name,
      value: text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}\u2026` : text,
      redacted: false
    };
  });
}

// src/reports/summarize-runs.ts
function outcomeOf(status) {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "timed_out") return "failed";
  return "other";
}
function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
function sortedDurations(rows) {
  const durations = [];
  for (const r of rows) if (r.duration !== null && Number.isFinite(r.duration)) durations.push(r.duration);
  return Float64Array.from(durations).sort();
}
var RateAccumulator = class {
  runs = 0;
  succeeded = 0;
  failed = 0;
  other = 0;
  durations = new Float64Array(16);
  length = 0;
  /** Durations added as ascending lists (kept parts): read where they are, not copied (percentileOfSorted). */
  sorted = [];
  add(status, durationMs) {
    this.runs += 1;
    this[outcomeOf(status)] += 1;
    if (durationMs !== null && Number.isFinite(durationMs)) this.push(durationMs);
  }
  /**
   * Add runs already counted elsewhere (a kept part of the model): their counts and finite durations, ascending (as
   * sortedDurations gives them; a list that is not is copied and selected from like the others).
   */
  addCounted(counts, durations) {
    this.runs += counts.runs;
    this.succeeded += counts.succeeded;
    this.failed += counts.failed;
    this.other += counts.other;
    if (durations.length > 0) this.sorted.push(durations);
  }
  summary() {
    const finished = this.succeeded + this.failed;
    const counts = {
      runs: this.runs,
      succeeded: this.succeeded,
      failed: this.failed,
      other: this.other,
      success_rate: finished === 0 ? null : this.succeeded / finished
    };
    if (this.length === 0 && this.sorted.every(isAscending))
      return {
        ...counts,
        p50_ms: percentileOfSorted(this.sorted, 0.5),
        p95_ms: percentileOfSorted(this.sorted, 0.95)
      };
    for (const list of this.sorted) {
      this.reserve(list.length);
      this.durations.set(list, this.length);
      this.length += list.length;
    }
    this.sorted = [];
    const values = this.durations.subarray(0, this.length);
    return { ...counts, p50_ms: percentileOf(values, 0.5), p95_ms: percentileOf(values, 0.95) };
  }
  push(value) {
    this.reserve(1);
    this.durations[this.length++] = value;
  }
  reserve(more) {
    if (this.length + more <= this.durations.length) return;
    const grown = new Float64Array(Math.max(this.length + more, this.durations.length * 2));
    grown.set(this.durations.subarray(0, this.length));
    this.durations = grown;
  }
};
function percentileOf(values, q) {
  if (values.length === 0) return null;
  const k = Math.min(Math.max(1, Math.ceil(q * values.length)), values.length) - 1;
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = lo + hi >>> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? b < c ? b : a < c ? c : a : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
function percentileOfSorted(lists, q) {
  let total = 0;
  for (const list of lists) total += list.length;
  if (total === 0) return null;
  const rank = Math.min(Math.max(1, Math.ceil(q * total)), total);
  const lo = lists.map(() => 0);
  const hi = lists.map((list) => list.length);
  for (; ; ) {
    let widest = -1;
    for (let j = 0; j < lists.length; j++)
      if (hi[j] > lo[j] && (widest < 0 || hi[j] - lo[j] > hi[widest] - lo[widest])) widest = j;
    if (widest < 0) throw new Error("percentileOfSorted: lists not ascending");
    const pivot = lists[widest][lo[widest] + hi[widest] >>> 1];
    let below = 0;
    let upTo = 0;
    const belows = lists.map((list) => {
      const b = bound(list, pivot, false);
      below += b;
      return b;
    });
    const upTos = lists.map((list) => {
      const u = bound(list, pivot, true);
      upTo += u;
      return u;
    });
    if (below >= rank) for (let j = 0; j < lists.length; j++) hi[j] = Math.min(hi[j], belows[j]);
    else if (upTo >= rank) return pivot;
    else for (let j = 0; j < lists.length; j++) lo[j] = Math.max(lo[j], upTos[j]);
  }
}
function bound(list, v, inclusive) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (list[mid] < v || inclusive && list[mid] === v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function isAscending(list) {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1] <= list[i])) return false;
  return true;
}
function isoWeek(ms) {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 864e5)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
function weekStart(ms) {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}
function weeksBetween(fromMs, toMs) {
  const weeks = [];
  for (let t = weekStart(fromMs); t <= toMs; t += 7 * 864e5) weeks.push(isoWeek(t));
  return weeks;
}
var DAY = 864e5;
var weekLabels = /* @__PURE__ */ new Map();
function weekNumber(ms) {
  return Math.floor((Math.floor(ms / DAY) + 3) / 7);
}
var WeeklyAccumulator = class {
  counts = /* @__PURE__ */ new Map();
  add(ms, status) {
    const n2 = weekNumber(ms);
    let c = this.counts.get(n2);
    if (!c) {
      let week = weekLabels.get(n2);
      if (week === void 0) weekLabels.set(n2, week = isoWeek(ms));
      this.counts.set(n2, c = { week, succeeded: 0, failed: 0, other: 0 });
    }
    c[outcomeOf(status)] += 1;
  }
  over(weeks) {
    const byLabel = new Map([...this.counts.values()].map((c) => [c.week, c]));
    return weeks.map((week) => byLabel.get(week) ?? { week, succeeded: 0, failed: 0, other: 0 });
  }
};

// src/reports/build-action-report.ts
var MIN_OUTCOME_RUNS = 5;
var RECENT_RUNS = 50;
var DURATION_BUCKETS = [
  [1e3, "< 1 s"],
  [5e3, "1\u20135 s"],
  [15e3, "5\u201315 s"],
  [6e4, "15\u201360 s"],
  [3e5, "1\u20135 min"],
  [9e5, "5\u201315 min"],
  [36e5, "15\u201360 min"],
  [Infinity, "\u2265 1 h"]
];
function buildActionReport(input) {
  const { rows, people } = input;
  const total = new RateAccumulator();
  const weekly = new WeeklyAccumulator();
  const versions = /* @__PURE__ */ new Map();
  const histogram = new Array(DURATION_BUCKETS.length).fill(0);
  const targets = /* @__PURE__ */ new Map();
  for (const row of rows) {
    total.add(row.status, row.duration);
    weekly.add(row.started, row.status);
    const label = versionLabel(row);
    let v = versions.get(label);
    if (!v)
      versions.set(label, v = { commit: row.commit, version: row.version, acc: new RateAccumulator() });
    v.acc.add(row.status, row.duration);
    if (row.duration !== null) histogram[DURATION_BUCKETS.findIndex(([max]) => row.duration < max)] += 1;
    for (const t of row.targets) {
      const hit = targets.get(t);
      if (hit) {
        hit.runs += 1;
        hit.last = Math.max(hit.last, row.started);
      } else targets.set(t, { runs: 1, last: row.started });
    }
  }
  const last = rows.at(-1);
  return {
    id: input.id,
    definition: input.definition,
    changes: input.events.map((e) => describeChange(e, input.secretNames, people)),
    change_count: input.events.length,
    runs: {
      ...total.summary(),
      last_run_at: last ? new Date(last.started).toISOString() : null,
      purged: input.purged
    },
    recent: rows.slice(-RECENT_RUNS).reverse().map(
      (r) => runEntry(r, people, describeParameters(input.parametersOf(r.id), input.secretNames, people))
    ),
    versions: [...versions.entries()].map(([label, v]) => ({ version: label, commit: v.commit, ...v.acc.summary() })).sort(compareVersions),
    weekly: weekly.over(input.weeks),
    durations: DURATION_BUCKETS.map(([, bucket], i) => ({ bucket, count: histogram[i] ?? 0 })),
    outcomes: input.events.filter((e) => e.auditable_type === "Action" && e.action === "update").map((e) => outcomeAround(e, rows, input.outcomeWindow, people)),
    outcome_window: input.outcomeWindow,
    targets: [...targets.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([target, t]) => ({ target, runs: t.runs, last_run_at: new Date(t.last).toISOString() })),
    untouched_targets: [...input.definedTargets].filter((t) => !targets.has(t)).sort(),
    findings: input.findings
  };
}
function runEntry(r, people, parameters) {
  return {
    id: r.id,
    action: r.action,
    step: r.runbook?.step ?? null,
    started_at: new Date(r.started).toISOString(),
    duration_ms: r.duration,
    status: r.status,
    user: people.person(r.user),
    trigger: r.trigger,
    targets: [...r.targets],
    version: versionLabel(r),
    commit: r.commit,
    parameters,
    runbook_run: r.runbook?.run ?? null
  };
}
function outcomeAround(event, rows, window, people) {
  const at = Date.parse(event.created_at);
  const [before, after] = sidesOf(rows, at, window);
  return {
    version: event.version,
    commit: event.commit,
    created_at: new Date(at).toISOString(),
    user: people.person(event.user.email),
    message: people.scrub(event.message),
    fields: Object.keys(event.audited_changes).sort(),
    before,
    after,
    comparable: before.finished >= MIN_OUTCOME_RUNS && after.finished >= MIN_OUTCOME_RUNS
  };
}
function sidesOf(rows, at, window) {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (rows[mid].started <= at) lo = mid + 1;
    else hi = mid;
  }
  return [failureRate(rows.slice(Math.max(0, lo - window), lo)), failureRate(rows.slice(lo, lo + window))];
}
function failureRate(rows) {
  let failed = 0;
  let finished = 0;
  for (const r of rows) {
    const o = outcomeOf(r.status);
    if (o === "other") continue;
    finished += 1;
    if (o === "failed") failed += 1;
  }
  return { runs: rows.length, finished, failed, rate: finished === 0 ? null : failed / finished };
}
function compareVersions(a, b) {
  const na = /^v(\d+)/.exec(a.version)?.[1];
  const nb = /^v(\d+)/.exec(b.version)?.[1];
  if (na !== void 0 && nb !== void 0 && na !== nb) return Number(na) - Number(nb);
  if (na === void 0 !== (nb === void 0)) return na === void 0 ? 1 : -1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

// src/reports/build-activity.ts
var NO_ROLE = "(no role)";
function tallyRunActivity(rows, pit) {
  const judge = createPermissionJudge();
  const users = /* @__PURE__ */ new Map();
  const roles = /* @__PURE__ */ new Map();
  const byUser = /* @__PURE__ */ new Map();
  for (const row of rows) {
    let u = byUser.get(row.user);
    if (!u) {
      const key = row.user.toLowerCase();
      u = users.get(key);
      if (!u) users.set(key, u = [key, 0, 0, row.started]);
      byUser.set(row.user, u);
    }
    u[1] += 1;
    if (outcomeOf(row.status) === "failed") u[2] += 1;
    u[3] = Math.max(u[3], row.started);
    const held = judge.rolesOf(pit.rolesAt(row.point).roles, row.user);
    for (const role of held.length > 0 ? held : [NO_ROLE]) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const byKey = (a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  return { users: [...users.values()].sort(byKey), roles: [...roles].sort(byKey) };
}
function tallyChangeActivity(events, pit) {
  const judge = createPermissionJudge();
  const users = /* @__PURE__ */ new Map();
  const roles = /* @__PURE__ */ new Map();
  for (const e of events) {
    const key = e.user.email.toLowerCase();
    const u = users.get(key) ?? [0, -Infinity];
    u[0] += 1;
    u[1] = Math.max(u[1], Date.parse(e.created_at));
    users.set(key, u);
    const index = pit.indexOf(e.commit);
    const held = index < 0 ? [] : judge.rolesOf(pit.rolesAt(index - 1).roles, e.user.email);
    for (const role of held.length > 0 ? held : [NO_ROLE]) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const byKey = (a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  return {
    users: [...users].map(([email, [n2, last]]) => [email, n2, last]).sort(byKey),
    roles: [...roles].sort(byKey)
  };
}
function mergeTallies(a, b) {
  const users = new Map(a.users.map(([email, n2, last]) => [email, [n2, last]]));
  for (const [email, n2, last] of b.users) {
    const u = users.get(email);
    if (u) users.set(email, [u[0] + n2, Math.max(u[1], last)]);
    else users.set(email, [n2, last]);
  }
  const roles = new Map(a.roles);
  for (const [role, n2] of b.roles) roles.set(role, (roles.get(role) ?? 0) + n2);
  const byKey = (x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
  return {
    users: [...users].map(([email, [n2, last]]) => [email, n2, last]).sort(byKey),
    roles: [...roles].sort(byKey)
  };
}
function buildActivity(input) {
  const { pit } = input;
  const users = /* @__PURE__ */ new Map();
  const roleCounts = /* @__PURE__ */ new Map();
  const userOf = (email) => {
    const key = email.toLowerCase();
    let u = users.get(key);
    if (!u) users.set(key, u = { runs: 0, failed: 0, changes: 0, actions: /* @__PURE__ */ new Set(), last: -Infinity });
    return u;
  };
  const countRoles = (roles2, field, n2 = 1) => {
    for (const role of roles2.length > 0 ? roles2 : [NO_ROLE]) {
      let c = roleCounts.get(role);
      if (!c) roleCounts.set(role, c = { runs: 0, changes: 0 });
      c[field] += n2;
    }
  };
  const judge = createPermissionJudge();
  for (const row of input.rows) {
    if ("tally" in row) {
      for (const [email, runs, failed, last] of row.tally.users) {
        const u2 = userOf(email);
        u2.runs += runs;
        u2.failed += failed;
        u2.actions.add(row.action);
        u2.last = Math.max(u2.last, last);
      }
      for (const [role, runs] of row.tally.roles) countRoles([role], "runs", runs);
      continue;
    }
    const u = userOf(row.user);
    u.runs += 1;
    if (outcomeOf(row.status) === "failed") u.failed += 1;
    u.actions.add(row.action);
    u.last = Math.max(u.last, row.started);
    countRoles(judge.rolesOf(pit.rolesAt(row.point).roles, row.user), "runs");
  }
  const changes = "users" in input.events ? input.events : tallyChangeActivity(input.events, pit);
  for (const [email, n2, last] of changes.users) {
    const u = userOf(email);
    u.changes += n2;
    u.last = Math.max(u.last, last);
  }
  for (const [role, n2] of changes.roles) countRoles([role], "changes", n2);
  const userRows = [...users.entries()].map(([email, u]) => ({
    user: input.people.person(email),
    runs: u.runs,
    failed: u.failed,
    changes: u.changes,
    actions: u.actions.size,
    roles: judge.rolesOf(input.currentRoles, email),
    last_seen: new Date(u.last).toISOString()
  }));
  userRows.sort(
    (a, b) => b.runs - a.runs || b.changes - a.changes || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)
  );
  const current = new Map(input.currentRoles.map((r) => [r.id, r]));
  const roleIds = [.../* @__PURE__ */ new Set([...current.keys(), ...roleCounts.keys()])].sort(
    (a, b) => a === NO_ROLE ? 1 : b === NO_ROLE ? -1 : a < b ? -1 : a > b ? 1 : 0
  );
  const roles = roleIds.map((role) => ({
    role,
    members: current.get(role)?.members.length ?? 0,
    permissions: [...current.get(role)?.permissions ?? []].sort(),
    runs: roleCounts.get(role)?.runs ?? 0,
    changes: roleCounts.get(role)?.changes ?? 0
  }));
  return { users: userRows, roles };
}

// src/reports/build-coverage.ts
function tallyTargets(rows) {
  const touched = /* @__PURE__ */ new Map();
  for (const row of rows) {
    for (const target of row.targets) {
      let t = touched.get(target);
      if (!t) touched.set(target, t = [target, 0, row.started]);
      t[1] += 1;
      t[2] = Math.max(t[2], row.started);
    }
  }
  return [...touched.values()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}
function buildCoverage(rows, actions, runbooks) {
  const touched = /* @__PURE__ */ new Map();
  const touch = (target, action, runs, last) => {
    let t = touched.get(target);
    if (!t) touched.set(target, t = { actions: /* @__PURE__ */ new Set(), runs: 0, last: -Infinity });
    t.actions.add(action);
    t.runs += runs;
    t.last = Math.max(t.last, last);
  };
  for (const row of rows) {
    if ("seq" in row) for (const target of row.targets) touch(target, row.action, 1, row.started);
    else for (const [target, runs, last] of row.targets) touch(target, row.action, runs, last);
  }
  const named = /* @__PURE__ */ new Map();
  const name = (target, by) => {
    let s = named.get(target);
    if (!s) named.set(target, s = /* @__PURE__ */ new Set());
    s.add(by);
  };
  for (const a of actions) for (const t of a.targets ?? []) name(t, a.id);
  for (const rb of runbooks)
    for (const s of rb.steps) for (const t of s.targets ?? []) name(t, `${rb.id}/${s.id}`);
  const byName = ([a], [b]) => a < b ? -1 : a > b ? 1 : 0;
  return {
    targets: [...touched.entries()].sort(byName).map(([target, t]) => ({
      target,
      actions: [...t.actions].sort(),
      runs: t.runs,
      last_run_at: new Date(t.last).toISOString()
    })),
    untouched: [...named.entries()].filter(([target]) => !touched.has(target)).sort(byName).map(([target, by]) => ({ target, named_by: [...by].sort() }))
  };
}

// src/reports/build-runbook-runs.ts
var RUNBOOK_RUN_PAGES = 200;
function buildRunbookRuns(input) {
  return input.rows.slice(-RUNBOOK_RUN_PAGES).reverse().map((row) => runbookRunEntry(row, input.recordOf(row.id), input));
}
function runbookRunEntry(row, record, input) {
  const { people } = input;
  const user = (stored) => people.person(input.resolveUser(stored));
  const iso2 = (ms) => ms === null ? null : new Date(ms).toISOString();
  return {
    id: row.id,
    runbook: row.action,
    status: row.status,
    started_at: new Date(row.started).toISOString(),
    finished_at: record?.finished_at ?? null,
    duration_ms: row.duration,
    user: people.person(row.user),
    trigger: row.trigger,
    planned_at: iso2(row.planned),
    pinned_commit: record?.pinned_commit ?? row.commit,
    version: versionLabel(row),
    targets: [...row.targets],
    parameters: describeParameters(record?.parameters ?? null, input.secretNames, people),
    error: record?.error ? people.scrub(record.error) : null,
    cancel_requested: record?.cancel_requested ? { user: user(record.cancel_requested.user), at: record.cancel_requested.at } : null,
    steps: (record?.steps ?? []).map((s) => stepEntry(s, input, user))
  };
}
function stepEntry(step, input, user) {
  const started = step.started_at ? Date.parse(step.started_at) : null;
  const finished = step.finished_at ? Date.parse(step.finished_at) : null;
  return {
    id: step.id,
    action: step.action,
    status: step.status,
    started_at: step.started_at ?? null,
    finished_at: step.finished_at ?? null,
    duration_ms: started !== null && finished !== null ? Math.max(0, finished - started) : null,
    exit_code: step.exit_code,
    reason: step.reason ? input.people.scrub(step.reason) : null,
    decided_by: step.decided_by ? {
      user: user(step.decided_by.user),
      at: step.decided_by.at,
      // A confirmed step goes on to run; a rejected one keeps its status.
      decision: step.status === "rejected" ? "rejected" : "confirmed"
    } : null,
    executions: step.executions.map((id, i) => {
      const r = input.recordOf(id);
      return {
        id,
        attempt: r?.attempt ?? i + 1,
        status: r?.status ?? "unknown",
        started_at: r?.started_at ?? null,
        duration_ms: r?.duration_ms ?? null,
        exit_code: r?.exit_code ?? null
      };
    })
  };
}

// src/reports/build-runbook-report.ts
function buildRunbookReport(input) {
  const total = new RateAccumulator();
  const steps = /* @__PURE__ */ new Map();
  const runs = /* @__PURE__ */ new Set();
  for (const row of input.rows) {
    total.add(row.status, row.duration);
    const step = row.runbook?.step ?? "?";
    runs.add(row.runbook?.run ?? row.id);
    let s = steps.get(step);
    if (!s) steps.set(step, s = { action: row.action, acc: new RateAccumulator() });
    s.acc.add(row.status, row.duration);
  }
  const order = input.definition?.steps.map((s) => s.id) ?? [];
  const rank = (id) => order.includes(id) ? order.indexOf(id) : order.length;
  for (const run of input.runbookRuns) runs.add(run.id);
  const last = Math.max(
    input.rows.at(-1)?.started ?? -Infinity,
    input.runbookRuns.at(-1)?.started ?? -Infinity
  );
  return {
    id: input.id,
    definition: input.definition,
    changes: input.events.map((e) => describeChange(e, input.secretNames, input.people)),
    change_count: input.events.length,
    runs: {
      ...total.summary(),
      last_run_at: Number.isFinite(last) ? new Date(last).toISOString() : null,
      runbook_runs: runs.size
    },
    recent: input.rows.slice(-RECENT_RUNS).reverse().map(
      (r) => runEntry(
        r,
        input.people,
        describeParameters(input.parametersOf(r.id), input.secretNames, input.people)
      )
    ),
    steps: [...steps.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).map(([step, s]) => ({ step, action: s.action, summary: s.acc.summary() })),
    runbook_runs: buildRunbookRuns({
      rows: input.runbookRuns,
      recordOf: input.recordOf,
      resolveUser: input.resolveUser,
      secretNames: input.secretNames,
      people: input.people
    }),
    findings: input.findings
  };
}

// src/reports/build-schedule-adherence.ts
var ScheduleTallies = class _ScheduleTallies {
  groups = /* @__PURE__ */ new Map();
  /** Tallies as `entries` listed them (a kept summary: run-owners.ts). */
  static of(entries) {
    const tallies = new _ScheduleTallies();
    for (const [key, tally] of entries) tallies.groups.set(key, tally);
    return tallies;
  }
  /** The tallies by key (`action:<id>`, `runbook:<id>`), in the order they were started. */
  entries() {
    return [...this.groups];
  }
  add(kind, action, trigger, status, started, planned, missed) {
    if (trigger !== "schedule" || planned === null) return;
    this.addTo(this.tally(kind, action), status, started, planned, missed);
  }
  /** The tally of one scheduled definition (for a caller that adds many runs of it). */
  tally(kind, action) {
    const key = `${kind === "runbook_run" ? "runbook" : "action"}:${action}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, g = newTally());
    return g;
  }
  /** One scheduled firing (trigger `schedule`, a planned time) of the definition `g` tallies. */
  addTo(g, status, started, planned, missed) {
    g.lastPlanned = Math.max(g.lastPlanned, planned);
    if (status === "missed") {
      g.missed += missed ?? 1;
      g.outages += 1;
    } else if (status === "skipped") g.skipped += 1;
    else {
      g.late.push(Math.max(0, started - planned));
      const outcome = outcomeOf(status);
      if (outcome === "succeeded") g.succeeded += 1;
      else if (outcome === "failed") g.failed += 1;
    }
  }
  adherence(live) {
    const schedules = /* @__PURE__ */ new Map();
    for (const a of live.actions) if (a.schedule) schedules.set(`action:${a.id}`, describe(a.schedule));
    for (const r of live.runbooks) if (r.schedule) schedules.set(`runbook:${r.id}`, describe(r.schedule));
    const keys = /* @__PURE__ */ new Set([...schedules.keys(), ...this.groups.keys()]);
    return [...keys].sort((a, b) => a < b ? -1 : a > b ? 1 : 0).map((key) => {
      const i = key.indexOf(":");
      const kind = key.slice(0, i);
      return adherenceOf(
        kind,
        key.slice(i + 1),
        schedules.get(key) ?? null,
        this.groups.get(key) ?? newTally()
      );
    });
  }
};
function newTally() {
  return { missed: 0, outages: 0, skipped: 0, succeeded: 0, failed: 0, lastPlanned: -Infinity, late: [] };
}
function adherenceOf(kind, id, schedule, t) {
  const { missed, outages, skipped, succeeded, failed, lastPlanned, late } = t;
  const sorted = Float64Array.from(late).sort();
  return {
    kind,
    id,
    schedule,
    planned: late.length + missed + skipped,
    started: late.length,
    late_p50_ms: percentile(sorted, 0.5),
    late_max_ms: sorted.length === 0 ? null : sorted[sorted.length - 1],
    missed,
    outages,
    skipped,
    succeeded,
    failed,
    success_rate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
    last_planned_at: Number.isFinite(lastPlanned) ? new Date(lastPlanned).toISOString() : null
  };
}
function describe(schedule) {
  return typeof schedule === "string" ? `${schedule} (UTC)` : `${schedule.cron} (${schedule.timezone ?? "UTC"})`;
}

// src/reports/create-people.ts
var EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
function createPeople(pseudonymize, names) {
  if (!pseudonymize) return { person: (email) => email, scrub: (text) => text };
  const cache = /* @__PURE__ */ new Map();
  const person = (email) => {
    const key = email.toLowerCase();
    let p = cache.get(key);
    if (p === void 0) cache.set(key, p = pseudonymize(key));
    return p;
  };
  const known = [...names.entries()].filter(([name]) => name.trim().length >= 3).sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
  return {
    person,
    scrub(text) {
      let out = text.replace(EMAIL, (m) => person(m));
      for (const [name, email] of known) {
        if (out.includes(name)) out = out.split(name).join(person(email));
      }
      return out;
    }
  };
}

// src/reports/create-point-in-time.ts
var NO_ROLES = { asOf: null, changedIn: null, roles: [] };
function createPointInTime(input) {
  const { commits } = input;
  const position = /* @__PURE__ */ new Map();
  const effective = new Float64Array(commits.length);
  let max = -Infinity;
  commits.forEach((c, i) => {
    position.set(c.sha, i);
    max = Math.max(max, Date.parse(c.created_at));
    effective[i] = max;
  });
  const roleChange = new Uint8Array(commits.length);
  const mark = (sha) => {
    const i = position.get(sha);
    if (i !== void 0) roleChange[i] = 1;
  };
  for (const e of input.events) if (e.auditable_type === "Role") mark(e.commit);
  for (const e of input.invalid) if (e.auditable_type === "Role") mark(e.commit);
  const epoch = new Int32Array(commits.length);
  let last = -1;
  for (let i = 0; i < commits.length; i++) {
    if (roleChange[i]) last = i;
    epoch[i] = last;
  }
  const snapshots = /* @__PURE__ */ new Map();
  const rolesOfEpoch = (j) => {
    let roles = snapshots.get(j);
    if (!roles) {
      const sha = commits[j]?.sha;
      roles = sha === void 0 ? [] : input.definitionsAt("role", sha).map((d) => d.value);
      snapshots.set(j, roles);
    }
    return roles;
  };
  const tags = buildTagTimelines(input.events, position);
  const atIndex = /* @__PURE__ */ new Map();
  const indexAt = (ms) => {
    let lo = 0;
    let hi = commits.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if ((effective[mid] ?? Infinity) <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  return {
    indexOf: (sha) => position.get(sha) ?? -1,
    indexAt,
    sweep() {
      let at = -1;
      let previous = -Infinity;
      return (ms) => {
        if (Number.isNaN(ms)) return indexAt(ms);
        if (ms < previous) at = indexAt(ms);
        else while (at + 1 < commits.length && effective[at + 1] <= ms) at++;
        previous = ms;
        return at;
      };
    },
    rolesAt(index) {
      if (index < 0) return NO_ROLES;
      let snapshot = atIndex.get(index);
      if (!snapshot) {
        const j = epoch[index] ?? -1;
        const asOf = commits[index]?.sha ?? null;
        snapshot = j < 0 ? { asOf, changedIn: null, roles: NO_ROLES.roles } : { asOf, changedIn: commits[j]?.sha ?? null, roles: rolesOfEpoch(j) };
        atIndex.set(index, snapshot);
      }
      return snapshot;
    },
    tagsAt(kind, id, index) {
      const timeline = (kind === "action" ? tags.action : tags.runbook).get(id);
      if (!timeline) return null;
      const { at } = timeline;
      let lo = 0;
      if (timeline.sorted) {
        let hi = at.length;
        while (lo < hi) {
          const mid = lo + hi >> 1;
          if (at[mid] <= index) lo = mid + 1;
          else hi = mid;
        }
      } else while (lo < at.length && at[lo] <= index) lo++;
      return lo === 0 ? null : timeline.tags[lo - 1];
    }
  };
}
function buildTagTimelines(events, position) {
  const timelines = { action: /* @__PURE__ */ new Map(), runbook: /* @__PURE__ */ new Map() };
  for (const e of events) {
    const kind = e.auditable_type === "Action" ? "action" : e.auditable_type === "Runbook" ? "runbook" : null;
    const at = position.get(e.commit);
    if (kind === null || at === void 0) continue;
    const byId = timelines[kind];
    let list = byId.get(e.auditable_id);
    if (!list) byId.set(e.auditable_id, list = { at: [], tags: [], sorted: true });
    const previous = list.tags.at(-1) ?? [];
    let next;
    if (e.action === "delete") next = null;
    else if (e.action === "create") next = asTags(e.audited_changes.tags);
    else
      next = "/tags" in e.audited_changes ? asTags(e.audited_changes["/tags"][1]) : previous;
    if (list.at.length > 0 && list.at.at(-1) > at) list.sorted = false;
    list.at.push(at);
    list.tags.push(next);
  }
  return timelines;
}
function asTags(value) {
  return Array.isArray(value) ? value.filter((t) => typeof t === "string") : [];
}

// src/reports/finding-catalog.ts
import { createHash } from "node:crypto";

// src/reports/ascii-json.ts
function asciiJson(value) {
  return JSON.stringify(value).replace(NON_ASCII, escape);
}
var NON_ASCII = /[\u0080-\uffff]/g;
function escape(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

// src/reports/finding-catalog.ts
var FINDING_CATALOG = {
  "journal-tampered": {
    severity: "high",
    title: "Journal integrity problems",
    why: "`opsledger verify` found records modified, deleted, inserted, reordered or cut off outside the retention policy."
  },
  "history-rewritten": {
    severity: "high",
    title: "Rewrites of the tracked branch",
    why: "The branch was force-pushed or reset: commits the history had indexed left it, and their audit events with them. opsledger kept those events (`opsledger audit --rewrites`)."
  },
  "unauthorized-change": {
    severity: "high",
    title: "Changes by authors without definitions:modify",
    why: "By the role files just before the change, its author held no `definitions:modify` (or `admin`) covering it."
  },
  "missing-four-eyes": {
    severity: "high",
    title: "Released without a second person",
    why: "The status became `released` but no person other than the author (the merger or another author) held `definitions:approve` for it."
  },
  "unapproved-change": {
    severity: "high",
    title: "Changes without a recorded approval",
    why: "Once the repo records approvals (`refs/notes/opsledger/approvals`, docs/github.md), every change to the tracked branch needs an approval by someone other than its authors who held `definitions:approve` for it just before; this one has none."
  },
  "stale-approval": {
    severity: "medium",
    title: "Merged with stale approvals",
    why: "The only approvals that would count were given on an older head of the pull request: what was merged was not what was approved."
  },
  "unauthorized-run": {
    severity: "high",
    title: "Runs by users without actions:execute",
    why: "By the role files in force when the run started, its user held no `actions:execute` (or `admin`) for the action."
  },
  "unknown-definition-run": {
    severity: "medium",
    title: "Runs of unknown definitions",
    why: "The run was not pinned to a commit of the tracked branch, so nobody can say which version ran."
  },
  "dirty-definition-run": {
    severity: "medium",
    title: "Runs of uncommitted (dirty) definitions",
    why: "The definition or its script differed from the committed version when it ran."
  },
  "unreleased-definition-run": {
    severity: "medium",
    title: "Runs of unreleased definitions",
    why: "The pinned version had a status other than `released` (draft, approved or deprecated)."
  },
  "failing-streak": {
    severity: "medium",
    title: "Failing streaks",
    why: "Consecutive failed or timed-out runs of one action, at least `reports.failing_streak` in a row."
  },
  "abandoned-run": {
    severity: "medium",
    title: "Runs whose recorder died",
    why: "The recorder was killed (or its machine stopped) before it recorded the end, so nobody recorded how the run ended; the next opsledger command closed it as `abandoned`. Check its targets by hand."
  },
  "locally-recorded-run": {
    severity: "high",
    title: "Runs recorded outside the service",
    why: "opsledger.yaml requires runs to be recorded through the service (`executions.require_server`), but the CLI wrote this run into the journal itself, so the service never checked its roles before it ran."
  },
  "missed-firing": {
    severity: "medium",
    title: "Scheduled firings that did not run",
    why: "A schedule was due while no scheduler ran (`opsledger serve` stopped or down), so the job did not run then; the scheduler recorded the firings as `missed` when it came back. Check that nothing depended on them."
  },
  "secret-default": {
    severity: "medium",
    title: "Secret parameters with a value in git",
    why: "A secret parameter has a default (or a runbook step passes it a literal), so the secret sits in the repository. The value is never shown here."
  },
  "stale-action": {
    severity: "low",
    title: "Released actions not run recently",
    why: "Released, but not run for `reports.stale_days` days: retire it (deprecate) or check it still works."
  },
  "retention-gap": {
    severity: "low",
    title: "Retention gaps in the journal",
    why: "Records were purged by the retention policy; only their monthly rollups remain."
  },
  "invalid-definition": {
    severity: "low",
    title: "Definition files that did not validate",
    why: "A commit on the tracked branch contained a definition file that did not parse or validate; it made no audit event."
  }
};
var SEVERITY_ORDER = { high: 0, medium: 1, low: 2 };
var KINDS = Object.keys(FINDING_CATALOG);
function compareKinds(a, b) {
  const bySeverity = SEVERITY_ORDER[FINDING_CATALOG[a].severity] - SEVERITY_ORDER[FINDING_CATALOG[b].severity];
  return bySeverity !== 0 ? bySeverity : KINDS.indexOf(a) - KINDS.indexOf(b);
}
function compareGroups(a, b) {
  return compareKinds(a.kind, b.kind);
}
var FINDINGS_SHOWN = 100;
function findingDigest(k) {
  const kept2 = k.textDigest?.();
  if (kept2 !== void 0) return kept2;
  let d = digests.get(k);
  if (d === void 0) digests.set(k, d = textDigest(findingText(k)));
  return d;
}
function findingText(k) {
  return k.unreadText?.() ?? asciiJson(k.finding);
}
function textDigest(text) {
  return `#${createHash("sha256").update(text, "latin1").digest("hex").slice(0, 32)}`;
}
var digests = /* @__PURE__ */ new WeakMap();
var FindingCollector = class {
  constructor(perSubjectShown = 20) {
    this.perSubjectShown = perSubjectShown;
  }
  perSubjectShown;
  kinds = /* @__PURE__ */ new Map();
  /** Per kind, the highest cut of a merged part (CollectedFindings.cuts). */
  cuts = /* @__PURE__ */ new Map();
  subjects = /* @__PURE__ */ new Map();
  /** Add a finding; `alsoAbout` lists further definitions it concerns (a commit that changed several). */
  add(head, details, alsoAbout = []) {
    const ms = typeof head.at === "number" ? head.at : Date.parse(head.at);
    let kept2 = null;
    const offer = (b) => {
      b.total += 1;
      if (ms < b.threshold) return;
      kept2 ??= { ms, finding: { ...head, at: isoInstant(ms), ...details() } };
      b.items.push(kept2);
      if (dueForTrim(b)) trim(b);
    };
    offer(bucketOf(this.kinds, head.kind, FINDINGS_SHOWN));
    this.offerSubject(head.subject, offer);
    for (const subject of alsoAbout) this.offerSubject(subject, offer);
  }
  /**
   * Count a finding about one subject that `add` would only count (older than what the full buckets of its kind and
   * subject keep), without making its head or details: true when it has been counted so, false when it may be kept
   * (the caller then adds it). Rows judged newest first fill the buckets early, so a million flagged runs are then a
   * million counts and no object each.
   */
  countIfOld(kind, type, id, ms) {
    const k = this.kinds.get(kind);
    if (!k || !(ms < k.threshold)) return false;
    const s = this.subjects.get(type)?.get(id);
    if (!s || !(ms < s.threshold)) return false;
    k.total += 1;
    s.total += 1;
    return true;
  }
  offerSubject(subject, offer) {
    if (subject.id === null) return;
    let byId = this.subjects.get(subject.type);
    if (!byId) this.subjects.set(subject.type, byId = /* @__PURE__ */ new Map());
    offer(bucketOf(byId, subject.id, this.perSubjectShown));
  }
  /**
   * What this collector holds, to be merged into another (a part of the model cached between reports): per kind and
   * per subject the total and only the findings that can still be shown. Plain data (JSON-safe).
   */
  collected() {
    const kept2 = (b) => ({ total: b.total, items: newestKept(b.items).slice(0, b.cap) });
    const subjects = [];
    for (const [type, byId] of this.subjects) for (const [id, b] of byId) subjects.push([type, id, kept2(b)]);
    const kinds = [...this.kinds].map(([kind, b]) => [kind, kept2(b)]);
    return this.cuts.size > 0 ? { kinds, subjects, cuts: [...this.cuts] } : { kinds, subjects };
  }
  /**
   * Add what another collector held (`collected()`). The kept set is the newest of each bucket whatever the order
   * findings arrive in, so merging parts gives what adding every finding to one collector gives.
   */
  merge(other) {
    const offer = (b, part) => {
      b.total += part.total;
      for (const k of part.items) {
        if (k.ms < b.threshold) continue;
        b.items.push(k);
        if (dueForTrim(b)) trim(b);
      }
    };
    for (const [kind, part] of other.kinds) offer(bucketOf(this.kinds, kind, FINDINGS_SHOWN), part);
    for (const [kind, cut] of other.cuts ?? [])
      this.cuts.set(kind, Math.max(cut, this.cuts.get(kind) ?? cut));
    for (const [type, id, part] of other.subjects) {
      let byId = this.subjects.get(type);
      if (!byId) this.subjects.set(type, byId = /* @__PURE__ */ new Map());
      offer(bucketOf(byId, id, this.perSubjectShown), part);
    }
  }
  /**
   * Per kind, the time of the oldest finding shown (the FINDINGS_SHOWN-th newest) when more than that many were
   * found: a part kept for a later report needs none of its findings of that kind before it (trimCollected).
   */
  shownSince() {
    const since = /* @__PURE__ */ new Map();
    for (const [kind, b] of this.kinds) {
      if (b.total <= FINDINGS_SHOWN) continue;
      const last = [...b.items].sort(byTime)[FINDINGS_SHOWN - 1];
      if (last) since.set(kind, last.ms);
    }
    return since;
  }
  /**
   * Whether the findings shown are exactly those of every finding added: true unless a merged part left findings
   * out (its cut) and fewer than FINDINGS_SHOWN of that kind are at or after the cut (an older one left out could
   * then be among those shown). The caller then builds every part again.
   */
  exact() {
    for (const [kind, cut] of this.cuts) {
      const b = this.kinds.get(kind);
      if (!b) continue;
      let after = 0;
      for (const k of b.items) if (k.ms >= cut) after += 1;
      if (after < Math.min(FINDINGS_SHOWN, b.total)) return false;
    }
    return true;
  }
  /** Non-empty groups, by severity then catalog order, items newest first. */
  groups() {
    return KINDS.filter((kind) => (this.kinds.get(kind)?.total ?? 0) > 0).sort(compareKinds).map((kind) => ({
      kind,
      ...FINDING_CATALOG[kind],
      total: this.kinds.get(kind)?.total ?? 0,
      items: newestKept(this.kinds.get(kind)?.items ?? []).slice(0, FINDINGS_SHOWN).map((k) => k.finding)
    }));
  }
  /**
   * `about`, its items made when first read: an action's section holds its findings, but only its page (rendered
   * when its inputs changed) reads them, and a kept part's findings are texts until read (part-codec.ts).
   */
  aboutLater(type, id) {
    const total = this.subjects.get(type)?.get(id)?.total ?? 0;
    let items = null;
    return Object.defineProperty({ total }, "items", {
      enumerable: true,
      configurable: true,
      get: () => items ??= this.about(type, id).items
    });
  }
  /**
   * What `about` holds, as text (its total and each finding's digest, newest first: findingDigest) without making the
   * findings of a kept part nor reading their texts: what a page's digest and a runbook part's key take for them.
   */
  aboutText(type, id) {
    const shown = this.shownAbout(type, id);
    const texts = shown.items.map(findingDigest);
    return `${shown.total} ${texts.join("\n")}`;
  }
  /** The findings about one action or runbook (newest first, a few) and how many there are. */
  about(type, id) {
    const shown = this.shownAbout(type, id);
    return { total: shown.total, items: shown.items.map((k) => k.finding) };
  }
  shownAbout(type, id) {
    const s = this.subjects.get(type)?.get(id);
    return s ? { total: s.total, items: newestKept(s.items).slice(0, s.cap) } : { total: 0, items: [] };
  }
};
function trimCollected(part, since) {
  const cuts = new Map(part.cuts ?? []);
  const kinds = part.kinds.map(([kind, b]) => {
    const cut = since.get(kind);
    if (cut === void 0 || b.items.every((k) => k.ms >= cut)) return [kind, b];
    cuts.set(kind, Math.max(cut, cuts.get(kind) ?? cut));
    return [kind, { total: b.total, items: b.items.filter((k) => k.ms >= cut) }];
  });
  return cuts.size > 0 ? { kinds, subjects: part.subjects, cuts: [...cuts] } : { kinds, subjects: part.subjects };
}
function dueForTrim(b) {
  return b.items.length >= (b.threshold === -Infinity ? b.cap : b.cap * 4);
}
function trim(b) {
  b.items = newestOf(b.items, b.cap);
  b.threshold = b.items.at(-1)?.ms ?? -Infinity;
}
var byTime = (a, b) => b.ms - a.ms;
function newestOf(list, cap) {
  if (list.some((k) => Number.isNaN(k.ms))) return newestKept(list).slice(0, cap);
  const sorted = [...list].sort(byTime);
  if (sorted.length <= cap || sorted[cap].ms !== sorted[cap - 1].ms) return sorted.slice(0, cap);
  const edge = sorted[cap - 1].ms;
  let from = cap - 1;
  while (from > 0 && sorted[from - 1].ms === edge) from--;
  let to = cap;
  while (to < sorted.length && sorted[to].ms === edge) to++;
  return [...sorted.slice(0, from), ...newestKept(sorted.slice(from, to)).slice(0, cap - from)];
}
function bucketOf(map, key, cap) {
  let b = map.get(key);
  if (!b) map.set(key, b = { total: 0, items: [], threshold: -Infinity, cap });
  return b;
}
function isoInstant(ms) {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
var orderKeys = /* @__PURE__ */ new WeakMap();
var orders = /* @__PURE__ */ new WeakMap();
function newestKept(list) {
  const hit = orders.get(list);
  if (hit && hit.length === list.length) return hit.sorted;
  const key = (k) => {
    let s = orderKeys.get(k);
    if (s === void 0) {
      const { summary, evidence, kind, subject } = k.finding;
      s = `${summary}\0${JSON.stringify(evidence)}\0${kind}\0${subject.type}\0${subject.id ?? ""}`;
      orderKeys.set(k, s);
    }
    return s;
  };
  const sorted = [...list].sort((a, b) => {
    if (a.ms !== b.ms) return b.ms - a.ms;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  orders.set(list, { length: list.length, sorted });
  return sorted;
}

// src/reports/find-change-findings.ts
var NAMED = 12;
function findChangeFindings(events, pit, people, collector) {
  const judge = createPermissionJudge();
  for (const group of groupByCommit(events)) {
    const first = group[0];
    const index = pit.indexOf(first.commit);
    if (index < 0) continue;
    const roles = rolesForChange(pit, index);
    const unauthorized = /* @__PURE__ */ new Map();
    const unapproved = /* @__PURE__ */ new Map();
    for (const event of group) {
      const states = subjectStates(event, pit, index);
      for (const author of uniqueUsers(event.authors?.length ? event.authors : [event.user])) {
        if (states.every((s) => judge.holds(roles.roles, author.email, "definitions:modify", s))) continue;
        const key2 = author.email.toLowerCase();
        let entry2 = unauthorized.get(key2);
        if (!entry2) unauthorized.set(key2, entry2 = { author, events: [] });
        entry2.events.push(event);
      }
      if (!releases(event)) continue;
      const verdict = fourEyes(event, roles, states, judge);
      if (verdict.ok) continue;
      const key = event.user.email.toLowerCase();
      let entry = unapproved.get(key);
      if (!entry) unapproved.set(key, entry = { events: [], checked: /* @__PURE__ */ new Set() });
      entry.events.push(event);
      for (const u of verdict.checked) {
        entry.checked.add(
          `${people.person(u.email)} (${judge.rolesOf(roles.roles, u.email).join(", ") || "no role"})`
        );
      }
    }
    for (const { author, events: changed } of unauthorized.values()) {
      const subjects = subjectsOf(changed);
      collector.add(
        {
          kind: "unauthorized-change",
          severity: "high",
          subject: subjects[0],
          at: iso(first.created_at)
        },
        () => ({
          summary: `${people.person(author.email)} changed ${describe2(changed)} without definitions:modify`,
          evidence: [
            ...commitEvidence(first, people),
            ["Changes", labels(changed)],
            ["Author checked", people.person(author.email)],
            ["Author\u2019s roles then", judge.rolesOf(roles.roles, author.email).join(", ") || "none"],
            ...roleEvidence(roles)
          ]
        }),
        subjects.slice(1)
      );
    }
    for (const { events: released, checked } of unapproved.values()) {
      const subjects = subjectsOf(released);
      const author = released[0].user;
      collector.add(
        {
          kind: "missing-four-eyes",
          severity: "high",
          subject: subjects[0],
          at: iso(first.created_at)
        },
        () => ({
          summary: `${people.person(author.email)} released ${describe2(released)} without a second person holding definitions:approve`,
          evidence: [
            ...commitEvidence(first, people),
            ["Released", labels(released)],
            ["Author", people.person(author.email)],
            ["Merged / committed by", people.person(first.committer.email)],
            [
              "Other people checked",
              [...checked].sort().join("; ") || "none (the author made and merged the change alone)"
            ],
            ...roleEvidence(roles)
          ]
        }),
        subjects.slice(1)
      );
    }
  }
}
function fourEyes(event, roles, states, judge) {
  const author = event.user.email.toLowerCase();
  const recorded = (event.approvals ?? []).filter((a) => a.state === "APPROVED" && !a.stale && !a.by_author && a.email !== null).map((a) => ({ name: a.reviewer_login, email: a.email }));
  const checked = uniqueUsers([event.committer, ...event.authors ?? [], ...recorded]).filter(
    (u) => u.email.toLowerCase() !== author
  );
  const subject = states.at(-1) ?? subjectFallback(event);
  return {
    ok: checked.some((u) => judge.holds(roles.roles, u.email, "definitions:approve", subject)),
    checked
  };
}
function groupByCommit(events) {
  const groups = [];
  for (const e of events) {
    const last = groups.at(-1);
    if (last && last[0].commit === e.commit) last.push(e);
    else groups.push([e]);
  }
  return groups;
}
function subjectsOf(events) {
  const seen = /* @__PURE__ */ new Map();
  for (const e of events) {
    const s = subjectOf(e);
    seen.set(`${s.type}:${s.id}`, s);
  }
  return [...seen.values()];
}
function describe2(events) {
  const subjects = subjectsOf(events);
  const one = subjects[0];
  if (subjects.length === 1 && one) return `${TYPE_LABEL[one.type]} ${one.id}`;
  return `${subjects.length} definitions`;
}
var TYPE_LABEL = { action: "action", runbook: "runbook", role: "role" };
function labels(events) {
  const all = events.map((e) => `${e.auditable_type} ${e.auditable_id} v${e.version} (${e.action})`);
  return all.length > NAMED ? `${all.slice(0, NAMED).join(", ")}, \u2026 and ${all.length - NAMED} more` : all.join(", ");
}
function rolesForChange(pit, index) {
  const before = pit.rolesAt(index - 1);
  if (before.changedIn !== null) return { ...before, bootstrap: false };
  const at = pit.rolesAt(index);
  return { ...at, bootstrap: at.changedIn !== null };
}
function subjectStates(event, pit, index) {
  if (event.auditable_type === "Role") return [{ kind: "role", id: event.auditable_id, tags: [] }];
  const kind = event.auditable_type === "Action" ? "action" : "runbook";
  const id = event.auditable_type === "Runbook::Step" ? event.auditable_id.split("/")[0] ?? "" : event.auditable_id;
  const states = [pit.tagsAt(kind, id, index - 1), pit.tagsAt(kind, id, index)].filter((tags) => tags !== null).map((tags) => ({ kind, id, tags }));
  return states.length > 0 ? states : [{ kind, id, tags: [] }];
}
function subjectFallback(event) {
  return { kind: event.auditable_type === "Action" ? "action" : "runbook", id: event.auditable_id, tags: [] };
}
function releases(event) {
  if (event.auditable_type !== "Action" && event.auditable_type !== "Runbook") return false;
  if (event.action === "create") return event.audited_changes.status === "released";
  if (event.action !== "update") return false;
  const pair = event.audited_changes["/status"];
  return Array.isArray(pair) && pair[1] === "released" && pair[0] !== "released";
}
function subjectOf(event) {
  if (event.auditable_type === "Action") return { type: "action", id: event.auditable_id };
  if (event.auditable_type === "Role") return { type: "role", id: event.auditable_id };
  return { type: "runbook", id: event.auditable_id.split("/")[0] ?? event.auditable_id };
}
function commitEvidence(event, people) {
  return [
    ["Commit", event.commit],
    ["Time", iso(event.created_at)],
    ["Pull request", event.pull_request === null ? "\u2013" : `#${event.pull_request}`],
    ["Message", people.scrub(event.message)]
  ];
}
function roleEvidence(roles) {
  const where = roles.changedIn === null ? "none on the branch" : `last changed in ${roles.changedIn}`;
  return [
    [
      "Role files",
      `as of ${roles.asOf ?? "the start"} (${where})${roles.bootstrap ? ", introduced by this commit" : ""}`
    ]
  ];
}
function iso(value) {
  const ms = typeof value === "number" ? value : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString().replace(".000Z", "Z");
}

// src/reports/find-approval-findings.ts
function findApprovalFindings(all, events, pit, people, collector) {
  const adopted = all.find((e) => e.approvals !== null);
  if (!adopted) return;
  const from = pit.indexOf(adopted.commit);
  const judge = createPermissionJudge();
  for (const group of groupByCommit(events)) {
    const first = group[0];
    const index = pit.indexOf(first.commit);
    if (index < from || index < 0) continue;
    const roles = rolesForChange(pit, index);
    const subjects = group.flatMap((e) => subjectStates(e, pit, index));
    const authors = uniqueUsers(group.flatMap((e) => e.authors.length > 0 ? e.authors : [e.user]));
    const verdict = judgeRecordedApprovals(
      first.approvals,
      authors.map((a) => a.email),
      (email) => subjects.every((s) => judge.holds(roles.roles, email, "definitions:approve", s))
    );
    if (verdict.status === "approved") continue;
    const stale = verdict.status === "stale";
    const named = subjectsOf(group);
    const reviews = (first.approvals ?? []).map(
      (a) => `${a.email ? people.person(a.email) : a.reviewer_login} ${a.state} ${a.commit_id.slice(0, 7)} (${verdict.ignored.find((i) => i.approval === a)?.reason ?? (a.stale ? "stale" : "counts")})`
    );
    collector.add(
      {
        kind: stale ? "stale-approval" : "unapproved-change",
        severity: stale ? "medium" : "high",
        subject: named[0],
        at: iso(first.created_at)
      },
      () => ({
        summary: stale ? `${describe2(group)} merged with approvals given on an older head of the pull request` : `${describe2(group)} changed without an approval by someone else holding definitions:approve`,
        evidence: [
          ...commitEvidence(first, people),
          ["Changes", labels(group)],
          ["Authors", authors.map((a) => people.person(a.email)).join(", ")],
          ["Recorded reviews", reviews.join("; ") || "none (no approval note for this commit)"],
          ...stale ? [["Approved heads", verdict.stale.map((a) => a.commit_id).join(", ")]] : [],
          [
            "Approvers\u2019 roles then",
            verdict.stale.map((a) => `${a.email}: ${judge.rolesOf(roles.roles, a.email).join(", ") || "none"}`).join("; ") || "\u2013"
          ],
          ...roleEvidence(roles)
        ]
      }),
      named.slice(1)
    );
  }
}

// src/reports/find-definition-findings.ts
var DAY2 = 864e5;
function findDefinitionFindings(input) {
  const { people, collector } = input;
  const byId = groupEvents(input.events);
  const secretsOf = /* @__PURE__ */ new Map();
  for (const def of input.actions) {
    const action = def.value;
    const secrets = new Set((action.parameters ?? []).filter((p) => p.secret).map((p) => p.name));
    secretsOf.set(action.id, secrets);
    for (const p of action.parameters ?? []) {
      if (!p.secret || p.default === void 0) continue;
      const setBy = [...byId.get(`Action:${action.id}`) ?? []].reverse().find((e) => touchesParameter(e, p.name));
      collector.add(
        {
          kind: "secret-default",
          severity: "medium",
          subject: { type: "action", id: action.id },
          at: iso(setBy?.created_at ?? input.until)
        },
        () => ({
          summary: `${action.id}: secret parameter ${p.name} has a default in git`,
          evidence: [
            ["Action", action.id],
            ["Parameter", p.name],
            ["File", def.path],
            ...setEvidence(setBy, people)
          ]
        })
      );
    }
    checkStale(def, action, byId.get(`Action:${action.id}`) ?? [], input);
  }
  for (const def of input.runbooks) {
    const runbook = def.value;
    for (const step of runbook.steps) {
      const secrets = secretsOf.get(step.action);
      for (const name of Object.keys(step.with ?? {}).sort()) {
        if (!secrets?.has(name)) continue;
        const setBy = (byId.get(`Runbook::Step:${runbook.id}/${step.id}`) ?? []).at(-1);
        collector.add(
          {
            kind: "secret-default",
            severity: "medium",
            subject: { type: "runbook", id: runbook.id },
            at: iso(setBy?.created_at ?? input.until)
          },
          () => ({
            summary: `${runbook.id}/${step.id} passes a literal to secret parameter ${name} of ${step.action}`,
            evidence: [
              ["Runbook step", `${runbook.id}/${step.id}`],
              ["Action", step.action],
              ["Parameter", name],
              ["File", def.path],
              ...setEvidence(setBy, people)
            ]
          })
        );
      }
    }
  }
  for (const entry of input.invalid) {
    collector.add(
      {
        kind: "invalid-definition",
        severity: "low",
        subject: {
          type: entry.auditable_type === "Action" ? "action" : entry.auditable_type === "Role" ? "role" : "runbook",
          id: entry.auditable_id
        },
        at: iso(entry.created_at)
      },
      () => ({
        summary: `${entry.path} did not validate in ${entry.commit.slice(0, 10)}`,
        evidence: [
          ["File", entry.path],
          ["Commit", entry.commit],
          ["Time", iso(entry.created_at)],
          ["Author", people.person(entry.user.email)],
          ["Message", people.scrub(entry.message)],
          ...entry.findings.slice(0, 3).map((f, i) => [
            `Problem ${i + 1}`,
            `${f.file}:${f.line}:${f.col} ${f.message}`
          ])
        ]
      })
    );
  }
}
function checkStale(def, action, events, input) {
  if (action.status !== "released") return;
  const release = [...events].reverse().find(setsReleased);
  const releasedAt = release ? Date.parse(release.created_at) : -Infinity;
  const lastRun = input.lastRunBefore.get(action.id);
  const since = Math.max(releasedAt, lastRun ?? -Infinity);
  if (!Number.isFinite(since) || input.until - since <= input.staleDays * DAY2) return;
  const idle = Math.floor((input.until - since) / DAY2);
  input.collector.add(
    {
      kind: "stale-action",
      severity: "low",
      subject: { type: "action", id: action.id },
      at: iso(since + input.staleDays * DAY2)
    },
    () => ({
      summary: `${action.id} is released but ${lastRun === void 0 ? "was never run" : `has not run for ${idle} ${idle === 1 ? "day" : "days"}`}`,
      evidence: [
        ["Action", action.id],
        ["File", def.path],
        [
          "Released",
          release ? `${iso(release.created_at)} in ${release.commit}` : "before the recorded history"
        ],
        ["Last run", lastRun === void 0 ? "never" : iso(lastRun)],
        ["Idle days", String(idle)],
        ["Threshold", `${input.staleDays} days (reports.stale_days)`]
      ]
    })
  );
}
function setsReleased(e) {
  if (e.action === "create") return e.audited_changes.status === "released";
  const pair = e.audited_changes["/status"];
  return e.action === "update" && Array.isArray(pair) && pair[1] === "released";
}
function touchesParameter(e, name) {
  if (e.action === "create") return true;
  if (e.action !== "update") return false;
  return Object.keys(e.audited_changes).some(
    (p) => p === "/parameters" || p === `/parameters/${name}` || p === `/parameters/${name}/default`
  );
}
function setEvidence(setBy, people) {
  if (!setBy) return [["Set in", "before the recorded history"]];
  return [
    ["Set in commit", setBy.commit],
    ["Set by", people.person(setBy.user.email)],
    ["Time", iso(setBy.created_at)]
  ];
}
function groupEvents(events) {
  const map = /* @__PURE__ */ new Map();
  for (const e of events) {
    const key = `${e.auditable_type}:${e.auditable_id}`;
    let list = map.get(key);
    if (!list) map.set(key, list = []);
    list.push(e);
  }
  return map;
}

// src/reports/find-firing-findings.ts
function findFiringFindings(rows, ctx) {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    const subject = {
      type: row.kind === "runbook_run" ? "runbook" : "action",
      id: row.action
    };
    if (row.status === "missed") {
      const count = row.missed ?? 1;
      ctx.collector.add({ kind: "missed-firing", severity: "medium", subject, at: row.started }, () => ({
        summary: `${subject.type} ${row.action}: ${count === 1 ? "1 scheduled firing" : `${count} scheduled firings`} did not run (no scheduler was running)`,
        evidence: [
          ["Record", row.id],
          [subject.type === "runbook" ? "Runbook" : "Action", row.action],
          ["Missed firings", String(count)],
          ["Last planned", row.planned === null ? "\u2013" : isoInstant(row.planned)],
          ["Recorded at", isoInstant(row.started)]
        ]
      }));
    } else if (row.kind === "runbook_run" && row.status === "abandoned") {
      ctx.collector.add({ kind: "abandoned-run", severity: "medium", subject, at: row.started }, () => ({
        summary: `runbook ${row.action} run ${row.id} by ${ctx.people.person(row.user)} has no recorded end: its recorder died`,
        evidence: [
          ["Runbook run", row.id],
          ["Runbook", row.action],
          ["Started", isoInstant(row.started)],
          ["User", ctx.people.person(row.user)],
          ["Trigger", row.trigger],
          ["Version ran", versionLabel(row)],
          ["Status", row.status]
        ]
      }));
    }
  }
}

// src/reports/find-history-findings.ts
var NAMED2 = 10;
function findHistoryFindings(rewrites, period, people, collector) {
  for (const r of rewrites) {
    const at = Date.parse(r.detected_at);
    if (!(at >= period.since && at <= period.until)) continue;
    const subjects = subjectsOf2(r);
    collector.add(
      {
        kind: "history-rewritten",
        severity: r.events_lost > 0 ? "high" : "low",
        subject: { type: "history", id: null },
        at: iso(r.detected_at)
      },
      () => ({
        summary: `${r.branch} was rewritten: ${r.events_lost} audit event(s) left the branch`,
        evidence: [
          ["Branch", r.branch],
          ["Old head", r.old_head],
          ["New head", r.new_head],
          ["Detected", iso(r.detected_at)],
          ["Events lost", `${r.events_lost}${r.complete ? "" : " (at least)"}`],
          ...r.events.slice(0, NAMED2).map((e, i) => [
            `Lost ${i + 1}`,
            `${e.auditable_type} ${e.auditable_id} v${e.version} ${e.action} in ${e.commit.slice(0, 10)} by ${people.person(e.user.email)}`
          ]),
          ...r.events.length > NAMED2 ? [["More", `\u2026 and ${r.events.length - NAMED2} more`]] : []
        ]
      }),
      subjects
    );
  }
}
function subjectsOf2(r) {
  const seen = /* @__PURE__ */ new Map();
  for (const e of r.events) {
    const type = e.auditable_type === "Action" ? "action" : e.auditable_type === "Role" ? "role" : "runbook";
    const id = e.auditable_id.split("/")[0];
    seen.set(`${type}:${id}`, { type, id });
  }
  return [...seen.values()];
}

// src/reports/find-journal-findings.ts
function findJournalFindings(verify, rollups, collector, now) {
  if (!verify) return;
  for (const p of verify.problems) {
    collector.add(
      {
        kind: "journal-tampered",
        severity: "high",
        subject: { type: "journal", id: null },
        at: iso(now)
      },
      () => ({
        summary: `${p.kind} record in ${p.segment}${p.line === null ? "" : ` line ${p.line}`}: ${p.message}`,
        evidence: [
          ["Problem", p.kind],
          ["Segment", p.segment],
          ["Line", p.line === null ? "\u2013" : String(p.line)],
          ["Sequence", p.seq === null ? "\u2013" : String(p.seq)],
          ["Detail", p.message]
        ]
      })
    );
  }
  const months = [...new Set(rollups.map((r) => r.month))].sort();
  for (const gap of verify.gaps) {
    const purgedMonth = gap.purged_at.slice(0, 7);
    const covered = months.filter((m) => m <= purgedMonth);
    collector.add(
      {
        kind: "retention-gap",
        severity: covered.length === 0 ? "medium" : "low",
        subject: { type: "journal", id: null },
        at: iso(gap.purged_at)
      },
      () => ({
        summary: `records up to seq ${gap.through_seq} purged (${gap.reason})`,
        evidence: [
          ["Purged through seq", String(gap.through_seq)],
          ["Purged at", iso(gap.purged_at)],
          ["Reason", gap.reason],
          ["Checkpoint hash", gap.checkpoint_hash],
          [
            "Rollups kept",
            covered.length === 0 ? "none: purged runs are missing from the statistics" : `${covered.length} ${covered.length === 1 ? "month" : "months"}, ${covered[0]} to ${covered.at(-1)}`
          ]
        ]
      })
    );
  }
}

// src/reports/find-run-findings.ts
function findRunFindings(rowsByAction, ctx) {
  const judge = createPermissionJudge();
  for (const [action, rows] of rowsByAction) {
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i];
      if (row.status === "denied") continue;
      if (row.status === "abandoned") reportAbandoned(row, ctx);
      if (ctx.requireServer && row.local) reportLocal(row, ctx);
      checkPinning(row, ctx);
      checkPermission(row, ctx, judge);
    }
    let streak = [];
    for (const row of rows) {
      if (row.status === "failed" || row.status === "timed_out") streak.push(row);
      else if (row.status === "succeeded") {
        reportStreak(action, streak, false, ctx);
        streak = [];
      }
    }
    reportStreak(action, streak, true, ctx);
  }
}
function checkPinning(row, ctx) {
  let kind = null;
  let reason = "";
  if (row.commit === null || !ctx.knownActions.has(row.action)) {
    kind = "unknown-definition-run";
    reason = row.commit === null ? "no commit recorded" : "the action has no history on the tracked branch";
  } else if (ctx.pit.indexOf(row.commit) < 0) {
    kind = "unknown-definition-run";
    reason = "pinned commit is not on the tracked branch";
  } else if (row.dirty) {
    kind = "dirty-definition-run";
    reason = "work tree differed from the commit";
  } else if (row.definitionStatus !== "released") {
    kind = "unreleased-definition-run";
    reason = `status ${row.definitionStatus ?? "unknown"}`;
  }
  if (kind === null || ctx.collector.countIfOld(kind, "action", row.action, row.started)) return;
  ctx.collector.add(
    {
      kind,
      severity: "medium",
      subject: { type: "action", id: row.action },
      at: row.started
    },
    () => ({
      summary: `${row.action} ran as ${versionLabel(row)} (${reason}) by ${ctx.people.person(row.user)}`,
      evidence: [
        ...runEvidence(row, ctx),
        ["Pinned commit", row.commit ?? "\u2013"],
        ["Definition status", row.definitionStatus ?? "\u2013"],
        ["Dirty", row.dirty ? "yes" : "no"]
      ]
    })
  );
}
function checkPermission(row, ctx, judge) {
  if (row.planned !== null) return;
  const roles = ctx.pit.rolesAt(row.point);
  const tags = ctx.pit.tagsAt("action", row.action, row.point);
  if (judge.mayExecute(roles.roles, row.user, row.action, tags) || ctx.collector.countIfOld("unauthorized-run", "action", row.action, row.started))
    return;
  ctx.collector.add(
    {
      kind: "unauthorized-run",
      severity: "high",
      subject: { type: "action", id: row.action },
      at: row.started
    },
    () => ({
      summary: `${ctx.people.person(row.user)} ran ${row.action} without actions:execute`,
      evidence: [
        ...runEvidence(row, ctx),
        ["User\u2019s roles then", judge.rolesOf(roles.roles, row.user).join(", ") || "none"],
        [
          "Role files",
          `as of ${roles.asOf ?? "the start"} (${roles.changedIn === null ? "none on the branch" : `last changed in ${roles.changedIn}`})`
        ]
      ]
    })
  );
}
function reportStreak(action, streak, ongoing, ctx) {
  const first = streak[0];
  const last = streak.at(-1);
  if (!first || !last || streak.length < ctx.streak) return;
  const users = [...new Set(streak.map((r) => ctx.people.person(r.user)))].sort();
  const versions = [...new Set(streak.map(versionLabel))].sort();
  ctx.collector.add(
    {
      kind: "failing-streak",
      severity: "medium",
      subject: { type: "action", id: action },
      at: first.started
    },
    () => ({
      summary: `${action} failed ${streak.length} times in a row${ongoing ? " (still failing)" : ""}`,
      evidence: [
        ["Action", action],
        ["Runs in a row", String(streak.length)],
        ["First failed run", `${first.id} at ${isoInstant(first.started)}`],
        ["Last failed run", `${last.id} at ${isoInstant(last.started)}`],
        ["Ongoing", ongoing ? "yes, no successful run since" : "no, a later run succeeded"],
        ["Versions", versions.join(", ")],
        ["Users", users.slice(0, 10).join(", ") + (users.length > 10 ? `, \u2026 (${users.length})` : "")]
      ]
    })
  );
}
function reportAbandoned(row, ctx) {
  if (ctx.collector.countIfOld("abandoned-run", "action", row.action, row.started)) return;
  ctx.collector.add(
    {
      kind: "abandoned-run",
      severity: "medium",
      subject: { type: "action", id: row.action },
      at: row.started
    },
    () => ({
      summary: `${row.action} run ${row.id} by ${ctx.people.person(row.user)} has no recorded end: its recorder died`,
      evidence: runEvidence(row, ctx)
    })
  );
}
function reportLocal(row, ctx) {
  if (ctx.collector.countIfOld("locally-recorded-run", "action", row.action, row.started)) return;
  ctx.collector.add(
    {
      kind: "locally-recorded-run",
      severity: "high",
      subject: { type: "action", id: row.action },
      at: row.started
    },
    () => ({
      summary: `${row.action} run ${row.id} by ${ctx.people.person(row.user)} was recorded by the CLI, not the service`,
      evidence: [...runEvidence(row, ctx), ["Recorded via", "local (executions.require_server is set)"]]
    })
  );
}
function runEvidence(row, ctx) {
  return [
    ["Run", row.id],
    ["Action", row.action],
    ["Started", isoInstant(row.started)],
    ["User", ctx.people.person(row.user)],
    [
      "Trigger",
      row.runbook ? `${row.trigger} (runbook ${row.runbook.id}, step ${row.runbook.step})` : row.trigger
    ],
    ["Version ran", versionLabel(row)],
    ["Status", row.status]
  ];
}

// src/reports/summarize-definition.ts
function summarizeDefinition(state, people) {
  const v = state.value;
  const base = {
    id: v.id,
    name: people.scrub(v.name),
    status: v.status,
    owner: people.person(v.owner),
    description: people.scrub(v.description ?? ""),
    tags: [...v.tags ?? []].sort(),
    path: state.path,
    version: state.version,
    commit: state.commit,
    updated_at: state.updated_at,
    deleted: state.deleted
  };
  if (state.kind === "runbook") {
    const rb = v;
    return {
      ...base,
      fields: [["Steps", String(rb.steps.length)]],
      parameters: [],
      script: null,
      steps: rb.steps.map((s) => ({
        id: s.id,
        name: people.scrub(s.name),
        action: s.action,
        when: s.when ?? "on_success",
        // docs/definitions.md: a step runs by itself unless it says `automatic: false`.
        automatic: s.automatic ?? true
      }))
    };
  }
  const a = v;
  const fields = [["Shell", a.script.shell]];
  if (a.script.file) fields.push(["Script file", a.script.file]);
  fields.push(["Targets", (a.targets ?? []).join(", ") || "\u2013"]);
  fields.push(["Credential", a.credential ?? "\u2013"]);
  fields.push(["Timeout", a.timeout === void 0 ? "\u2013" : `${a.timeout} s`]);
  if (a.concurrency !== void 0) fields.push(["Concurrency", String(a.concurrency)]);
  if (a.schedule)
    fields.push([
      "Schedule",
      typeof a.schedule === "string" ? a.schedule : `${a.schedule.cron} (${a.schedule.timezone ?? "UTC"})`
    ]);
  return {
    ...base,
    fields,
    parameters: (a.parameters ?? []).map((p) => ({
      name: p.name,
      type: p.type,
      required: p.required ?? false,
      default: p.default === void 0 ? "" : p.secret ? REDACTED : formatValue(p.default),
      secret: p.secret ?? false,
      notes: [
        p.enum ? `one of ${p.enum.map((x) => formatValue(x)).join(", ")}` : "",
        p.pattern ? `pattern ${p.pattern}` : "",
        people.scrub(p.description ?? "")
      ].filter(Boolean).join("; ")
    })),
    script: {
      shell: a.script.shell,
      file: a.script.file ?? null,
      inline: a.script.inline === void 0 ? null : people.scrub(a.script.inline)
    },
    steps: []
  };
}

// src/reports/definition-states.ts
function definitionState(kind, id, live, own) {
  const type = kind === "action" ? "Action" : "Runbook";
  const last = own.at(-1);
  const current = live.find((d) => d.id === id);
  if (current) {
    const lastOwn = own.filter((e) => e.auditable_type === type).at(-1);
    return {
      kind,
      value: current.value,
      path: current.path,
      version: current.version,
      commit: current.commit,
      updated_at: last?.created_at ?? lastOwn?.created_at ?? "",
      deleted: false
    };
  }
  const deletion = own.filter((e) => e.auditable_type === type && e.action === "delete").at(-1);
  if (!deletion) return null;
  return {
    kind,
    value: deletion.audited_changes,
    path: deletion.path,
    version: deletion.version,
    commit: deletion.commit,
    updated_at: deletion.created_at,
    deleted: true
  };
}
function secretParameterNames(events, live) {
  const out = /* @__PURE__ */ new Map();
  const add = (id, name) => {
    let s = out.get(id);
    if (!s) out.set(id, s = /* @__PURE__ */ new Set());
    s.add(name);
  };
  const fromList = (id, list) => {
    if (!Array.isArray(list)) return;
    for (const p of list) {
      if (p && p.secret === true && typeof p.name === "string") add(id, p.name);
    }
  };
  for (const d of live) fromList(d.id, d.value.parameters);
  for (const e of events) {
    if (e.auditable_type !== "Action") continue;
    if (e.action !== "update") {
      fromList(e.auditable_id, e.audited_changes.parameters);
      continue;
    }
    for (const [pointer, pair] of Object.entries(e.audited_changes)) {
      const [, head, name, field] = pointer.split("/");
      if (head !== "parameters" || !Array.isArray(pair)) continue;
      if (name === void 0) pair.forEach((side) => fromList(e.auditable_id, side));
      else if (field === void 0) pair.forEach((side) => fromList(e.auditable_id, [side]));
      else if (field === "secret" && pair.includes(true)) add(e.auditable_id, name);
    }
  }
  return out;
}
function lastDefinitionChange(events, invalid, pit, untilIndex, commits) {
  let last = -1;
  for (const e of [...events, ...invalid]) {
    const i = pit.indexOf(e.commit);
    if (i <= untilIndex && i > last) last = i;
  }
  const commit = commits[last];
  return commit ? { commit: commit.sha, at: new Date(Date.parse(commit.created_at)).toISOString() } : null;
}

// src/reports/build-report-model.ts
var USAGE_WEEKS = 12;
var MAX_WEEKS = 520;
function collectReportRuns(input) {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  return collectRuns(input.executions, input.resolveUser, { since, until: Date.parse(input.period.until) });
}
function selectReportRuns(input, folded, inPlace = false) {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  return selectRuns(folded, input.resolveUser, { since, until: Date.parse(input.period.until) }, inPlace);
}
function modelContext(input) {
  const since = input.period.since === null ? -Infinity : Date.parse(input.period.since);
  const until = Date.parse(input.period.until);
  const people = createPeople(input.pseudonymize, input.pseudonymize ? knownNames(input.events) : /* @__PURE__ */ new Map());
  const pit = createPointInTime(input);
  const untilIndex = pit.indexAt(until);
  const untilCommit = input.commits[untilIndex]?.sha ?? null;
  const live = (kind) => untilCommit === null ? [] : [...input.definitionsAt(kind, untilCommit)].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const liveActions = live("action");
  const eventsToUntil = input.events.filter((e) => {
    const i = pit.indexOf(e.commit);
    return i >= 0 && i <= untilIndex;
  });
  const inPeriod = (iso2) => {
    const at = Date.parse(iso2);
    return at >= since && at <= until;
  };
  const events = eventsToUntil.filter((e) => inPeriod(e.created_at));
  const secrets = secretParameterNames(eventsToUntil, liveActions);
  const sinceMonth = input.period.since?.slice(0, 7) ?? "";
  const rollups = input.rollups.filter((r) => r.month >= sinceMonth && r.month <= input.period.until.slice(0, 7)).sort(
    (a, b) => a.action_id !== b.action_id ? a.action_id < b.action_id ? -1 : 1 : a.month < b.month ? -1 : 1
  ).map((r) => ({ ...r, users: r.users.map((u) => people.person(input.resolveUser(u))).sort() }));
  const purged = /* @__PURE__ */ new Map();
  for (const r of rollups) {
    const n2 = Object.values(r.counts).reduce((s, c) => s + (c ?? 0), 0);
    purged.set(r.action_id, (purged.get(r.action_id) ?? 0) + n2);
  }
  const knownActions = new Set(
    eventsToUntil.filter((e) => e.auditable_type === "Action").map((e) => e.auditable_id)
  );
  return {
    since,
    until,
    people,
    pit,
    untilIndex,
    liveActions,
    liveRunbooks: live("runbook"),
    liveRoles: live("role").map((d) => d.value),
    eventsToUntil,
    events,
    inPeriod,
    secrets,
    globalSecrets: new Set([...secrets.values()].flatMap((s) => [...s])),
    eventsById: groupBy(
      eventsToUntil,
      (e) => e.auditable_type === "Action" ? `action:${e.auditable_id}` : e.auditable_type === "Role" ? `role:${e.auditable_id}` : `runbook:${e.auditable_id.split("/")[0] ?? e.auditable_id}`
    ),
    actionEvents: groupBy(
      events.filter((e) => e.auditable_type === "Action"),
      (e) => e.auditable_id
    ),
    runbookEvents: groupBy(
      events.filter((e) => e.auditable_type === "Runbook" || e.auditable_type === "Runbook::Step"),
      (e) => e.auditable_id.split("/")[0] ?? e.auditable_id
    ),
    knownActions,
    rollups,
    purged,
    runContext: {
      pit,
      people,
      knownActions,
      streak: input.config.reports.failing_streak,
      requireServer: input.config.executions?.require_server === true
    }
  };
}
function findContextFindings(input, ctx, lastRunBefore, collector) {
  findDefinitionFindings({
    actions: ctx.liveActions,
    runbooks: ctx.liveRunbooks,
    events: ctx.eventsToUntil,
    invalid: input.invalid.filter(
      (e) => ctx.inPeriod(e.created_at) && ctx.pit.indexOf(e.commit) <= ctx.untilIndex
    ),
    lastRunBefore,
    until: ctx.until,
    staleDays: input.config.reports.stale_days,
    people: ctx.people,
    collector
  });
  findHistoryFindings(input.rewrites ?? [], { since: ctx.since, until: ctx.until }, ctx.people, collector);
}
function chartWeeks(ctx, firstStarted) {
  const weeks = firstStarted === null ? [] : weeksBetween(Math.max(ctx.since, firstStarted), ctx.until);
  return weeks.length > MAX_WEEKS ? weeks.slice(-MAX_WEEKS) : weeks;
}
function actionSection(input, ctx, id, rows, weeks) {
  const state = definitionState("action", id, ctx.liveActions, ctx.eventsById.get(`action:${id}`) ?? []);
  const definition = state ? summarizeDefinition(state, ctx.people) : null;
  const definedTargets = state && !state.deleted ? state.value.targets ?? [] : [];
  const build = (about) => buildActionReport({
    id,
    definition,
    definedTargets,
    events: ctx.actionEvents.get(id) ?? [],
    rows,
    weeks,
    secretNames: ctx.secrets.get(id) ?? /* @__PURE__ */ new Set(),
    people: ctx.people,
    outcomeWindow: input.config.reports.outcome_window,
    purged: ctx.purged.get(id) ?? 0,
    findings: about,
    parametersOf: input.parametersOf ?? (() => null)
  });
  return { definition, definedTargets, build };
}
function runbookSection(input, ctx, id, rows, runbookRuns, findings) {
  const state = definitionState("runbook", id, ctx.liveRunbooks, ctx.eventsById.get(`runbook:${id}`) ?? []);
  return buildRunbookReport({
    id,
    definition: state ? summarizeDefinition(state, ctx.people) : null,
    events: ctx.runbookEvents.get(id) ?? [],
    rows,
    runbookRuns,
    recordOf: input.recordOf ?? (() => null),
    resolveUser: input.resolveUser,
    secretNames: ctx.globalSecrets,
    people: ctx.people,
    findings,
    parametersOf: input.parametersOf ?? (() => null)
  });
}
function buildReportModel(input, collected = collectReportRuns(input)) {
  const ctx = modelContext(input);
  const { pit, people } = ctx;
  const { rows, lastRunBefore } = collected;
  const pointAt = pit.sweep();
  for (const row of rows) row.point = pointAt(row.started);
  const actionRows = rows.filter(isActionRun);
  const runbookRunRows = rows.filter((r) => r.kind === "runbook_run" && !isUnranFiring(r));
  const collector = new FindingCollector();
  findChangeFindings(ctx.events, pit, people, collector);
  findApprovalFindings(ctx.eventsToUntil, ctx.events, pit, people, collector);
  const rowsByAction = groupBy(actionRows, (r) => r.action);
  findRunFindings(rowsByAction, { ...ctx.runContext, collector });
  findFiringFindings(rows, { people, collector });
  findContextFindings(input, ctx, lastRunBefore, collector);
  const weeks = chartWeeks(ctx, rows[0]?.started ?? null);
  const actionIds = sortedUnion(
    ctx.liveActions.map((d) => d.id),
    ctx.actionEvents.keys(),
    rowsByAction.keys()
  );
  const actions = actionIds.map(
    (id) => actionSection(input, ctx, id, rowsByAction.get(id) ?? [], weeks).build(collector.about("action", id))
  );
  const runbookRows = groupBy(
    actionRows.filter((r) => r.runbook !== null),
    (r) => r.runbook?.id ?? ""
  );
  const runbookRunsOf = groupBy(runbookRunRows, (r) => r.action);
  const runbooks = sortedUnion(
    ctx.liveRunbooks.map((d) => d.id),
    ctx.runbookEvents.keys(),
    runbookRows.keys(),
    runbookRunsOf.keys()
  ).map(
    (id) => runbookSection(
      input,
      ctx,
      id,
      runbookRows.get(id) ?? [],
      runbookRunsOf.get(id) ?? [],
      collector.about("runbook", id)
    )
  );
  const totals = new RateAccumulator();
  const weekly = new WeeklyAccumulator();
  for (const r of actionRows) {
    totals.add(r.status, r.duration);
    weekly.add(r.started, r.status);
  }
  const schedules = new ScheduleTallies();
  for (const r of rows) schedules.add(r.kind, r.action, r.trigger, r.status, r.started, r.planned, r.missed);
  return assembleModel(input, ctx, {
    weeks,
    actions,
    runbooks,
    totals,
    weekly: weekly.over(weeks),
    activity: buildActivity({
      rows: actionRows,
      events: ctx.events,
      pit,
      people,
      currentRoles: ctx.liveRoles
    }),
    coverage: buildCoverage(
      actionRows,
      ctx.liveActions.map((d) => d.value),
      ctx.liveRunbooks.map((d) => d.value)
    ),
    runs: actionRows.length,
    runbookRuns: runbookRunRows.length,
    collector,
    schedules
  });
}
function assembleModel(input, ctx, pieces) {
  const { actions, activity, coverage } = pieces;
  const usageWeeks = pieces.weeks.slice(-USAGE_WEEKS);
  const model = {
    generated_at: new Date(Date.parse(input.now)).toISOString(),
    period: { since: input.period.since, until: input.period.until },
    repo: input.repo,
    definitions_as_of: lastDefinitionChange(
      ctx.eventsToUntil,
      input.invalid,
      ctx.pit,
      ctx.untilIndex,
      input.commits
    ),
    pseudonymized: input.pseudonymize !== null,
    journal: {
      head: input.head,
      verify: null
    },
    counts: {
      actions: ctx.liveActions.length,
      runbooks: ctx.liveRunbooks.length,
      roles: ctx.liveRoles.length,
      events: ctx.events.length,
      invalid: input.invalid.filter((e) => ctx.inPeriod(e.created_at)).length,
      runs: pieces.runs,
      runbook_runs: pieces.runbookRuns,
      purged_runs: [...ctx.purged.values()].reduce((s, n2) => s + n2, 0),
      users: activity.users.length,
      targets: coverage.targets.length
    },
    totals: pieces.totals.summary(),
    weekly: pieces.weekly,
    actions,
    runbooks: pieces.runbooks,
    usage: {
      weeks: usageWeeks,
      rows: actions.map((a) => {
        const byWeek = new Map(a.weekly.map((w) => [w.week, w.succeeded + w.failed + w.other]));
        return { action: a.id, counts: usageWeeks.map((w) => byWeek.get(w) ?? 0), total: a.runs.runs };
      }).filter((r) => r.total > 0)
    },
    rollups: ctx.rollups,
    users: activity.users,
    roles: activity.roles,
    coverage,
    findings: pieces.collector.groups(),
    schedules: pieces.schedules.adherence({
      actions: ctx.liveActions.map((d) => d.value),
      runbooks: ctx.liveRunbooks.map((d) => d.value)
    })
  };
  return attachVerification(model, input.verify, input.rollups, input.now);
}
function attachVerification(model, verify, rollups, now) {
  if (!verify) return model;
  const collector = new FindingCollector();
  findJournalFindings(verify, rollups, collector, now);
  return {
    ...model,
    journal: {
      ...model.journal,
      verify: {
        ok: verify.ok,
        records: verify.records,
        problems: verify.problems.length,
        gaps: verify.gaps.length
      }
    },
    findings: [...model.findings, ...collector.groups()].sort(compareGroups)
  };
}
function sumWeekly(weeks, actions) {
  const sum = weeks.map((week) => ({ week, succeeded: 0, failed: 0, other: 0 }));
  for (const a of actions) {
    for (const [i, w] of a.weekly.entries()) {
      const s = sum[i];
      s.succeeded += w.succeeded;
      s.failed += w.failed;
      s.other += w.other;
    }
  }
  return sum;
}
function knownNames(events) {
  const names = /* @__PURE__ */ new Map();
  for (const e of events) {
    for (const u of [e.user, e.committer, ...e.authors ?? []]) if (u?.name) names.set(u.name, u.email);
  }
  return names;
}
function groupBy(items, key) {
  const map = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    let list = map.get(k);
    if (!list) map.set(k, list = []);
    list.push(item);
  }
  return map;
}
function sortedUnion(...lists) {
  const all = /* @__PURE__ */ new Set();
  for (const list of lists) for (const id of list) all.add(id);
  return [...all].sort();
}

// src/reports/branch-digest.ts
import { createHash as createHash2 } from "node:crypto";
function digestBranch(input, ctx, at, kept2, judged) {
  const { pit } = ctx;
  const through = ctx.untilIndex + 1;
  const since = String(ctx.since);
  const records = /* @__PURE__ */ new Map();
  let ordered = true;
  let latestPlace = -1;
  for (const e of input.events) {
    const place = pit.indexOf(e.commit);
    if (place < 0) continue;
    if (place < latestPlace) ordered = false;
    latestPlace = Math.max(latestPlace, place);
    const key = recordOf(e);
    let r = records.get(key);
    if (!r) records.set(key, r = { events: [], places: [], last: -1 });
    r.events.push(e);
    r.places.push(place);
    r.last = Math.max(r.last, place);
  }
  const commits = new Chunked(createHash2("sha256"));
  let commitsAt = null;
  for (let i = 0; i < through; i++) {
    if (i === at) commitsAt = commits.copyDigest();
    const c = input.commits[i];
    commits.add(`C${c.sha} ${c.created_at}
`);
  }
  const commitsThrough = commits.digest();
  if (at === through) commitsAt = commitsThrough;
  const invalid = input.invalid.map((entry) => [pit.indexOf(entry.commit), entry]).filter(([place]) => place >= 0 && place < through).sort((a, b) => a[0] - b[0]);
  const invalidBefore = (bound2) => invalid.filter(([place]) => place < bound2);
  let hashed2 = 0;
  const hashRecord2 = (r, bound2) => {
    hashed2 += 1;
    const hash = new Chunked(createHash2("sha256"));
    let latest = -Infinity;
    for (let k = 0; k < r.events.length; k++) {
      const place = r.places[k];
      if (place >= bound2) continue;
      const e = r.events[k];
      latest = Math.max(latest, Date.parse(e.created_at));
      const seen = e.auditable_type === "Role" ? e : judged(e);
      hash.add(`${ctx.inPeriod(e.created_at) ? "E" : "e"}${place} ${JSON.stringify(seen)}
`);
    }
    return { digest: hash.digest(), latest };
  };
  const identities = ordered ? input.eventRecords ?? null : null;
  const keptEntries = isRecordDigests(kept2) && at !== null && kept2.since === since && kept2.commits === commitsAt ? kept2.entries : null;
  const atPrefix = [];
  const atWhole = [];
  const entries = {};
  for (const key of [...records.keys()].sort()) {
    const r = records.get(key);
    const identity = identities?.get(key);
    const old = keptEntries && identity !== void 0 && Object.hasOwn(keptEntries, key) ? keptEntries[key] : void 0;
    const held = Array.isArray(old) && old[0] === identity && typeof old[1] === "string" && old[3] <= ctx.until ? old : void 0;
    let prefix = null;
    if (at !== null && r.places.some((p) => p < at))
      prefix = held ? { digest: held[1], latest: held[3] } : hashRecord2(r, at);
    if (prefix) atPrefix.push([key, prefix.digest]);
    if (!r.places.some((p) => p < through)) continue;
    const whole2 = prefix !== null && at !== null && (at === through || r.last < at) ? prefix : hashRecord2(r, through);
    atWhole.push([key, whole2.digest]);
    if (identity !== void 0 && whole2.latest <= ctx.until)
      entries[key] = [identity, whole2.digest, r.last, whole2.latest];
  }
  const digestOf2 = (commitsDigest, bound2, byRecord) => createHash2("sha256").update(JSON.stringify(["branch", commitsDigest, invalidBefore(bound2), byRecord])).digest("hex");
  const whole = digestOf2(commitsThrough, through, atWhole);
  if (!ordered) return { prefix: null, whole: `unordered ${whole}`, records: null, hashed: hashed2 };
  return {
    prefix: at === null || commitsAt === null ? null : digestOf2(commitsAt, at, atPrefix),
    whole,
    records: identities ? { since, commits: commitsThrough, entries } : null,
    hashed: hashed2
  };
}
function isRecordDigests(kept2) {
  const r = kept2;
  return typeof r === "object" && r !== null && typeof r.since === "string" && typeof r.commits === "string" && typeof r.entries === "object" && r.entries !== null;
}
function recordOf(e) {
  return fileKeyOf(e.auditable_type, e.auditable_id).join(":");
}
var Chunked = class {
  constructor(hash) {
    this.hash = hash;
  }
  hash;
  pending = [];
  size = 0;
  add(text) {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 65536) this.flush();
  }
  copyDigest() {
    this.flush();
    return this.hash.copy().digest("hex");
  }
  digest() {
    this.flush();
    return this.hash.digest("hex");
  }
  flush() {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }
};

// src/reports/model-parts.ts
import { createHash as createHash3 } from "node:crypto";
var ModelParts = class {
  constructor(previous = /* @__PURE__ */ new Map(), previousHistory = null, previousEvents = null) {
    this.previous = previous;
    this.previousHistory = previousHistory;
    this.previousEvents = previousEvents;
  }
  previous;
  previousHistory;
  previousEvents;
  used = /* @__PURE__ */ new Map();
  hits = 0;
  misses = 0;
  /** The change findings this report used (kept or built), under their key; whether they were kept. */
  history = null;
  historyKept = false;
  /** What the history part adds to the kept one it was continued from (useHistory). */
  historyDelta = null;
  /** The digests of definitions' events this report took or had kept, each under the source it holds for. */
  events = null;
  /** Whether a digest was taken this time (the list is then written again with it). */
  eventsTaken = false;
  /**
   * The digest (partKey) of `events()`, the events a part's key covers under the name `name`: the last report's when
   * it kept one for the same `source` (what fixes those events: the history index's identity and the period's end, or
   * one definition's record and which of its events are listed), else taken now. A null source keeps none.
   */
  eventsDigest(source, name, events) {
    if (source === null) return partKey(events());
    const kept2 = this.previousEvents?.digests[name];
    let digest;
    if (kept2 && kept2[0] === source) digest = kept2[1];
    else {
      digest = partKey(events());
      this.eventsTaken = true;
    }
    (this.events ??= { digests: {} }).digests[name] = [source, digest];
    return digest;
  }
  /** What the next report may take the events' digests from (written with the list of parts). */
  usedEvents() {
    return this.events;
  }
  /**
   * Per finding kind, the time the report showed findings of that kind from: the parts written for the next report
   * keep none older (trimCollected). Set by the model builder.
   */
  shownSince = /* @__PURE__ */ new Map();
  /** How many parts of the last report are at hand (0: every part is built). */
  keptCount() {
    return this.previous.size;
  }
  /** Told when the kept parts are forgotten (every part is then built: generate-report.ts bounds the heap). */
  onForget = () => void 0;
  /** Forget the parts the last report kept (they cannot give this report's model): every part is built again. */
  forgetKept() {
    this.onForget();
    this.previous = /* @__PURE__ */ new Map();
    this.byRuns = null;
    this.borrowed.clear();
    this.previousHistory = null;
    this.used.clear();
    this.built.clear();
    this.history = null;
    this.historyKept = false;
    this.historyDelta = null;
    this.hits = this.misses = this.runbookHits = this.runbookMisses = 0;
  }
  /** The findings about changes (authors, approvals) and their tally the last report kept, if any. */
  keptHistory() {
    return this.previousHistory;
  }
  /**
   * The history part of this report: the kept one as it was (`kept`), or one built (or continued) from it; `delta`:
   * what it adds to the kept one when continued (judge-changes.ts).
   */
  useHistory(part, kept2, delta = null) {
    this.history = part;
    this.historyKept = kept2;
    this.historyDelta = delta;
  }
  usedHistory() {
    return this.history;
  }
  /** What the history part adds to the kept one it was continued from (null: not continued). */
  usedHistoryDelta() {
    return this.historyDelta;
  }
  /**
   * The kept action part whose runs gave what `runs` names (ActionPart.runs), if any: its findings and overview hold
   * for a part built again with the same. Its file stays until the next report that writes the parts (`borrowed`):
   * its findings' texts are read from it while this report renders.
   */
  keptRuns(runs) {
    if (!this.byRuns) {
      this.byRuns = /* @__PURE__ */ new Map();
      for (const [key, part] of this.previous)
        if ("report" in part && typeof part.runs === "string") this.byRuns.set(part.runs, [key, part]);
    }
    const hit = this.byRuns.get(runs);
    if (hit) this.borrowed.add(hit[0]);
    return hit?.[1];
  }
  byRuns = null;
  /**
   * The kept parts whose runs' findings a part built this time carries over (keptRuns): one per such part, as a kept
   * part's runs are one action's.
   */
  borrowed = /* @__PURE__ */ new Set();
  /** Runbook sections kept and built (`hits` and `misses` count the actions'). */
  runbookHits = 0;
  runbookMisses = 0;
  get(key) {
    const part = this.take(key);
    if (part && "report" in part) {
      this.hits += 1;
      return part;
    }
    return void 0;
  }
  getRunbook(key) {
    const part = this.take(key);
    if (part && "runbook" in part) {
      this.runbookHits += 1;
      return part;
    }
    return void 0;
  }
  take(key) {
    const part = this.used.get(key) ?? this.previous.get(key);
    if (part) this.used.set(key, part);
    return part;
  }
  set(key, part) {
    if ("runbook" in part) this.runbookMisses += 1;
    else this.misses += 1;
    this.used.set(key, part);
    this.built.add(key);
  }
  /** Whether the part under `key` was built by this report (not read back). */
  isNew(key) {
    return this.built.has(key);
  }
  built = /* @__PURE__ */ new Set();
  /** Whether writing back would change the file: a part built, or one of the last report's no longer used. */
  changed() {
    return this.misses > 0 || this.runbookMisses > 0 || this.used.size !== this.previous.size || this.history?.key !== this.previousHistory?.key || this.history !== null && !this.historyKept || this.eventsTaken;
  }
  entries() {
    return [...this.used].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  }
};
function partKey(inputs) {
  return createHash3("sha256").update(JSON.stringify(inputs)).digest("hex");
}

// src/reports/judge-changes.ts
function judgeChanges(input, ctx, kept2) {
  const { pit } = ctx;
  const through = ctx.untilIndex + 1;
  const context = partKey([
    "history",
    ctx.people.person("someone@opsledger.invalid"),
    // Names only matter when pseudonymizing (they are scrubbed from commit messages).
    input.pseudonymize ? [...knownNames(input.events)].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0) : null
  ]);
  const usable = kept2 !== null && kept2.context === context && kept2.through <= through ? kept2 : null;
  const source = input.historyIdentity ? partKey(["history-source", input.historyIdentity, ctx.since, ctx.until, through]) : null;
  if (usable && source !== null && usable.source === source && usable.through === through)
    return { part: usable, kept: true, judgedFrom: through, delta: null };
  const digests2 = digestBranch(input, ctx, usable?.through ?? null, usable?.records ?? null, judgedEvent);
  const base = usable && digests2.prefix === usable.digest ? usable : null;
  if (base && base.through === through) {
    if (base.source === source) return { part: base, kept: true, judgedFrom: through, delta: null };
    return { part: { ...base, source }, kept: false, judgedFrom: through, delta: null };
  }
  const start = base ? firstAtOrAfter(ctx.events, base.through, pit.indexOf) : 0;
  const judged = ctx.events.slice(start).map(judgedEvent);
  const fresh = new FindingCollector();
  findChangeFindings(judged, pit, ctx.people, fresh);
  findApprovalFindings(ctx.eventsToUntil, judged, pit, ctx.people, fresh);
  const added = fresh.collected();
  const own = new FindingCollector();
  if (base) own.merge(base.findings);
  own.merge(added);
  const tally = tallyChangeActivity(judged, pit);
  const activity = base ? mergeTallies(base.activity, tally) : tally;
  const digest = digests2.whole;
  return {
    part: {
      key: partKey(["history", context, through, digest]),
      context,
      through,
      digest,
      source,
      records: digests2.records,
      findings: own.collected(),
      activity
    },
    kept: false,
    // The first commit judged (0: every one).
    judgedFrom: base?.through ?? 0,
    delta: base ? { base, findings: added, activity: tally } : null
  };
}
function judgedEvent(e) {
  const changes = {};
  for (const k of JUDGED_CHANGES) if (Object.hasOwn(e.audited_changes, k)) changes[k] = e.audited_changes[k];
  return {
    auditable_type: e.auditable_type,
    auditable_id: e.auditable_id,
    action: e.action,
    version: e.version,
    audited_changes: changes,
    user: e.user,
    authors: e.authors,
    committer: e.committer,
    commit: e.commit,
    created_at: e.created_at,
    message: e.message,
    pull_request: e.pull_request,
    approvals: e.approvals
  };
}
var JUDGED_CHANGES = ["status", "/status", "tags", "/tags"];
function firstAtOrAfter(events, at, indexOf) {
  let i = 0;
  while (i < events.length && indexOf(events[i].commit) < at) i++;
  return i;
}

// src/reports/events-source.ts
function eventsSource(record, listed, fallback) {
  if (record === void 0) return fallback;
  const ids = listed.map((e) => `${e.auditable_type} ${e.auditable_id} ${e.version} ${e.action} ${e.commit}`);
  return partKey(["definition-events", record, ids]);
}

// src/reports/run-block.ts
var NUMBER_COLUMNS = 7;
var REF_COLUMNS = 11;
var FLAG_COLUMNS = 2;
var Num = {
  Seq: 0,
  Started: 1,
  Duration: 2,
  Version: 3,
  Planned: 4,
  Missed: 5,
  Attempt: 6
};
var Ref = {
  Action: 0,
  Status: 1,
  User: 2,
  Trigger: 3,
  Targets: 4,
  Commit: 5,
  DefinitionStatus: 6,
  RunbookId: 7,
  RunbookStep: 8,
  RunbookRun: 9,
  Kind: 10
};
var RunBlock = class _RunBlock {
  constructor(count, columns, idEncoding, strings, targetLists) {
    this.count = count;
    this.idEncoding = idEncoding;
    this.strings = strings;
    this.targetLists = targetLists;
    const inMemory = "numbers" in columns;
    this.cols = inMemory ? columns : null;
    this.source = inMemory ? null : columns;
  }
  count;
  idEncoding;
  strings;
  targetLists;
  cols;
  source;
  /** Every column in memory (read from the file first if they are not). */
  loaded() {
    if (this.cols) return this.cols;
    this.cols = this.source.load();
    this.source = null;
    return this.cols;
  }
  /** Let go of the file the columns are read from, if any (the columns already read stay). */
  close() {
    this.source?.close();
  }
  /** The raw columns (hot loops: run-owners.ts): `numbers[c * count + i]`, `refs[c * count + i]`. */
  columns() {
    const { numbers, refs } = this.loaded();
    return { numbers, refs };
  }
  seq(i) {
    return this.loaded().numbers[Num.Seq * this.count + i];
  }
  started(i) {
    return this.loaded().numbers[Num.Started * this.count + i];
  }
  /** How many rows started at or before `ms` (rows are in start order: a binary search). */
  startedBy(ms) {
    if (this.source) return this.source.startedBy(ms);
    const { numbers } = this.loaded();
    let lo = 0;
    let hi = this.count;
    const base = Num.Started * this.count;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (numbers[base + mid] <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  planned(i) {
    return nullable(this.loaded().numbers[Num.Planned * this.count + i]);
  }
  missed(i) {
    return nullable(this.loaded().numbers[Num.Missed * this.count + i]);
  }
  /** The reference (index into `strings`) of a string field: action, status, user, trigger, commit, runbook id or run. */
  ref(field, i) {
    return this.loaded().refs[REF_OF[field] * this.count + i];
  }
  /** The rows whose `field` refers to one of the strings `test` accepts, ascending. */
  rowsWith(field, test) {
    const flagged = flagStrings(this.strings, test);
    if (!flagged.includes(1)) return [];
    const column2 = REF_OF[field];
    if (this.source) return this.source.rowsWith(column2, flagged);
    const { refs } = this.loaded();
    const rows = [];
    for (let i = 0, at = column2 * this.count; i < this.count; i++) {
      const r = refs[at + i];
      if (r !== -1 && flagged[r] === 1) rows.push(i);
    }
    return rows;
  }
  str(ref) {
    return ref === -1 ? null : this.strings[ref];
  }
  id(i) {
    const { idBytes, idOffsets } = this.loaded();
    return idBytes.toString(this.idEncoding, idOffsets[i], idOffsets[i + 1]);
  }
  /** The rows whose id is one of `ids` (compared as stored bytes: no id decoded but the candidates'). */
  find(ids) {
    const wanted = /* @__PURE__ */ new Map();
    for (const id of ids) {
      const bytes = Buffer.from(id, this.idEncoding);
      let byLength = wanted.get(bytes.length);
      if (!byLength) wanted.set(bytes.length, byLength = /* @__PURE__ */ new Map());
      byLength.set(id, bytes);
    }
    const found = /* @__PURE__ */ new Map();
    if (wanted.size === 0) return found;
    if (this.source) return this.source.find(wanted);
    const { idOffsets, idBytes } = this.loaded();
    for (let i = 0; i < this.count; i++) {
      const start = idOffsets[i];
      const byLength = wanted.get(idOffsets[i + 1] - start);
      if (!byLength) continue;
      for (const [id, bytes] of byLength)
        if (idBytes.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0) found.set(id, i);
    }
    return found;
  }
  /**
   * Rows `rows` as objects, in that order: from the columns in memory, or read from the file (those rows alone, a
   * chunk at a time: a report that builds one action's part reads its 3,000 rows, not the 60 MB of all 500,000).
   */
  runs(rows) {
    if (!this.source) return rows.map((i) => this.run(i));
    const wanted = [...new Set(rows)].sort((a, b) => a - b);
    const part = new _RunBlock(
      wanted.length,
      this.source.gather(wanted),
      this.idEncoding,
      this.strings,
      this.targetLists
    );
    const at = new Map(wanted.map((row, k) => [row, k]));
    return rows.map((i) => part.run(at.get(i)));
  }
  /** Row `i` as the object foldRuns makes (`point` -1: the model sets it). */
  run(i) {
    const n2 = this.count;
    const { numbers, refs, flags } = this.loaded();
    const strings = this.strings;
    const runbook = refs[Ref.RunbookId * n2 + i];
    const commit = refs[Ref.Commit * n2 + i];
    const definitionStatus = refs[Ref.DefinitionStatus * n2 + i];
    const kind = refs[Ref.Kind * n2 + i];
    let step = null;
    let run = null;
    if (runbook !== -1) {
      const s = refs[Ref.RunbookStep * n2 + i];
      const r = refs[Ref.RunbookRun * n2 + i];
      step = s === -1 ? "" : strings[s];
      run = r === -1 ? "" : strings[r];
    }
    return {
      id: this.id(i),
      seq: numbers[i],
      action: strings[refs[Ref.Action * n2 + i]],
      started: numbers[Num.Started * n2 + i],
      duration: nullable(numbers[Num.Duration * n2 + i]),
      status: strings[refs[Ref.Status * n2 + i]],
      user: strings[refs[Ref.User * n2 + i]],
      trigger: strings[refs[Ref.Trigger * n2 + i]],
      targets: this.targetLists[refs[Ref.Targets * n2 + i]],
      version: nullable(numbers[Num.Version * n2 + i]),
      commit: commit === -1 ? null : strings[commit],
      definitionStatus: definitionStatus === -1 ? null : strings[definitionStatus],
      dirty: flags[i] === 1,
      runbook: runbook === -1 ? null : { id: strings[runbook], step, run },
      local: flags[n2 + i] === 1,
      kind: kind !== -1 && strings[kind] === "runbook_run" ? "runbook_run" : null,
      planned: nullable(numbers[Num.Planned * n2 + i]),
      missed: nullable(numbers[Num.Missed * n2 + i]),
      attempt: nullable(numbers[Num.Attempt * n2 + i]),
      point: -1
    };
  }
};
var REF_OF = {
  action: Ref.Action,
  status: Ref.Status,
  user: Ref.User,
  trigger: Ref.Trigger,
  commit: Ref.Commit,
  runbook: Ref.RunbookId,
  run: Ref.RunbookRun,
  kind: Ref.Kind
};
function flagStrings(strings, test) {
  const flags = new Uint8Array(strings.length);
  for (let i = 0; i < strings.length; i++) if (test(strings[i])) flags[i] = 1;
  return flags;
}
function nullable(v) {
  return Number.isNaN(v) ? null : v;
}

// src/reports/run-owners.ts
function summarizeView(view, period, kept2 = null) {
  const summary = {
    owners: /* @__PURE__ */ new Map(),
    lastRunBefore: /* @__PURE__ */ new Map(),
    firstStarted: null,
    actionRuns: 0,
    runbookRuns: 0,
    schedules: new ScheduleTallies(),
    firings: [],
    refsOf: (o) => o.extraRefs
  };
  const ownerOf = (key) => {
    let o = summary.owners.get(key);
    if (!o)
      summary.owners.set(
        key,
        o = {
          size: 0,
          extraRefs: [],
          number: -1,
          counted: 0,
          sumA: 0,
          sumB: 0,
          xor: 0,
          maxStarted: -Infinity,
          users: /* @__PURE__ */ new Set(),
          blockCommits: [],
          commits: /* @__PURE__ */ new Set()
        }
      );
    return o;
  };
  const hashOf = stringHash();
  const { block } = view;
  if (block && kept2 && kept2.rowOwner.length === block.count && !view.hasDeadRows())
    restoreBlock(kept2, block.strings, summary);
  else if (block) {
    const rows = walkBlock(view, block, period, summary, ownerOf);
    if (!view.hasDeadRows()) summary.block = captureBlock(summary, rows);
  }
  view.extra.forEach((r, k) => {
    const ref = -1 - k;
    if (r.started > period.until) return;
    const unran = r.status === "missed" || r.status === "skipped";
    if (r.kind === null && !unran && r.status !== "denied") noteLastRun(summary, r.action, r.started);
    if (r.started < period.since) return;
    if (summary.firstStarted === null || r.started < summary.firstStarted) summary.firstStarted = r.started;
    summary.schedules.add(r.kind, r.action, r.trigger, r.status, r.started, r.planned, r.missed);
    if (r.status === "missed" || r.kind === "runbook_run" && r.status === "abandoned")
      summary.firings.push(ref);
    const h = runHash(r.seq, r.runbook === null ? -1 : hashOf(r.runbook.id), r.planned);
    const count = (o) => {
      countRun(o, !unran, h, r.started);
      o.extraRefs.push(ref);
      o.users.add(r.user);
      if (r.commit !== null) o.commits.add(r.commit);
    };
    if (r.kind === "runbook_run") {
      if (!unran) summary.runbookRuns += 1;
      count(ownerOf(`runbook:${r.action}`));
      return;
    }
    if (!unran) summary.actionRuns += 1;
    count(ownerOf(`action:${r.action}`));
    if (r.runbook !== null && !unran) count(ownerOf(`runbook:${r.runbook.id}`));
  });
  return summary;
}
function walkBlock(view, block, period, summary, ownerOf) {
  const { strings, count: n2 } = block;
  const { numbers, refs } = block.columns();
  const refCount = strings.length;
  const flagOf = (test) => flagStrings(strings, test);
  const unranRef = flagOf((s) => s === "missed" || s === "skipped");
  const deniedRef = flagOf((s) => s === "denied");
  const missedRef = flagOf((s) => s === "missed");
  const abandonedRef = flagOf((s) => s === "abandoned");
  const runbookRunRef = flagOf((s) => s === "runbook_run");
  const scheduleRef = flagOf((s) => s === "schedule");
  const hashOfRef = new Int32Array(refCount);
  for (let i = 0; i < refCount; i++) hashOfRef[i] = fnv(strings[i]);
  const lastRun = new Float64Array(refCount).fill(-Infinity);
  const tallies = new Array(2 * refCount);
  const owners = [];
  const actionNumbers = new Int32Array(refCount).fill(-1);
  const runbookNumbers = new Int32Array(refCount).fill(-1);
  const numbered = (list, ref, key) => {
    let k = list[ref];
    if (k === -1) {
      const o = ownerOf(key);
      list[ref] = k = o.number = owners.push(o) - 1;
    }
    return k;
  };
  const rowOwner = new Int32Array(n2).fill(-1);
  const rowRunbook = new Int32Array(n2).fill(-1);
  summary.refsOf = refsIn(rowOwner, rowRunbook);
  const seenUsers = /* @__PURE__ */ new Set();
  const seenCommits = /* @__PURE__ */ new Set();
  const lastUser = [];
  const lastCommit = [];
  const noteUser = (k, ref) => {
    if (lastUser[k] === ref) return;
    lastUser[k] = ref;
    seenUsers.add(k * refCount + ref);
  };
  const noteCommit = (k, ref) => {
    if (lastCommit[k] === ref) return;
    lastCommit[k] = ref;
    seenCommits.add(k * refCount + ref);
  };
  const SEQ = Num.Seq * n2;
  const STARTED = Num.Started * n2;
  const PLANNED = Num.Planned * n2;
  const MISSED = Num.Missed * n2;
  const ACTION = Ref.Action * n2;
  const STATUS = Ref.Status * n2;
  const USER = Ref.User * n2;
  const TRIGGER = Ref.Trigger * n2;
  const COMMIT = Ref.Commit * n2;
  const RUNBOOK = Ref.RunbookId * n2;
  const KIND = Ref.Kind * n2;
  for (let i = 0; i < n2; i++) {
    if (!view.live(i)) continue;
    const started = numbers[STARTED + i];
    if (started > period.until) break;
    const status = refs[STATUS + i];
    const kindRef = refs[KIND + i];
    const isRunbookRun = kindRef !== -1 && runbookRunRef[kindRef] === 1;
    const unran = unranRef[status] === 1;
    const action = refs[ACTION + i];
    if (!isRunbookRun && !unran && deniedRef[status] === 0 && lastRun[action] < started)
      lastRun[action] = started;
    if (started < period.since) continue;
    if (summary.firstStarted === null || started < summary.firstStarted) summary.firstStarted = started;
    const p = numbers[PLANNED + i];
    const planned = Number.isNaN(p) ? null : p;
    if (planned !== null && scheduleRef[refs[TRIGGER + i]] === 1) {
      const t = tallies[(isRunbookRun ? refCount : 0) + action] ??= summary.schedules.tally(
        isRunbookRun ? "runbook_run" : null,
        strings[action]
      );
      const m = numbers[MISSED + i];
      summary.schedules.addTo(t, strings[status], started, planned, Number.isNaN(m) ? null : m);
    }
    if (missedRef[status] === 1 || isRunbookRun && abandonedRef[status] === 1) summary.firings.push(i);
    const runbook = refs[RUNBOOK + i];
    const h = runHash(numbers[SEQ + i], runbook === -1 ? -1 : hashOfRef[runbook], planned);
    const user = refs[USER + i];
    const commit = refs[COMMIT + i];
    let k;
    if (isRunbookRun) {
      if (!unran) summary.runbookRuns += 1;
      k = numbered(runbookNumbers, action, `runbook:${strings[action]}`);
    } else {
      if (!unran) summary.actionRuns += 1;
      k = numbered(actionNumbers, action, `action:${strings[action]}`);
      if (runbook !== -1 && !unran) {
        const r = numbered(runbookNumbers, runbook, `runbook:${strings[runbook]}`);
        countRun(owners[r], true, h, started);
        rowRunbook[i] = r;
        noteUser(r, user);
        if (commit !== -1) noteCommit(r, commit);
      }
    }
    countRun(owners[k], !unran, h, started);
    rowOwner[i] = k;
    noteUser(k, user);
    if (commit !== -1) noteCommit(k, commit);
  }
  for (let a = 0; a < refCount; a++)
    if (lastRun[a] !== -Infinity) noteLastRun(summary, strings[a], lastRun[a]);
  const userRefs = owners.map(() => []);
  const commitRefs = owners.map(() => []);
  for (const k of seenUsers) {
    const o = Math.floor(k / refCount);
    owners[o].users.add(strings[k % refCount]);
    userRefs[o].push(k % refCount);
  }
  for (const k of seenCommits) commitRefs[Math.floor(k / refCount)].push(k % refCount);
  owners.forEach((o, k) => o.blockCommits = commitRefs[k]);
  return { rowOwner, rowRunbook, userRefs, commitRefs };
}
function refsIn(rowOwner, rowRunbook) {
  return (o) => {
    const found = [];
    const n2 = rowOwner.length;
    if (o.number !== -1) {
      for (let i = 0; i < n2; i++) if (rowOwner[i] === o.number || rowRunbook[i] === o.number) found.push(i);
    }
    return [...found, ...o.extraRefs];
  };
}
function captureBlock(summary, rows) {
  return {
    owners: [...summary.owners].map(
      ([key, { extraRefs: _none, users: _u, blockCommits: _b, commits: _c, ...o }]) => [
        key,
        { ...o, users: rows.userRefs[o.number], commits: rows.commitRefs[o.number] }
      ]
    ),
    lastRunBefore: [...summary.lastRunBefore],
    firstStarted: summary.firstStarted,
    actionRuns: summary.actionRuns,
    runbookRuns: summary.runbookRuns,
    schedules: summary.schedules.entries().map(([key, t]) => [key, { ...t, late: [...t.late] }]),
    firings: [...summary.firings],
    rowOwner: rows.rowOwner,
    rowRunbook: rows.rowRunbook
  };
}
function restoreBlock(kept2, strings, summary) {
  const named = (refs) => new Set(refs.map((ref) => strings[ref]));
  for (const [key, { commits, ...o }] of kept2.owners)
    summary.owners.set(key, {
      ...o,
      extraRefs: [],
      users: named(o.users),
      blockCommits: commits,
      commits: /* @__PURE__ */ new Set()
    });
  for (const [action, started] of kept2.lastRunBefore) summary.lastRunBefore.set(action, started);
  summary.firstStarted = kept2.firstStarted;
  summary.actionRuns = kept2.actionRuns;
  summary.runbookRuns = kept2.runbookRuns;
  summary.schedules = ScheduleTallies.of(
    kept2.schedules.map(([key, t]) => [key, { ...t, late: [...t.late] }])
  );
  summary.firings = [...kept2.firings];
  summary.refsOf = refsIn(kept2.rowOwner, kept2.rowRunbook);
}
function noteLastRun(summary, action, started) {
  const last = summary.lastRunBefore.get(action);
  if (last === void 0 || last < started) summary.lastRunBefore.set(action, started);
}
function runHash(seq, runbook, planned) {
  let h = mix(2166136261, seq | 0);
  h = mix(h, Math.floor(seq / 2 ** 32));
  h = mix(h, runbook);
  h = mix(h, planned === null ? -1 : planned % 2 ** 31);
  return mix(h, planned === null ? -1 : Math.floor(planned / 2 ** 31));
}
function countRun(o, counted, h, started) {
  o.size += 1;
  if (counted) o.counted += 1;
  const b = Math.imul(h ^ h >>> 15, 1540483477);
  o.sumA = o.sumA + h | 0;
  o.sumB = o.sumB + b | 0;
  o.xor ^= h;
  if (started > o.maxStarted) o.maxStarted = started;
}
function mix(h, n2) {
  return Math.imul(h ^ n2, 16777619);
}
function stringHash() {
  const memo = /* @__PURE__ */ new Map();
  return (s) => {
    let h = memo.get(s);
    if (h === void 0) memo.set(s, h = fnv(s));
    return h;
  };
}
function fnv(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

// src/reports/summary-store.ts
import { createHash as createHash8 } from "node:crypto";
import path4 from "node:path";

// src/reports/run-cache.ts
import { createHash as createHash7 } from "node:crypto";
import { closeSync as closeSync3, fstatSync, openSync as openSync2, readSync as readSync4 } from "node:fs";
import { mkdir as mkdir2 } from "node:fs/promises";
import path3 from "node:path";

// src/executions/journal-checkpoint.ts
import { createHash as createHash5 } from "node:crypto";
import { closeSync, openSync, readSync as readSync2, readdirSync, statSync } from "node:fs";
import path2 from "node:path";

// src/executions/prefix-digest.ts
import { createHash as createHash4 } from "node:crypto";
import { readSync } from "node:fs";
var STEP = 8 * 1024 * 1024;
var MAX_STATES = 32;
var FILES = 4;
var kept = /* @__PURE__ */ new Map();
var hashed = 0;
function digestPrefix(fd, file, stat2, length) {
  const key = `${file}\0${stat2.ino}\0${stat2.size}\0${stat2.ctimeMs}`;
  let entry = kept.get(key);
  if (!entry) {
    entry = { states: [{ offset: 0, hash: createHash4("sha256") }] };
    if (kept.size >= FILES) kept.delete(kept.keys().next().value);
  } else kept.delete(key);
  kept.set(key, entry);
  const { states } = entry;
  let from = 0;
  for (let i = states.length - 1; i >= 0; i--) {
    if (states[i].offset <= length) {
      from = i;
      break;
    }
  }
  let at = states[from].offset;
  const hash = states[from].hash.copy();
  const buf = at < length ? Buffer.allocUnsafe(Math.min(STEP, length - at)) : null;
  while (buf && at < length) {
    const stop = Math.min(length, (Math.floor(at / STEP) + 1) * STEP);
    const got = readSync(fd, buf, 0, stop - at, at);
    if (got <= 0) break;
    hash.update(buf.subarray(0, got));
    at += got;
    hashed += got;
    if (at % STEP === 0 || at === length && states.length < MAX_STATES) keep(states, at, hash);
  }
  return hash.copy().digest("hex");
}
function keep(states, offset, hash) {
  let i = states.length;
  while (i > 0 && states[i - 1].offset > offset) i--;
  if (states[i - 1]?.offset === offset) return;
  states.splice(i, 0, { offset, hash: hash.copy() });
}

// src/executions/vouched-prefixes.ts
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

// src/state/atomic-write.ts
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
async function writeFileAtomic(file, data, mode = 384) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, data, { mode });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

// src/executions/vouched-prefixes.ts
var KEPT = 8;
function storePath(dataDir) {
  return path.join(dataDir, "cache", "journal-prefixes.json");
}
function readVouched(dataDir) {
  try {
    const list = JSON.parse(readFileSync(storePath(dataDir), "utf8"));
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}
var same = (v, name, stat2, offset) => v.name === name && v.ino === stat2.ino && v.size === stat2.size && v.ctimeMs === stat2.ctimeMs && v.offset === offset;
function vouchedPrefix(dataDir, name, stat2, offset) {
  const hit = readVouched(dataDir).find((v) => same(v, name, stat2, offset));
  return typeof hit?.prefix === "string" ? hit.prefix : null;
}
async function vouchPrefix(dataDir, name, stat2, offset, prefix) {
  const entry = {
    name,
    ino: stat2.ino,
    size: stat2.size,
    ctimeMs: stat2.ctimeMs,
    offset,
    prefix
  };
  const list = [entry, ...readVouched(dataDir).filter((v) => !same(v, name, stat2, offset))].slice(0, KEPT);
  const file = storePath(dataDir);
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 448 });
    await writeFileAtomic(file, JSON.stringify(list));
  } catch {
  }
}

// src/executions/journal-checkpoint.ts
async function takeCheckpoint(dataDir, head) {
  const retention = await retentionDigest(dataDir);
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  const fds = [];
  try {
    const full = names.map((name) => {
      const fd = openSync(path2.join(dir, name), "r");
      fds.push(fd);
      return statSync(path2.join(dir, name));
    });
    const stats = full.map((s, i) => ({ name: names[i], ino: s.ino, size: s.size, ctimeMs: s.ctimeMs }));
    const read = (seg, buf, pos, len) => readSync2(fds[seg], buf, 0, len, pos);
    const place = locateAfterSeq(
      stats.map((s) => s.size),
      read,
      head.seq
    );
    let end = -1;
    scanLines(fds[place.segment] ?? -1, place.offset, stats[place.segment]?.size ?? 0, (line, offset) => {
      if (end >= 0) return;
      const record = parseHead(line);
      if (record && record.seq === head.seq && record.hash === head.hash) end = offset + line.length + 1;
    });
    if (end < 0) return null;
    return {
      seq: head.seq,
      hash: head.hash,
      retention,
      segments: stats.slice(0, place.segment + 1),
      offset: end,
      prefix: digestPrefix(
        fds[place.segment],
        path2.join(dir, names[place.segment]),
        full[place.segment],
        end
      )
    };
  } catch {
    return null;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}
async function checkpointHolds(dataDir, checkpoint) {
  if (await retentionDigest(dataDir) !== checkpoint.retention) return false;
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  const last = checkpoint.segments.length - 1;
  try {
    for (const [i, seen] of checkpoint.segments.entries()) {
      if (names[i] !== seen.name) return false;
      const s = statSync(path2.join(dir, seen.name));
      if (s.ino !== seen.ino) return false;
      const same2 = s.size === seen.size && s.ctimeMs === seen.ctimeMs;
      if (i < last && !same2) return false;
      if (i === last && !same2) {
        if (s.size < checkpoint.offset) return false;
        if (vouchedPrefix(dataDir, seen.name, s, checkpoint.offset) === checkpoint.prefix) continue;
        const fd = openSync(path2.join(dir, seen.name), "r");
        try {
          const prefix = digestPrefix(fd, path2.join(dir, seen.name), s, checkpoint.offset);
          if (prefix !== checkpoint.prefix) return false;
        } finally {
          closeSync(fd);
        }
        await vouchPrefix(dataDir, seen.name, s, checkpoint.offset, checkpoint.prefix);
      }
    }
  } catch {
    return false;
  }
  return true;
}
function* linesAfter(dataDir, checkpoint) {
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  for (let i = Math.max(0, checkpoint.segments.length - 1); i < names.length; i++) {
    const fd = openSync(path2.join(dir, names[i]), "r");
    try {
      const from = i === checkpoint.segments.length - 1 ? checkpoint.offset : 0;
      for (const { line } of iterateLines(fd, from, statSync(path2.join(dir, names[i])).size)) yield line;
    } finally {
      closeSync(fd);
    }
  }
}
function listSegments(dir) {
  try {
    return sortSegments(readdirSync(dir)).map((s) => s.name);
  } catch {
    return [];
  }
}
async function retentionDigest(dataDir) {
  const state = await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention);
  return createHash5("sha256").update(JSON.stringify(state)).digest("hex");
}
function parseHead(line) {
  try {
    const v = JSON.parse(line.toString("utf8"));
    return typeof v.seq === "number" && typeof v.hash === "string" ? { seq: v.seq, hash: v.hash } : null;
  } catch {
    return null;
  }
}

// src/executions/scan-batches.ts
var BATCH = 4096;
async function* scanInBatches(journal, options = {}) {
  if (journal.scanBatches) {
    yield* journal.scanBatches(options);
    return;
  }
  let batch = [];
  for await (const r of journal.scan(options)) {
    if (batch.push(r) >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

// src/reports/block-layout.ts
var DamagedRunCache = class extends Error {
  constructor(what) {
    super(`damaged run cache: ${what}`);
    this.name = "DamagedRunCache";
  }
};
function parseBlockHead(head, bodyLength) {
  if (head.length < 4) throw new DamagedRunCache("no head");
  const jsonLength = head.readUInt32LE(0);
  if (4 + jsonLength > head.length || 4 + jsonLength > bodyLength) throw new DamagedRunCache("short head");
  let section;
  try {
    section = JSON.parse(head.toString("latin1", 4, 4 + jsonLength));
  } catch {
    throw new DamagedRunCache("head is not JSON");
  }
  const { count, strings, ids } = section;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) throw new DamagedRunCache("count");
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string"))
    throw new DamagedRunCache("strings");
  if (!Array.isArray(section.targets) || ids !== "latin1" && ids !== "utf16le")
    throw new DamagedRunCache("targets or id encoding");
  const targets = section.targets.map((list) => {
    if (!Array.isArray(list)) throw new DamagedRunCache("target list");
    return list.map((i) => {
      const s = Number.isInteger(i) ? strings[i] : void 0;
      if (s === void 0) throw new DamagedRunCache("target");
      return s;
    });
  });
  const numbersAt = pad8(4 + jsonLength);
  const refsAt = numbersAt + 8 * NUMBER_COLUMNS * count;
  const offsetsAt = refsAt + 4 * REF_COLUMNS * count;
  const flagsAt = offsetsAt + 4 * (count + 1);
  const idsAt = flagsAt + FLAG_COLUMNS * count;
  if (idsAt > bodyLength) throw new DamagedRunCache("shorter than its columns");
  return {
    count,
    strings,
    targets,
    ids,
    numbersAt,
    refsAt,
    offsetsAt,
    flagsAt,
    idsAt,
    bodyLength
  };
}
function checkColumns(count, columns, strings, targets) {
  const { refs, idOffsets } = columns;
  if (idOffsets[0] !== 0 || idOffsets[count] !== columns.idBytes.length)
    throw new DamagedRunCache("id offsets");
  for (let i = 0; i < count; i++)
    if (idOffsets[i] > idOffsets[i + 1]) throw new DamagedRunCache("id offsets");
  for (let c = 0; c < REF_COLUMNS; c++) {
    const limit = c === Ref.Targets ? targets : strings;
    for (let i = c * count, end = (c + 1) * count; i < end; i++) {
      const v = refs[i];
      if (v < -1 || v >= limit) throw new DamagedRunCache("reference out of range");
    }
  }
  for (let i = 0; i < 5 * count; i++)
    if (refs[i] === -1) throw new DamagedRunCache("null where a run has a value");
}
function pad8(n2) {
  return Math.ceil(n2 / 8) * 8;
}

// src/reports/encode-folded-runs.ts
function encodeRuns(runs) {
  const count = runs.length;
  const table = new StringTable();
  const targetIndex = /* @__PURE__ */ new Map();
  const targetsRef = (list) => {
    let i = targetIndex.get(list);
    if (i === void 0) targetIndex.set(list, i = table.addTargets(list));
    return i;
  };
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  const num2 = (v) => v === null ? NaN : v;
  const ref = (s) => s === null ? -1 : table.ref(s);
  for (let i = 0; i < count; i++) {
    const r = runs[i];
    numbers[i] = r.seq;
    numbers[count + i] = r.started;
    numbers[2 * count + i] = num2(r.duration);
    numbers[3 * count + i] = num2(r.version);
    numbers[4 * count + i] = num2(r.planned);
    numbers[5 * count + i] = num2(r.missed);
    numbers[6 * count + i] = num2(r.attempt);
    refs[i] = table.ref(r.action);
    refs[count + i] = table.ref(r.status);
    refs[2 * count + i] = table.ref(r.user);
    refs[3 * count + i] = table.ref(r.trigger);
    refs[4 * count + i] = targetsRef(r.targets);
    refs[5 * count + i] = ref(r.commit);
    refs[6 * count + i] = ref(r.definitionStatus);
    refs[7 * count + i] = ref(r.runbook?.id ?? null);
    refs[8 * count + i] = ref(r.runbook?.step ?? null);
    refs[9 * count + i] = ref(r.runbook?.run ?? null);
    refs[10 * count + i] = ref(r.kind);
    flags[i] = r.dirty ? 1 : 0;
    flags[count + i] = r.local ? 1 : 0;
  }
  return assemble(count, (i) => runs[i].id, numbers, refs, flags, table);
}
function encodeColumns(c) {
  const { count, order, rowNumbers, rowRefs, rowFlags } = c;
  const table = new StringTable();
  const stringMap = new Int32Array(c.strings.length).fill(-1);
  const ref = (old) => {
    if (old === -1) return -1;
    let i = stringMap[old];
    if (i === -1) stringMap[old] = i = table.ref(c.strings[old]);
    return i;
  };
  const targetMap = new Int32Array(c.targetLists.length).fill(-1);
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  for (let i = 0; i < count; i++) {
    const row = order[i];
    for (let k = 0; k < NUMBER_COLUMNS; k++) numbers[k * count + i] = rowNumbers[row * NUMBER_COLUMNS + k];
    const f = row * REF_COLUMNS;
    for (let k = 0; k < REF_COLUMNS; k++) {
      const old = rowRefs[f + k];
      if (k !== Ref.Targets) refs[k * count + i] = ref(old);
      else {
        let t = targetMap[old];
        if (t === -1) targetMap[old] = t = table.addTargets(c.targetLists[old]);
        refs[k * count + i] = t;
      }
    }
    flags[i] = rowFlags[row * 2];
    flags[count + i] = rowFlags[row * 2 + 1];
  }
  return assemble(count, (i) => c.ids[order[i]], numbers, refs, flags, table);
}
var StringTable = class {
  strings = [];
  targets = [];
  targetLists = [];
  index = /* @__PURE__ */ new Map();
  ref(s) {
    let i = this.index.get(s);
    if (i === void 0) this.index.set(s, i = this.strings.push(s) - 1);
    return i;
  }
  addTargets(list) {
    this.targetLists.push(list);
    return this.targets.push(list.map((s) => this.ref(s))) - 1;
  }
};
function assemble(count, idOf, numbers, refs, flags, table) {
  let wide = false;
  const offsets = new Uint32Array(count + 1);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (!wide && !isLatin1(id)) wide = true;
    offsets[i] = bytes;
    bytes += id.length;
  }
  offsets[count] = bytes;
  const encoding = wide ? "utf16le" : "latin1";
  if (wide) for (let i = 0; i <= count; i++) offsets[i] = offsets[i] * 2;
  const idBytes = Buffer.allocUnsafe(offsets[count]);
  for (let i = 0; i < count; i++) idBytes.write(idOf(i), offsets[i], encoding);
  const { strings, targets } = table;
  const json = Buffer.from(asciiJson({ count, strings, targets, ids: encoding }), "latin1");
  const head = Buffer.alloc(pad8(4 + json.length));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  const flagBytes = Buffer.from(flags.buffer, flags.byteOffset, flags.byteLength);
  return {
    pieces: [
      head,
      Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength),
      Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength),
      flagBytes,
      idBytes
    ],
    block: new RunBlock(
      count,
      { numbers, refs, idOffsets: offsets, flags: flagBytes, idBytes },
      encoding,
      strings,
      table.targetLists
    )
  };
}
function decodeBlock(body) {
  const head = parseBlockHead(body, body.length);
  const { count } = head;
  const columns = {
    numbers: column(Float64Array, body, head.numbersAt, count * NUMBER_COLUMNS),
    refs: column(Int32Array, body, head.refsAt, count * REF_COLUMNS),
    idOffsets: column(Uint32Array, body, head.offsetsAt, count + 1),
    flags: body.subarray(head.flagsAt, head.idsAt),
    idBytes: body.subarray(head.idsAt)
  };
  checkColumns(count, columns, head.strings.length, head.targets.length);
  return new RunBlock(count, columns, head.ids, head.strings, head.targets);
}
function column(Type, body, at, length) {
  const offset = body.byteOffset + at;
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(body.buffer, offset, length);
  const copy = new Type(length);
  new Uint8Array(copy.buffer).set(body.subarray(at, at + copy.byteLength));
  return copy;
}
function isLatin1(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}

// src/reports/fold-columns.ts
async function foldColumnsFrom(batches) {
  const fold = new ColumnFolder();
  let slice = performance.now();
  for await (const batch of batches) {
    for (const r of batch) fold.add(r);
    if (performance.now() - slice >= TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return fold.finish();
}
var TURN_MS = 20;
var ColumnFolder = class {
  capacity = 1 << 12;
  count = 0;
  numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
  refs = new Int32Array(this.capacity * REF_COLUMNS);
  flags = new Uint8Array(this.capacity * 2);
  ids = [];
  rowOf = /* @__PURE__ */ new Map();
  strings = [];
  stringIndex = /* @__PURE__ */ new Map();
  targetLists = [];
  targetIndex = /* @__PURE__ */ new Map();
  add(r) {
    const started = parseInstant(r.started_at);
    if (Number.isNaN(started)) return;
    let row = this.rowOf.get(r.id);
    if (row !== void 0) {
      if (this.numbers[row * NUMBER_COLUMNS + Num.Seq] >= r.seq) return;
    } else {
      if (this.count === this.capacity) this.grow();
      row = this.count++;
      this.rowOf.set(r.id, row);
      this.ids.push(r.id);
    }
    const d = r.definition;
    const n2 = row * NUMBER_COLUMNS;
    const numbers = this.numbers;
    numbers[n2 + Num.Seq] = r.seq;
    numbers[n2 + Num.Started] = started;
    numbers[n2 + Num.Duration] = r.duration_ms ?? NaN;
    numbers[n2 + Num.Version] = d.version ?? NaN;
    numbers[n2 + Num.Planned] = r.planned_at === void 0 ? NaN : parseInstant(r.planned_at);
    numbers[n2 + Num.Missed] = r.missed?.count ?? NaN;
    numbers[n2 + Num.Attempt] = r.attempt ?? NaN;
    const f = row * REF_COLUMNS;
    const refs = this.refs;
    refs[f + Ref.Action] = this.ref(r.action_id);
    refs[f + Ref.Status] = this.ref(r.status);
    refs[f + Ref.User] = this.ref(r.initiator.user);
    refs[f + Ref.Trigger] = this.ref(r.trigger);
    refs[f + Ref.Targets] = this.targets(r.targets);
    refs[f + Ref.Commit] = d.commit === null ? -1 : this.ref(d.commit);
    refs[f + Ref.DefinitionStatus] = d.status === null ? -1 : this.ref(d.status);
    const step = r.runbook ? [r.runbook.id, r.runbook.step, r.runbook.run_id] : r.runbook_run_id && r.step_id ? ["", r.step_id, r.runbook_run_id] : null;
    refs[f + Ref.RunbookId] = step ? this.ref(step[0]) : -1;
    refs[f + Ref.RunbookStep] = step ? this.ref(step[1]) : -1;
    refs[f + Ref.RunbookRun] = step ? this.ref(step[2]) : -1;
    refs[f + Ref.Kind] = r.kind === "runbook_run" ? this.ref("runbook_run") : -1;
    this.flags[row * 2] = d.dirty ? 1 : 0;
    this.flags[row * 2 + 1] = recordedVia(r) === "local" ? 1 : 0;
  }
  finish() {
    const order = this.sortedRows();
    this.linkRunbookSteps(order);
    const columns = {
      count: this.count,
      order,
      ids: this.ids,
      rowNumbers: this.numbers,
      rowRefs: this.refs,
      rowFlags: this.flags,
      strings: this.strings,
      targetLists: this.targetLists
    };
    return encodeColumns(columns);
  }
  ref(s) {
    let i = this.stringIndex.get(s);
    if (i === void 0) this.stringIndex.set(s, i = this.strings.push(s) - 1);
    return i;
  }
  /** A target list, its strings kept once and sorted as foldRuns sorts them. */
  targets(targets) {
    const key = targets.join("\n");
    let i = this.targetIndex.get(key);
    if (i === void 0) {
      const list = [...targets].map((t) => this.strings[this.ref(t)]).sort();
      this.targetIndex.set(key, i = this.targetLists.push(list) - 1);
    }
    return i;
  }
  grow() {
    this.capacity *= 2;
    const numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const refs = new Int32Array(this.capacity * REF_COLUMNS);
    refs.set(this.refs);
    this.refs = refs;
    const flags = new Uint8Array(this.capacity * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
  /** The rows in foldRuns order (start time, then id): checked first, as a journal mostly is in start order. */
  sortedRows() {
    const { numbers, ids, count } = this;
    const started = (row) => numbers[row * NUMBER_COLUMNS + Num.Started];
    const compare = (a, b) => {
      const sa = started(a);
      const sb = started(b);
      if (sa !== sb) return sa - sb;
      const ia = ids[a];
      const ib = ids[b];
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    const order = new Uint32Array(count);
    let sorted = true;
    for (let i = 0; i < count; i++) {
      order[i] = i;
      if (sorted && i > 0 && compare(i - 1, i) > 0) sorted = false;
    }
    return sorted ? order : order.sort(compare);
  }
  /**
   * As foldRuns' linkRunbookSteps: a step that names only its runbook run takes that run's runbook (`?` while it is
   * not among the runs), and the planned time of a scheduled runbook run; in start order, as there.
   */
  linkRunbookSteps(order) {
    const blank = this.stringIndex.get("");
    const unknown = this.stringIndex.get("?");
    if (blank === void 0 && unknown === void 0) return;
    const { refs, numbers } = this;
    const runbookRun = this.stringIndex.get("runbook_run");
    const schedule = this.stringIndex.get("schedule");
    for (const row of order) {
      const f = row * REF_COLUMNS;
      const id = refs[f + Ref.RunbookId];
      if (id === -1 || id !== blank && id !== unknown) continue;
      const parent = this.rowOf.get(this.strings[refs[f + Ref.RunbookRun]]);
      const p = parent === void 0 ? -1 : parent * REF_COLUMNS;
      refs[f + Ref.RunbookId] = p >= 0 && refs[p + Ref.Kind] === runbookRun ? refs[p + Ref.Action] : this.ref("?");
      if (parent !== void 0 && refs[p + Ref.Trigger] === schedule) {
        const planned = numbers[parent * NUMBER_COLUMNS + Num.Planned];
        if (!Number.isNaN(planned)) numbers[row * NUMBER_COLUMNS + Num.Planned] = planned;
      }
    }
  }
};

// src/reports/block-file.ts
import { closeSync as closeSync2, readSync as readSync3 } from "node:fs";
var CHUNK_BYTES = 1024 * 1024;
var BlockFile = class {
  /** `fd` is the file, `at` where the body starts in it (a multiple of 8: the columns are then aligned). */
  constructor(fd, at, head, chunkBytes = CHUNK_BYTES) {
    this.at = at;
    this.head = head;
    if (at % 8 !== 0) throw new DamagedRunCache("body not aligned");
    this.fd = fd;
    const bytes = Math.max(64, chunkBytes - chunkBytes % 8);
    const buffer = new ArrayBuffer(bytes);
    this.chunk = Buffer.from(buffer);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.window = Buffer.allocUnsafeSlow(bytes);
  }
  at;
  head;
  chunk;
  f64;
  i32;
  u32;
  /** A chunk of the id bytes, from `windowStart` (-1: none yet), `windowLength` bytes of it read. */
  window;
  windowStart = -1;
  windowLength = 0;
  fd;
  close() {
    if (this.fd === null) return;
    closeSync2(this.fd);
    this.fd = null;
  }
  load() {
    const { count, numbersAt, refsAt, offsetsAt, flagsAt, idsAt, bodyLength } = this.head;
    const body = Buffer.allocUnsafeSlow(bodyLength - numbersAt);
    if (this.read(body, numbersAt, body.length) !== body.length) throw new DamagedRunCache("short body");
    this.close();
    const columns = {
      numbers: new Float64Array(body.buffer, body.byteOffset, count * NUMBER_COLUMNS),
      refs: new Int32Array(body.buffer, body.byteOffset + refsAt - numbersAt, count * REF_COLUMNS),
      idOffsets: new Uint32Array(body.buffer, body.byteOffset + offsetsAt - numbersAt, count + 1),
      flags: body.subarray(flagsAt - numbersAt, idsAt - numbersAt),
      idBytes: body.subarray(idsAt - numbersAt)
    };
    checkColumns(count, columns, this.head.strings.length, this.head.targets.length);
    return columns;
  }
  gather(rows) {
    const { count, numbersAt, refsAt, offsetsAt, flagsAt } = this.head;
    const k = rows.length;
    if (k > 0 && (rows[0] < 0 || rows[k - 1] >= count)) throw new RangeError("row out of range");
    const numbers = new Float64Array(k * NUMBER_COLUMNS);
    for (let c = 0; c < NUMBER_COLUMNS; c++)
      this.pick(numbersAt + 8 * c * count, 8, count, rows, (j, e) => numbers[c * k + j] = this.f64[e]);
    const refs = new Int32Array(k * REF_COLUMNS);
    for (let c = 0; c < REF_COLUMNS; c++)
      this.pick(refsAt + 4 * c * count, 4, count, rows, (j, e) => refs[c * k + j] = this.i32[e]);
    const flags = new Uint8Array(k * FLAG_COLUMNS);
    for (let c = 0; c < FLAG_COLUMNS; c++)
      this.pick(flagsAt + c * count, 1, count, rows, (j, e) => flags[c * k + j] = this.chunk[e]);
    const starts = new Uint32Array(k);
    const ends = new Uint32Array(k);
    this.pick(offsetsAt, 4, count + 1, rows, (j, e) => starts[j] = this.u32[e]);
    this.pick(
      offsetsAt,
      4,
      count + 1,
      rows.map((r) => r + 1),
      (j, e) => ends[j] = this.u32[e]
    );
    const idOffsets = new Uint32Array(k + 1);
    for (let j = 0; j < k; j++) {
      if (starts[j] > ends[j]) throw new DamagedRunCache("id offsets");
      idOffsets[j + 1] = idOffsets[j] + ends[j] - starts[j];
    }
    const idBytes = Buffer.allocUnsafe(idOffsets[k]);
    for (let j = 0; j < k; j++) this.idInto(starts[j], ends[j], idBytes, idOffsets[j]);
    const columns = { numbers, refs, idOffsets, flags, idBytes };
    checkColumns(k, columns, this.head.strings.length, this.head.targets.length);
    return columns;
  }
  startedBy(ms) {
    const base = this.head.numbersAt + 8 * Num.Started * this.head.count;
    let lo = 0;
    let hi = this.head.count;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (this.read(this.chunk, base + 8 * mid, 8) !== 8) throw new DamagedRunCache("short column");
      if (this.f64[0] <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  find(wanted) {
    const { count, offsetsAt } = this.head;
    const found = /* @__PURE__ */ new Map();
    for (let first = 0; first < count; ) {
      const got = this.read(
        this.chunk,
        offsetsAt + 4 * first,
        Math.min(this.chunk.length, 4 * (count + 1 - first))
      );
      const n2 = got >> 2;
      if (n2 < 2) throw new DamagedRunCache("short id offsets");
      for (let e = 0; e < n2 - 1; e++) {
        const start = this.u32[e];
        const end = this.u32[e + 1];
        const byLength = end >= start ? wanted.get(end - start) : void 0;
        if (!byLength) continue;
        const at = this.windowAt(start, end);
        for (const [id, bytes] of byLength) {
          const same2 = at >= 0 ? this.window.compare(bytes, 0, bytes.length, at, at + bytes.length) === 0 : this.idOf(start, end).equals(bytes);
          if (same2) found.set(id, first + e);
        }
      }
      first += n2 - 1;
    }
    return found;
  }
  rowsWith(column2, flagged) {
    const { count, refsAt } = this.head;
    const rows = [];
    const base = refsAt + 4 * column2 * count;
    for (let first = 0; first < count; ) {
      const got = this.read(this.chunk, base + 4 * first, Math.min(this.chunk.length, 4 * (count - first)));
      const n2 = got >> 2;
      if (n2 === 0) throw new DamagedRunCache("short column");
      for (let e = 0; e < n2; e++) {
        const r = this.i32[e];
        if (r >= 0 && r < flagged.length && flagged[r] === 1) rows.push(first + e);
      }
      first += n2;
    }
    return rows;
  }
  /**
   * Visit the elements `rows` (ascending) of a column of `elements` elements `width` bytes wide starting at `start`:
   * `put(j, e)` with `e` the element's place in the chunk's views. One read covers every row in the chunk after the
   * first row it starts at, so sparse rows cost a read each and dense ones a read per chunk.
   */
  pick(start, width, elements, rows, put) {
    for (let j = 0; j < rows.length; ) {
      const first = rows[j];
      const got = this.read(
        this.chunk,
        start + width * first,
        Math.min(this.chunk.length, width * (elements - first))
      );
      const n2 = Math.floor(got / width);
      if (n2 === 0) throw new DamagedRunCache("short column");
      while (j < rows.length && rows[j] - first < n2) {
        put(j, rows[j] - first);
        j++;
      }
    }
  }
  /** Where the window (a chunk of the ids read at once) holds the id bytes `[start, end)`, read first if it does not. */
  windowAt(start, end) {
    if (end - start > this.window.length) return -1;
    if (this.windowStart < 0 || start < this.windowStart || end > this.windowStart + this.windowLength) {
      this.windowStart = start;
      this.windowLength = this.read(this.window, this.head.idsAt + start, this.window.length);
      if (this.windowLength < end - start) throw new DamagedRunCache("short ids");
    }
    return start - this.windowStart;
  }
  /** Copy the id bytes `[start, end)` into `into` at `at`. */
  idInto(start, end, into, at) {
    const from = this.windowAt(start, end);
    if (from < 0) this.idOf(start, end).copy(into, at);
    else this.window.copy(into, at, from, from + end - start);
  }
  /** The id bytes `[start, end)` in a buffer of their own (an id longer than the window). */
  idOf(start, end) {
    const bytes = Buffer.allocUnsafe(end - start);
    if (this.read(bytes, this.head.idsAt + start, bytes.length) !== bytes.length)
      throw new DamagedRunCache("short ids");
    return bytes;
  }
  /** Read up to `length` bytes of the body from `offset` into `into` (fewer at its end); how many were read. */
  read(into, offset, length) {
    if (this.fd === null) throw new Error("the run cache file is closed");
    const end = Math.min(length, this.head.bodyLength - offset);
    let got = 0;
    while (got < end) {
      const n2 = readSync3(this.fd, into, got, end - got, this.at + offset + got);
      if (n2 === 0) break;
      got += n2;
    }
    return got;
  }
};

// src/reports/read-cache-file.ts
import { createHash as createHash6 } from "node:crypto";
import { open } from "node:fs/promises";
async function readCacheFile(cacheDir, file, split, synced = true) {
  let read;
  try {
    const startedMs = Date.now() - (synced ? 0 : UNSYNCED_MARGIN_MS - RACY_MARGIN_MS);
    const handle = await open(file, "r");
    try {
      const bytes = await readWhole(handle);
      read = { bytes, stat: await handle.stat({ bigint: true }), startedMs };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  const parts = split(read.bytes);
  if (!parts) return null;
  const { body, sha256: sha2562 } = parts;
  const check = () => createHash6("sha256").update(body).digest("hex") === sha2562;
  return stampsIn(cacheDir).verify(file, read, sha2562, check) ? { bytes: read.bytes, body, sha256: sha2562 } : null;
}
var UNSYNCED_MARGIN_MS = 6e4;
async function readWhole(handle) {
  const { size } = await handle.stat();
  const bytes = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const { bytesRead } = await handle.read(bytes, length, size - length, length);
    if (bytesRead === 0) return bytes.subarray(0, length);
    length += bytesRead;
  }
  const more = [];
  for (; ; ) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
    if (bytesRead === 0) break;
    more.push(chunk.subarray(0, bytesRead));
    length += bytesRead;
  }
  return more.length > 0 ? Buffer.concat([bytes, ...more]) : bytes;
}

// src/reports/run-view.ts
var RunView = class _RunView {
  constructor(block, dead, extra, blockDigest = null) {
    this.block = block;
    this.dead = dead;
    this.extra = extra;
    this.blockDigest = blockDigest;
  }
  block;
  dead;
  extra;
  blockDigest;
  static ofBlock(block, digest = null) {
    return new _RunView(block, null, [], digest);
  }
  static ofRuns(runs) {
    return new _RunView(null, null, runs);
  }
  /** Whether later records replaced or relinked a row of the block (its summary alone then no longer holds). */
  hasDeadRows() {
    return this.dead !== null && this.dead.includes(1);
  }
  /** Whether block row `i` is still one of the runs (not replaced by a later record, not relinked into `extra`). */
  live(i) {
    return this.dead === null || this.dead[i] === 0;
  }
  /** The run at `ref` as an object (a block row made one; an extra as it is). */
  run(ref) {
    return ref >= 0 ? this.block.run(ref) : this.extra[-1 - ref];
  }
  /** The runs at `refs`, in that order: the block's rows read together (from the file, only them, if not in memory). */
  runs(refs) {
    const rows = refs.filter((ref) => ref >= 0);
    const read = rows.length > 0 ? this.block.runs(rows) : [];
    let k = 0;
    return refs.map((ref) => ref >= 0 ? read[k++] : this.extra[-1 - ref]);
  }
  /** Let go of the run cache file the block reads from, if it does. */
  close() {
    this.block?.close();
  }
  /**
   * The view with runs folded from later records (higher seqs) merged in: what mergeFoldedRuns gives on every run,
   * without making an object of the cached ones but the replaced and the relinked.
   */
  withNewer(newer) {
    if (newer.length === 0) return this;
    const block = this.block;
    const dead = block ? this.dead ? Uint8Array.from(this.dead) : new Uint8Array(block.count) : null;
    const replaced = new Set(newer.map((r) => r.id));
    if (block && dead) for (const i of block.find(replaced).values()) dead[i] = 1;
    const runs = [...this.extra.filter((r) => !replaced.has(r.id)), ...newer];
    const unlinked = runs.filter(isUnlinked);
    const unlinkedRows = [];
    if (block && dead) {
      for (const i of block.rowsWith("runbook", (s) => s === "" || s === "?"))
        if (dead[i] === 0) unlinkedRows.push(i);
    }
    if (unlinked.length > 0 || unlinkedRows.length > 0) {
      const unlinkedRuns = unlinkedRows.length > 0 ? block.runs(unlinkedRows) : [];
      const parentIds = new Set(unlinked.map((r) => r.runbook.run));
      for (const run of unlinkedRuns) parentIds.add(run.runbook.run);
      const parents = /* @__PURE__ */ new Map();
      for (const r of runs) if (parentIds.has(r.id)) parents.set(r.id, r);
      if (block && dead) {
        const found = [...block.find([...parentIds].filter((id) => !parents.has(id)))].filter(
          ([, i]) => dead[i] === 0
        );
        const read = block.runs(found.map(([, i]) => i));
        found.forEach(([id], k) => parents.set(id, read[k]));
      }
      for (const [k, i] of unlinkedRows.entries()) {
        const run = unlinkedRuns[k];
        const parent = parents.get(run.runbook.run);
        const id = parent?.kind === "runbook_run" ? parent.action : "?";
        const planned = parent?.trigger === "schedule" && parent.planned !== null ? parent.planned : run.planned;
        if (id === run.runbook.id && planned === run.planned) continue;
        dead[i] = 1;
        runs.push(run);
        unlinked.push(run);
      }
      for (const run of unlinked) {
        const parent = parents.get(run.runbook.run);
        run.runbook = { ...run.runbook, id: parent?.kind === "runbook_run" ? parent.action : "?" };
        if (parent?.trigger === "schedule" && parent.planned !== null) run.planned = parent.planned;
      }
    }
    return new _RunView(block, dead, runs.sort(compareRuns2), this.blockDigest);
  }
  /** Every run as an object, in foldRuns order (start time, then id). */
  all() {
    const { block } = this;
    if (!block) return [...this.extra];
    const merged = [];
    let j = 0;
    for (let i = 0; i < block.count; i++) {
      if (!this.live(i)) continue;
      const run = block.run(i);
      while (j < this.extra.length && compareRuns2(this.extra[j], run) < 0) merged.push(this.extra[j++]);
      merged.push(run);
    }
    while (j < this.extra.length) merged.push(this.extra[j++]);
    return merged;
  }
};
function isUnlinked(r) {
  return r.runbook !== null && (r.runbook.id === "" || r.runbook.id === "?");
}
function compareRuns2(a, b) {
  return a.started !== b.started ? a.started - b.started : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// src/reports/run-cache.ts
var RUN_CACHE_FORMAT = 6;
function runCachePath(dataDir) {
  return path3.join(dataDir, "cache", "report-runs.json");
}
async function readRunCache(dataDir) {
  const file = runCachePath(dataDir);
  const lazy2 = openStamped(file);
  if (lazy2) return lazy2;
  const parsed = await readChecked(file, RUN_CACHE_FORMAT, "binary");
  if (!parsed) return null;
  try {
    return {
      checkpoint: parsed.header.checkpoint,
      runs: decodeBlock(parsed.body),
      digest: parsed.header.sha256
    };
  } catch {
    return null;
  }
}
function openStamped(file) {
  let fd;
  try {
    fd = openSync2(file, "r");
  } catch {
    return null;
  }
  let opened = null;
  try {
    opened = stampedBlock(file, fd);
  } catch {
  }
  if (!opened) closeSync3(fd);
  return opened;
}
function stampedBlock(file, fd) {
  const stat2 = fstatSync(fd, { bigint: true });
  const first = Buffer.allocUnsafe(Math.min(Number(stat2.size), 64 * 1024));
  const parsed = parseHeaderLine(
    first.subarray(0, readSync4(fd, first, 0, first.length, 0)),
    RUN_CACHE_FORMAT
  );
  if (!parsed) return null;
  const { header, bodyAt } = parsed;
  const { checkpoint, sha256: sha2562 } = header;
  if (typeof checkpoint !== "object" || checkpoint === null) return null;
  if (!stampsIn(path3.dirname(file)).vouches(file, stat2, sha2562)) return null;
  const bodyLength = Number(stat2.size) - bodyAt;
  const jsonLength = Buffer.alloc(4);
  if (readSync4(fd, jsonLength, 0, 4, bodyAt) !== 4) return null;
  const head = Buffer.allocUnsafe(Math.min(bodyLength, 4 + jsonLength.readUInt32LE(0)));
  if (readSync4(fd, head, 0, head.length, bodyAt) !== head.length) return null;
  const layout = parseBlockHead(head, bodyLength);
  const columns = new BlockFile(fd, bodyAt, layout);
  return {
    checkpoint,
    runs: new RunBlock(layout.count, columns, layout.ids, layout.strings, layout.targets),
    digest: sha2562
  };
}
var RUN_CACHE_TAIL_RECORDS = 4096;
async function foldRunsCached(dataDir, journal, {
  tailRecords = RUN_CACHE_TAIL_RECORDS,
  beforeAllRuns = () => void 0
} = {}) {
  const head = journal.head();
  if (head === null)
    return {
      runs: RunView.ofRuns(await foldRunsFrom(scanInBatches(journal))),
      source: { kind: "scan", reason: "no cache" }
    };
  const cached = await readRunCache(dataDir);
  if (cached) {
    try {
      const had = await fromCache(dataDir, journal, head, cached, { tailRecords, beforeAllRuns });
      if (had) return had;
    } catch (err) {
      cached.runs.close();
      throw err;
    }
    cached.runs.close();
  }
  const runs = await rewrite(dataDir, head, await foldColumnsFrom(scanInBatches(journal)));
  return { runs, source: { kind: "scan", reason: cached ? "journal changed" : "no cache" } };
}
async function fromCache(dataDir, journal, head, cached, { tailRecords, beforeAllRuns }) {
  const { checkpoint } = cached;
  if (!await checkpointHolds(dataDir, checkpoint)) return null;
  const base = { seq: checkpoint.seq, hash: checkpoint.hash };
  const view = RunView.ofBlock(cached.runs, cached.digest);
  if (checkpoint.seq === head.seq && checkpoint.hash === head.hash)
    return { runs: view, source: { kind: "cache", base } };
  const fresh = checkpoint.seq < head.seq ? await newRecords(journal, checkpoint, head) : null;
  if (!fresh) return null;
  let runs = view.withNewer(foldRuns(fresh));
  if (fresh.length > tailRecords || runs.hasDeadRows()) {
    beforeAllRuns();
    runs = await rewrite(dataDir, head, encodeRuns(runs.all()));
  }
  return { runs, source: { kind: "cache+new", records: fresh.length, base } };
}
async function newRecords(journal, from, head) {
  const records = [];
  let last = from;
  for await (const r of journal.scan({ afterSeq: from.seq })) {
    if (r.seq !== last.seq + 1 || r.prev_hash !== last.hash) return null;
    records.push(r);
    last = { seq: r.seq, hash: r.hash };
    if (last.seq === head.seq) break;
  }
  return last.seq === head.seq && last.hash === head.hash ? records : null;
}
async function rewrite(dataDir, head, runs) {
  const checkpoint = await takeCheckpoint(dataDir, head);
  const digest = checkpoint ? await writeChecked(runCachePath(dataDir), RUN_CACHE_FORMAT, checkpoint, runs.pieces).catch(() => null) : null;
  return RunView.ofBlock(runs.block, digest);
}
async function readChecked(file, format, as = "text") {
  const parsed = await readCheckedFile(file, format);
  const checkpoint = parsed?.header.checkpoint;
  if (!parsed || typeof checkpoint !== "object" || checkpoint === null) return null;
  return {
    header: parsed.header,
    body: as === "binary" ? parsed.body : parsed.body.toString("utf8")
  };
}
async function readCheckedFile(file, format) {
  let header = {};
  const read = await readCacheFile(path3.dirname(file), file, (bytes) => {
    const parsed = parseHeaderLine(bytes, format);
    if (!parsed) return null;
    header = parsed.header;
    return { body: bytes.subarray(parsed.bodyAt), sha256: parsed.header.sha256 };
  });
  return read && { header, body: read.body };
}
function parseHeaderLine(bytes, format) {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  let header;
  try {
    header = JSON.parse(bytes.toString("utf8", 0, nl));
  } catch {
    return null;
  }
  if (header.format !== format || typeof header.sha256 !== "string") return null;
  return { header, bodyAt: nl + 1 };
}
async function writeChecked(file, format, checkpoint, body) {
  return writeCheckedFile(file, format, { checkpoint }, body);
}
async function writeCheckedFile(file, format, fields, body) {
  await mkdir2(path3.dirname(file), { recursive: true, mode: 448 });
  const pieces = typeof body === "string" ? [body] : body;
  const hash = createHash7("sha256");
  for (const piece of pieces) hash.update(piece);
  const sha2562 = hash.digest("hex");
  const header = JSON.stringify({ generator: "opsledger report", format, ...fields, sha256: sha2562 });
  const pad = (8 - (Buffer.byteLength(header) + 1) % 8) % 8;
  await writeFileDurably(file, [`${header}${" ".repeat(pad)}
`, ...pieces]);
  return sha2562;
}

// src/reports/summary-store.ts
var SUMMARY_FORMAT = 2;
function summaryPath(dataDir) {
  return path4.join(dataDir, "cache", "report-summary.bin");
}
function summaryKey(blockDigest, since, rowsByUntil) {
  return createHash8("sha256").update(JSON.stringify([SUMMARY_FORMAT, blockDigest, String(since), rowsByUntil])).digest("hex");
}
async function readBlockSummary(dataDir, key) {
  const parsed = await readCheckedFile(summaryPath(dataDir), SUMMARY_FORMAT);
  if (parsed?.header.key !== key) return null;
  try {
    return decodeBlockSummary(parsed.body);
  } catch {
    return null;
  }
}
async function writeBlockSummary(dataDir, key, summary) {
  await writeCheckedFile(summaryPath(dataDir), SUMMARY_FORMAT, { key }, [encodeBlockSummary(summary)]).catch(
    () => void 0
  );
}
function encodeBlockSummary(summary) {
  const { rowOwner, rowRunbook, owners, ...rest } = summary;
  const commits = owners.reduce((n2, [, o]) => n2 + o.commits.length, 0);
  const json = Buffer.from(
    JSON.stringify(
      {
        ...rest,
        owners: owners.map(([key, o]) => [key, { ...o, commits: o.commits.length }]),
        rows: rowOwner.length,
        commits
      },
      (_key, v) => typeof v === "number" && !Number.isFinite(v) ? { n: String(v) } : v
    ),
    "utf8"
  );
  const start = 4 + json.length + (4 - (4 + json.length) % 4) % 4;
  const out = Buffer.alloc(start + 8 * rowOwner.length + 4 * commits);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  Buffer.from(rowOwner.buffer, rowOwner.byteOffset, rowOwner.byteLength).copy(out, start);
  Buffer.from(rowRunbook.buffer, rowRunbook.byteOffset, rowRunbook.byteLength).copy(
    out,
    start + 4 * rowOwner.length
  );
  let at = start + 8 * rowOwner.length;
  for (const [, o] of owners) for (const ref of o.commits) at = out.writeInt32LE(ref, at);
  return out;
}
function decodeBlockSummary(body) {
  const length = body.readUInt32LE(0);
  const { rows, commits, owners, ...rest } = finite(JSON.parse(body.toString("utf8", 4, 4 + length)));
  const start = 4 + length + (4 - (4 + length) % 4) % 4;
  if (!Number.isInteger(rows) || !Number.isInteger(commits) || !Array.isArray(owners) || body.length !== start + 8 * rows + 4 * commits)
    throw new Error("summary: bad length");
  const column2 = (from, count) => {
    if ((body.byteOffset + from) % 4 === 0) return new Int32Array(body.buffer, body.byteOffset + from, count);
    const out = new Int32Array(count);
    Buffer.from(out.buffer).set(body.subarray(from, from + 4 * count));
    return out;
  };
  const refs = column2(start + 8 * rows, commits);
  let at = 0;
  const withCommits = owners.map(([key, o]) => {
    const n2 = o.commits;
    if (!Number.isInteger(n2) || n2 < 0 || at + n2 > commits) throw new Error("summary: bad commit count");
    at += n2;
    return [key, { ...o, commits: refs.subarray(at - n2, at) }];
  });
  if (at !== commits) throw new Error("summary: bad commit count");
  return {
    ...rest,
    owners: withCommits,
    rowOwner: column2(start, rows),
    rowRunbook: column2(start + 4 * rows, rows)
  };
}
function finite(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v === "object") value[i] = finite(v);
    }
    return value;
  }
  const o = value;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === "n") return Number(o.n);
  for (const k of keys) {
    const v = o[k];
    if (v !== null && typeof v === "object") o[k] = finite(v);
  }
  return o;
}

// src/reports/model-parts-store.ts
import { createHash as createHash10 } from "node:crypto";
import { mkdir as mkdir3, readdir, rm as rm2, stat } from "node:fs/promises";
import path5 from "node:path";

// src/reports/part-codec.ts
var DEFERRED = {
  report: ["changes", "recent", "outcomes", "versions"],
  runbook: ["changes", "recent"]
};
function encodePart(part) {
  const texts = [];
  let length = 0;
  const defer = (text) => {
    texts.push(text);
    length += text.length;
    return [length - text.length, text.length];
  };
  const skeleton = { part: { ...part }, deferred: [] };
  const top = skeleton.part;
  for (const [kind, fields] of Object.entries(DEFERRED)) {
    const section = top[kind];
    if (section === void 0) continue;
    const copy = {};
    for (const key of Object.keys(section)) copy[key] = fields.includes(key) ? null : section[key];
    for (const field of fields)
      if (field in section)
        skeleton.deferred.push([
          [kind, field],
          ...defer(unreadText(section, field) ?? asciiJson(section[field]))
        ]);
    top[kind] = copy;
  }
  let durations = null;
  if ("findings" in part && "kinds" in part.findings) {
    const { kinds, subjects, cuts } = part.findings;
    const at = /* @__PURE__ */ new Map();
    const items = (list) => list.map((k) => {
      let range = at.get(k);
      if (!range) at.set(k, range = defer(findingText(k)));
      return [k.ms, ...range, findingDigest(k)];
    });
    skeleton.findings = {
      kinds: kinds.map(([kind, b]) => [kind, b.total, items(b.items)]),
      subjects: subjects.map(([type, id, b]) => [type, id, b.total, items(b.items)]),
      ...cuts ? { cuts } : {}
    };
    top.findings = null;
  }
  if ("overview" in part) {
    durations = Float64Array.from(part.overview.durations);
    skeleton.durations = durations.length;
    top.overview = { ...part.overview, durations: null };
  }
  const pieces = [
    Buffer.from(`${asciiJson(skeleton)}
`, "latin1"),
    Buffer.from(texts.join(""), "latin1")
  ];
  if (durations) pieces.push(new Uint8Array(durations.buffer, durations.byteOffset, durations.byteLength));
  return pieces;
}
function bodyInMemory(body) {
  const nl = body.indexOf(10);
  return {
    length: body.length,
    skeleton: nl < 0 ? null : body.toString("latin1", 0, nl),
    text: (from, to) => body.toString("latin1", from, to),
    bytes: (from, to) => body.subarray(from, to)
  };
}
function decodePart(from) {
  const body = Buffer.isBuffer(from) ? bodyInMemory(from) : from;
  if (body.skeleton === null) fail();
  const skeleton = JSON.parse(body.skeleton);
  const { part, deferred } = skeleton;
  if (typeof part !== "object" || part === null || !Array.isArray(deferred)) fail();
  const base = body.skeleton.length + 1;
  const count = skeleton.durations ?? 0;
  if (!Number.isInteger(count) || count < 0) fail();
  const textsEnd = body.length - 8 * count;
  if (textsEnd < base) fail();
  const at = (start, length) => {
    const from2 = base + start;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || from2 + length > textsEnd)
      fail();
    return [from2, from2 + length];
  };
  for (const [path15, start, length] of deferred) {
    const owner = part[path15[0]];
    if (path15.length !== 2 || typeof owner !== "object" || owner === null || !(path15[1] in owner)) fail();
    const [from2, to] = at(start, length);
    lazy(owner, path15[1], () => body.text(from2, to));
  }
  const top = part;
  if (skeleton.findings) {
    const read = /* @__PURE__ */ new Map();
    const items = (list) => list.map(([ms, start, length, digest]) => {
      const [from2, to] = at(start, length);
      if (typeof digest !== "string" || !/^#[0-9a-f]{32}$/.test(digest)) fail();
      let k = read.get(from2);
      if (k && (k.ms !== ms || k.to !== to || k.textDigest() !== digest)) fail();
      if (!k) read.set(from2, k = new DeferredFinding(ms, body, from2, to, digest));
      return k;
    });
    const { kinds, subjects, cuts } = skeleton.findings;
    top.findings = {
      kinds: kinds.map(([kind, total, list]) => [kind, { total, items: items(list) }]),
      subjects: subjects.map(([type, id, total, list]) => [type, id, { total, items: items(list) }]),
      ...cuts ? { cuts } : {}
    };
  }
  if (skeleton.durations !== void 0) {
    const overview = top.overview;
    if (typeof overview !== "object" || overview === null) fail();
    const durations = new Float64Array(count);
    new Uint8Array(durations.buffer).set(body.bytes(textsEnd, body.length));
    overview.durations = durations;
  }
  return part;
}
function lazy(target, key, text) {
  let value;
  let done = false;
  const settle = () => {
    done = true;
    unread.get(target)?.delete(key);
  };
  let texts = unread.get(target);
  if (!texts) unread.set(target, texts = /* @__PURE__ */ new Map());
  texts.set(key, text);
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = JSON.parse(text());
        settle();
      }
      return value;
    },
    set(v) {
      value = v;
      settle();
    }
  });
}
var DeferredFinding = class {
  constructor(ms, body, from, to, digest) {
    this.ms = ms;
    this.from = from;
    this.to = to;
    this.digest = digest;
    this.#body = body;
  }
  ms;
  from;
  to;
  digest;
  #body;
  #finding = null;
  get finding() {
    if (this.#body) {
      this.#finding = JSON.parse(this.#body.text(this.from, this.to));
      this.#body = null;
    }
    return this.#finding;
  }
  /** The text the finding would be parsed from, while it is still unread. */
  unreadText() {
    return this.#body?.text(this.from, this.to);
  }
  /** The digest of its text, kept beside it in the part file (findingDigest). */
  textDigest() {
    return this.digest;
  }
  toJSON() {
    return { ms: this.ms, finding: this.finding };
  }
};
var unread = /* @__PURE__ */ new WeakMap();
function unreadText(target, key) {
  return unread.get(target)?.get(key)?.();
}
function fail() {
  throw new Error("not a part of the report model");
}

// src/reports/part-file.ts
import { createHash as createHash9 } from "node:crypto";
import { closeSync as closeSync4, fstatSync as fstatSync2, openSync as openSync3, readSync as readSync5 } from "node:fs";
function parsePartHeader(bytes, format, key) {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  try {
    const header = JSON.parse(bytes.toString("latin1", 0, nl));
    if (header.format !== format || header.key !== key || typeof header.sha256 !== "string") return null;
    return { sha256: header.sha256, bodyStart: nl + 1 };
  } catch {
    return null;
  }
}
var ChangedModelPart = class extends Error {
  constructor(file) {
    super(`a kept part of the report model changed while the report read it: ${file}`);
  }
};
function readVouchedPart(file, format, key, vouches, decode) {
  let fd;
  try {
    fd = openSync3(file, "r");
  } catch {
    return null;
  }
  let source = null;
  try {
    const stat2 = fstatSync2(fd, { bigint: true });
    const size = Number(stat2.size);
    let head = readAt(fd, 0, Math.min(size, HEAD_BYTES), scratch);
    const header = parsePartHeader(head, format, key);
    if (!header || !vouches(header.sha256, stat2)) return null;
    let end = head.indexOf(10, header.bodyStart);
    while (end < 0 && head.length < size) {
      head = Buffer.concat([head, readAt(fd, head.length, Math.min(size - head.length, head.length))]);
      end = head.indexOf(10, header.bodyStart);
    }
    source = new VouchedFile({ file, format, key }, header, statKey(stat2), fd);
    const from = source;
    return decode(
      {
        length: size - header.bodyStart,
        skeleton: end < 0 ? null : head.toString("latin1", header.bodyStart, end),
        text: (a, b) => from.read(a, b).toString("latin1"),
        bytes: (a, b) => from.read(a, b)
      },
      header
    );
  } finally {
    if (source) source.fd = -1;
    closeSync4(fd);
  }
}
var HEAD_BYTES = 64 * 1024;
var scratch = Buffer.allocUnsafe(HEAD_BYTES);
var VouchedFile = class {
  constructor(part, header, stat2, fd) {
    this.part = part;
    this.header = header;
    this.stat = stat2;
    this.fd = fd;
  }
  part;
  header;
  stat;
  fd;
  reads = 0;
  whole = null;
  /** Body bytes `[from, to)`. */
  read(from, to) {
    if (this.whole) return this.whole.subarray(from, to);
    if (this.fd >= 0) return readAt(this.fd, this.header.bodyStart + from, to - from, scratch);
    const fd = ++this.reads > WHOLE_AFTER ? -1 : this.openSame();
    if (fd < 0) {
      this.whole = this.readWhole();
      return this.whole.subarray(from, to);
    }
    try {
      return readAt(fd, this.header.bodyStart + from, to - from);
    } finally {
      closeSync4(fd);
    }
  }
  /** The file opened again when its stat is still the one vouched for, else -1. */
  openSame() {
    const fd = this.open();
    if (statKey(fstatSync2(fd, { bigint: true })) === this.stat) return fd;
    closeSync4(fd);
    return -1;
  }
  /** The body: as it is when the stat is still the one vouched for, else only if it matches the checksum. */
  readWhole() {
    const fd = this.open();
    try {
      const bytes = readAt(fd, 0, Number(fstatSync2(fd).size));
      if (statKey(fstatSync2(fd, { bigint: true })) === this.stat)
        return bytes.subarray(this.header.bodyStart);
      const header = parsePartHeader(bytes, this.part.format, this.part.key);
      const body = header && bytes.subarray(header.bodyStart);
      if (header?.sha256 === this.header.sha256 && createHash9("sha256").update(body).digest("hex") === header.sha256)
        return body;
      throw new ChangedModelPart(this.part.file);
    } finally {
      closeSync4(fd);
    }
  }
  open() {
    try {
      return openSync3(this.part.file, "r");
    } catch {
      throw new ChangedModelPart(this.part.file);
    }
  }
};
var WHOLE_AFTER = 32;
function readAt(fd, position, length, into) {
  const out = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n2 = readSync5(fd, out, got, length - got, position + got);
    if (n2 === 0) break;
    got += n2;
  }
  return got < length ? out.subarray(0, got) : out;
}

// src/reports/model-parts-store.ts
var MODEL_PARTS_FORMAT = 11;
var HISTORY_CHAIN_LENGTH = 8;
function modelPartsPath(dataDir) {
  return path5.join(dataDir, "cache", "report-parts.json");
}
function partsDir(dataDir) {
  return path5.join(dataDir, "cache", "report-parts");
}
function eventDigestsOf(value) {
  if (typeof value !== "object" || value === null) return null;
  const { digests: digests2 } = value;
  if (typeof digests2 !== "object" || digests2 === null) return null;
  const own = {};
  for (const [name, pair] of Object.entries(digests2))
    if (Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string")
      own[name] = [pair[0], pair[1]];
  return { digests: own };
}
async function readModelParts(dataDir) {
  const parsed = await readChecked(modelPartsPath(dataDir), MODEL_PARTS_FORMAT);
  if (!parsed) {
    const exists = await stat(modelPartsPath(dataDir)).then(
      () => true,
      () => false
    );
    return { parts: null, reason: exists ? "damaged" : "none" };
  }
  if (!await checkpointHolds(dataDir, parsed.header.checkpoint)) return { parts: null, reason: "journal" };
  let list;
  try {
    list = JSON.parse(parsed.body);
  } catch {
    return { parts: null, reason: "damaged" };
  }
  if (!Array.isArray(list.actions)) return { parts: null, reason: "damaged" };
  let damaged = 0;
  const [history, ...actions] = await stampsIn(path5.dirname(partsDir(dataDir))).batch(
    () => Promise.all(
      [list.history, ...list.actions].map(async (key, i) => {
        if (key === null) return null;
        const part = i === 0 ? await readHistoryPart(dataDir, key) : await readPart(dataDir, key);
        if (part === null) damaged += 1;
        return part === null ? null : [key, part];
      })
    )
  );
  const parts = /* @__PURE__ */ new Map();
  for (const entry of actions) if (entry) parts.set(entry[0], entry[1]);
  return {
    parts,
    history: history?.[1] ?? null,
    events: eventDigestsOf(list.events),
    damaged
  };
}
async function writeModelParts(dataDir, head, parts) {
  try {
    const checkpoint = await takeCheckpoint(dataDir, head);
    if (!checkpoint) return;
    const dir = partsDir(dataDir);
    await mkdir3(dir, { recursive: true, mode: 448 });
    const entries = parts.entries();
    const history = parts.usedHistory();
    const since = parts.shownSince;
    for (const [key, part] of entries)
      if (parts.isNew(key))
        await writePart(
          dataDir,
          key,
          "findings" in part ? { ...part, findings: trimCollected(part.findings, since) } : part,
          part
        );
    if (history && !parts.historyKept)
      await writeHistoryPart(dataDir, history, parts.usedHistoryDelta(), since);
    const list = {
      history: history?.key ?? null,
      actions: entries.map(([key]) => key),
      events: parts.usedEvents()
    };
    await writeChecked(modelPartsPath(dataDir), MODEL_PARTS_FORMAT, checkpoint, JSON.stringify(list));
    const listed = new Set(
      [...list.actions, ...history?.files ?? [], ...parts.borrowed].map((key) => `${key}.json`)
    );
    for (const name of await readdir(dir))
      if (!listed.has(name)) await rm2(path5.join(dir, name), { force: true });
  } catch {
  }
}
async function writeHistoryPart(dataDir, part, delta, since) {
  const { files: _files, ...fields } = part;
  const chain = delta?.base.files;
  if (delta && chain && chain.length < HISTORY_CHAIN_LENGTH) {
    const stored = {
      ...fields,
      findings: trimCollected(delta.findings, since),
      activity: delta.activity,
      extends: delta.base.key
    };
    await writePart(dataDir, part.key, stored);
    part.files = [part.key, ...chain];
    return;
  }
  await writePart(dataDir, part.key, { ...fields, findings: trimCollected(part.findings, since) });
  part.files = [part.key];
}
async function readHistoryPart(dataDir, key, depth = 1) {
  const part = await readPart(dataDir, key);
  if (part === null || !Array.isArray(part.findings?.kinds)) return null;
  const { extends: base, ...own } = part;
  if (base === void 0) return { ...own, files: [key] };
  if (typeof base !== "string" || depth >= HISTORY_CHAIN_LENGTH) return null;
  const kept2 = await readHistoryPart(dataDir, base, depth + 1);
  if (kept2 === null) return null;
  const findings = new FindingCollector();
  findings.merge(kept2.findings);
  findings.merge(own.findings);
  return {
    ...own,
    findings: findings.collected(),
    activity: mergeTallies(kept2.activity, own.activity),
    files: [key, ...kept2.files ?? [base]]
  };
}
async function writePart(dataDir, key, part, held = part) {
  const body = encodePart(part);
  const hash = createHash10("sha256");
  for (const piece of body) hash.update(piece);
  const digest = hash.digest("hex");
  const header = JSON.stringify({ format: MODEL_PARTS_FORMAT, key, sha256: digest });
  const file = path5.join(partsDir(dataDir), `${key}.json`);
  await writeFileAtomic(file, [`${header}
`, ...body]);
  keptDigests.set(held, digest);
}
async function readPart(dataDir, key) {
  if (!/^[0-9a-f]{64}$/.test(key)) return null;
  const cacheDir = path5.dirname(partsDir(dataDir));
  const file = path5.join(partsDir(dataDir), `${key}.json`);
  const kept2 = (decode, sha2562) => {
    try {
      const part = decode();
      keptDigests.set(part, sha2562);
      return part;
    } catch {
      return null;
    }
  };
  const stamps = stampsIn(cacheDir);
  const vouched = readVouchedPart(
    file,
    MODEL_PARTS_FORMAT,
    key,
    (sha2562, stat2) => stamps.vouches(file, stat2, sha2562),
    (body, header) => kept2(() => decodePart(body), header.sha256)
  );
  if (vouched !== null) return vouched;
  const read = await readCacheFile(
    cacheDir,
    file,
    (bytes) => {
      const header = parsePartHeader(bytes, MODEL_PARTS_FORMAT, key);
      return header && { body: bytes.subarray(header.bodyStart), sha256: header.sha256 };
    },
    // Parts are not fsync'd (writePart).
    false
  );
  return read && kept2(() => decodePart(read.body), read.sha256);
}
var keptDigests = /* @__PURE__ */ new WeakMap();
function keptPartDigest(part) {
  return keptDigests.get(part);
}

// src/reports/report-document.ts
function cell(content, sort) {
  const list = Array.isArray(content) ? content : [content];
  return sort === void 0 ? { content: list } : { content: list, sort };
}
function num(text, value) {
  return { content: [text], sort: value ?? -1 };
}
function pageLink(page, text, anchor) {
  return { link: anchor === void 0 ? { page } : { page, anchor }, text };
}
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "section";
}
var TONES = new Map(
  Object.entries({
    succeeded: "ok",
    released: "ok",
    passed: "ok",
    failed: "bad",
    timed_out: "bad",
    high: "bad",
    cancelled: "warn",
    abandoned: "warn",
    denied: "warn",
    missed: "warn",
    rejected: "warn",
    confirmed: "ok",
    medium: "warn",
    draft: "warn"
  })
);
function statusTone(status) {
  return TONES.get(status) ?? "neutral";
}
function richText(text) {
  return text.split("`").map((part, i) => i % 2 === 1 ? { code: part } : part).filter((x) => x !== "");
}

// src/reports/pages/page-parts.ts
function nav() {
  return {
    type: "nav",
    items: [
      { page: "index", text: "Overview" },
      { page: "findings", text: "Findings" },
      { page: "usage", text: "Usage" },
      { page: "users", text: "Users and roles" },
      { page: "coverage", text: "Coverage" },
      { page: "schedules", text: "Schedules" }
    ]
  };
}
function fixedPageContext(model) {
  const { name, branch, web_url } = model.repo;
  return {
    generated_at: model.generated_at,
    period: model.period,
    pseudonymized: model.pseudonymized,
    repo: { name, branch, web_url }
  };
}
function periodLine(model) {
  return {
    type: "paragraph",
    content: [
      `Period ${model.period.since === null ? "from the start" : formatTime(model.period.since)} to ${formatTime(model.period.until)} \xB7 `,
      `${model.repo.name}, branch `,
      { code: model.repo.branch },
      model.pseudonymized ? " \xB7 people shown as pseudonyms" : ""
    ]
  };
}
function definitionPageHead(model, title, missing) {
  const blocks = [
    { type: "heading", level: 1, text: title },
    nav(),
    periodLine(model),
    { type: "heading", level: 2, text: "Definition" }
  ];
  if (missing !== null) blocks.push({ type: "paragraph", content: [missing] });
  return blocks;
}
function commitRef(model, sha) {
  if (sha === null) return "\u2013";
  if (model.repo.web_url)
    return { link: { url: `${model.repo.web_url}/commit/${sha}` }, text: shortSha(sha) };
  return { code: shortSha(sha) };
}
function timeCell(iso2) {
  return cell(formatTime(iso2), iso2 ?? "");
}
function badge(text) {
  return { badge: text, tone: statusTone(text) };
}
function actionLink(id) {
  return pageLink(`actions/${id}`, id);
}
var RUN_PAGES = /* @__PURE__ */ new WeakMap();
function runbookRunPages(model) {
  let ids = RUN_PAGES.get(model);
  if (!ids)
    RUN_PAGES.set(model, ids = new Set(model.runbooks.flatMap((r) => r.runbook_runs.map((x) => x.id))));
  return ids;
}
function runbookRunLink(model, id, text = id) {
  return runbookRunPages(model).has(id) ? pageLink(`runbook_runs/${id}`, text) : { code: text };
}
function runsTable(model, caption, runs, showAction = false) {
  return {
    type: "table",
    caption,
    columns: [
      { label: "Run", rowHeader: true },
      ...showAction ? [{ label: "Action" }] : [],
      { label: "Started" },
      { label: "Status" },
      { label: "Duration", numeric: true },
      { label: "User" },
      { label: "Trigger" },
      { label: "Targets" },
      { label: "Parameters" },
      { label: "Version ran" }
    ],
    rows: runs.map((r) => [
      cell({ code: r.id }),
      ...showAction ? [
        cell(
          r.step === null ? [actionLink(r.action)] : [
            actionLink(r.action),
            ` (step ${r.step} of `,
            r.runbook_run === null ? "a runbook run" : runbookRunLink(model, r.runbook_run),
            ")"
          ],
          r.action
        )
      ] : [],
      timeCell(r.started_at),
      cell(badge(r.status), r.status),
      num(formatDuration(r.duration_ms), r.duration_ms),
      cell(r.user),
      cell(
        showAction || r.step === null ? [r.trigger] : [
          `${r.trigger} (step ${r.step} of `,
          r.runbook_run === null ? "a runbook run" : runbookRunLink(model, r.runbook_run),
          ")"
        ]
      ),
      cell(r.targets.join(", ") || "\u2013"),
      cell(parametersInline(r.parameters)),
      cell([r.version, " ", commitRef(model, r.commit)], r.version)
    ]),
    empty: "No runs in this period."
  };
}
function parametersInline(parameters) {
  if (parameters.length === 0) return ["\u2013"];
  return parameters.flatMap((p, i) => [
    ...i > 0 ? [{ br: true }] : [],
    ...p.redacted ? [{ code: p.name }, " (secret, redacted)"] : [{ code: `${p.name}=${p.value}` }]
  ]);
}
function definitionFacts(model, d) {
  const items = [
    ["Status", [badge(d.status), d.deleted ? " (deleted)" : ""]],
    ["Name", [d.name]],
    ["Owner", [d.owner]],
    [
      "Version",
      [`v${d.version}, `, commitRef(model, d.commit), d.updated_at ? `, ${formatTime(d.updated_at)}` : ""]
    ],
    ["File", [{ code: d.path }]]
  ];
  if (d.tags.length > 0) items.push(["Tags", [d.tags.join(", ")]]);
  if (d.description) items.push(["Description", [d.description]]);
  for (const [label, value] of d.fields) items.push([label, [value]]);
  return { type: "facts", items };
}
function changeHistory(model, changes) {
  if (changes.length === 0) return [{ type: "paragraph", content: ["No changes in this period."] }];
  const blocks = [];
  for (const c of [...changes].reverse()) {
    const title = `${c.type === "Runbook::Step" ? `Step ${c.subject.split("/")[1] ?? c.subject}` : ""} v${c.version} ${c.action} \xB7 ${formatTime(c.created_at)} \xB7 ${c.user}`.trim();
    blocks.push({ type: "heading", level: 3, text: title, id: slug(`change-${c.subject}-v${c.version}`) });
    const facts = [
      ["Commit", [commitRef(model, c.commit)]],
      ["Message", [c.message]]
    ];
    if (c.pull_request !== null) facts.push(["Pull request", [`#${c.pull_request}`]]);
    if (c.revert_of !== null) facts.push(["Reverts", [commitRef(model, c.revert_of)]]);
    blocks.push({ type: "facts", items: facts });
    blocks.push({
      type: "table",
      caption: `Fields changed in ${c.subject} v${c.version}`,
      columns: [{ label: "Field", rowHeader: true }, { label: "Before" }, { label: "After" }],
      rows: c.changes.map((f) => [cell({ code: f.pointer }), cell({ code: f.old }), cell({ code: f.new })]),
      empty: "No field changes recorded."
    });
  }
  return blocks;
}
function findingsTable(caption, findings, empty) {
  return {
    type: "table",
    caption,
    columns: [
      { label: "When", rowHeader: true },
      { label: "Severity" },
      { label: "Finding" },
      { label: "Evidence" }
    ],
    rows: findings.map((f) => [
      timeCell(f.at),
      cell(badge(f.severity), SEVERITY_RANK[f.severity]),
      cell(pageLink("findings", f.summary, f.kind), f.summary),
      cell(evidenceInline(f.evidence))
    ]),
    empty
  };
}
var SEVERITY_RANK = { high: 0, medium: 1, low: 2 };
function evidenceInline(evidence) {
  const out = [];
  evidence.forEach(([label, value], i) => {
    if (i > 0) out.push({ br: true });
    out.push({ strong: `${label}:` }, " ");
    if (value.length < 40) {
      if (value !== "") out.push(value);
      return;
    }
    value.split(/\b([0-9a-f]{40})\b/).forEach((part, j) => part !== "" && out.push(j % 2 === 1 ? { code: part } : part));
  });
  return out;
}
function rateFacts(summary) {
  return [
    ["Runs", [formatCount(summary.runs)]],
    [
      "Outcomes",
      [
        `${formatCount(summary.succeeded)} succeeded, ${formatCount(summary.failed)} failed, ${formatCount(summary.other)} other`
      ]
    ],
    ["Success rate", [formatPercent(summary.success_rate)]],
    ["Duration p50 / p95", [`${formatDuration(summary.p50_ms)} / ${formatDuration(summary.p95_ms)}`]]
  ];
}

// src/reports/pages/action-page.ts
var LANGUAGES = {
  bash: "bash",
  sh: "sh",
  node: "js",
  python: "python",
  pwsh: "powershell"
};
function buildActionPage(model, a) {
  const d = a.definition;
  const blocks = definitionPageHead(
    model,
    `Action ${a.id}${d ? `: ${d.name}` : ""}`,
    d ? null : "Runs name this action, but the tracked branch never had a definition with this id."
  );
  if (d !== null) {
    blocks.push(definitionFacts(model, d), {
      type: "table",
      caption: "Parameters",
      columns: [
        { label: "Name", rowHeader: true },
        { label: "Type" },
        { label: "Required" },
        { label: "Secret" },
        { label: "Default" },
        { label: "Notes" }
      ],
      rows: d.parameters.map((p) => [
        cell({ code: p.name }),
        cell(p.type),
        cell(p.required ? "yes" : "no"),
        cell(p.secret ? "yes" : "no"),
        cell(p.default === "" ? "\u2013" : { code: p.default }),
        cell(p.notes || "\u2013")
      ]),
      empty: "No parameters."
    });
    if (d.script?.inline)
      blocks.push({
        type: "code",
        summary: `Script (${d.script.shell})`,
        text: d.script.inline,
        language: LANGUAGES[d.script.shell] ?? ""
      });
  }
  const purged = a.runs.purged > 0 ? [["Purged by retention", [`${plural(a.runs.purged, "run")} (see the usage page)`]]] : [];
  blocks.push(
    { type: "heading", level: 2, text: "Runs" },
    {
      type: "facts",
      items: [...rateFacts(a.runs), ["Last run", [formatTime(a.runs.last_run_at)]], ...purged]
    },
    { type: "chart", chart: { kind: "weekly", title: `Runs per week of ${a.id}`, weeks: a.weekly } },
    {
      type: "chart",
      chart: {
        kind: "histogram",
        title: `Duration distribution of ${a.id}`,
        buckets: a.durations.map((b) => ({ label: b.bucket, count: b.count }))
      }
    },
    {
      type: "table",
      caption: "Success rate and duration per version ran",
      columns: [
        { label: "Version", rowHeader: true },
        { label: "Commit" },
        { label: "Runs", numeric: true },
        { label: "Failed", numeric: true },
        { label: "Success rate", numeric: true },
        { label: "p50", numeric: true },
        { label: "p95", numeric: true }
      ],
      rows: a.versions.map((v) => [
        cell(v.version),
        cell(commitRef(model, v.commit), v.commit ?? ""),
        num(formatCount(v.runs), v.runs),
        num(formatCount(v.failed), v.failed),
        num(formatPercent(v.success_rate), v.success_rate),
        num(formatDuration(v.p50_ms), v.p50_ms),
        num(formatDuration(v.p95_ms), v.p95_ms)
      ]),
      empty: "No runs in this period."
    },
    runsTable(model, `Latest ${a.recent.length} of ${plural(a.runs.runs, "run")}, newest first`, a.recent),
    { type: "heading", level: 2, text: "Change \u2192 outcome timeline" },
    ...outcomeBlocks(model, a),
    { type: "heading", level: 2, text: "Change history" },
    ...changeHistory(model, a.changes),
    { type: "heading", level: 2, text: "Targets" },
    {
      type: "table",
      caption: "Systems this action touched",
      columns: [
        { label: "Target", rowHeader: true },
        { label: "Runs", numeric: true },
        { label: "Last run" }
      ],
      rows: a.targets.map((t) => [
        cell({ code: t.target }),
        num(formatCount(t.runs), t.runs),
        timeCell(t.last_run_at)
      ]),
      empty: "No run named a target."
    },
    {
      type: "paragraph",
      content: [
        a.untouched_targets.length === 0 ? "Every target the definition names was touched by a run." : `Named in the definition but not touched by any run: ${a.untouched_targets.join(", ")}.`
      ]
    },
    { type: "heading", level: 2, text: "Findings" },
    findingsTable(
      a.findings.total > a.findings.items.length ? `Latest ${a.findings.items.length} of ${plural(a.findings.total, "finding")} about ${a.id}` : `Findings about ${a.id}`,
      a.findings.items,
      "No findings about this action."
    )
  );
  return { id: `actions/${a.id}`, title: `Action ${a.id}`, blocks };
}
function outcomeBlocks(model, a) {
  const side = (s) => num(`${formatPercent(s.rate)} failed, n=${s.finished}`, s.rate);
  return [
    {
      type: "paragraph",
      content: [
        `Each row compares the failure rate (failed and timed-out runs over finished runs) of up to ${a.outcome_window} runs started just before a change with up to ${a.outcome_window} runs started just after it; n is the number of finished runs on each side. With fewer than ${MIN_OUTCOME_RUNS} finished runs on either side the rows say "too few runs to compare": a difference over a handful of runs is not a trend.`
      ]
    },
    {
      type: "table",
      caption: `Failure rate before and after each change to ${a.id}`,
      columns: [
        { label: "Version", rowHeader: true },
        { label: "Changed" },
        { label: "By" },
        { label: "Fields" },
        { label: "Before", numeric: true },
        { label: "After", numeric: true },
        { label: "Runs compared" },
        { label: "Change", numeric: true }
      ],
      rows: a.outcomes.map((o) => [
        cell([`v${o.version} `, commitRef(model, o.commit)], o.version),
        timeCell(o.created_at),
        cell(o.user),
        cell(o.fields.flatMap((f, i) => i === 0 ? [{ code: f }] : [", ", { code: f }])),
        side(o.before),
        side(o.after),
        cell(`n=${o.before.finished} before / n=${o.after.finished} after`),
        deltaCell(o)
      ]),
      empty: "No changes to this action in the period."
    }
  ];
}
function deltaCell(o) {
  if (!o.comparable) return { content: ["too few runs to compare"], sort: -1 };
  if (o.before.rate === null || o.after.rate === null) return num("\u2013", null);
  const delta = o.after.rate - o.before.rate;
  const points = `${delta > 0 ? "+" : ""}${(delta * 100).toFixed(1)} pts`;
  const text = delta > 0 ? `${points}, worse` : delta < 0 ? `${points}, better` : `${points}, same`;
  return { content: [{ badge: text, tone: delta > 0 ? "bad" : delta < 0 ? "ok" : "neutral" }], sort: delta };
}

// src/reports/pages/coverage-page.ts
function coveragePageInputs(model) {
  return { ...fixedPageContext(model), coverage: model.coverage };
}
function buildCoveragePage(model) {
  const links = (ids) => ids.flatMap((id, i) => {
    const link = id.includes("/") ? id : actionLink(id);
    return i === 0 ? [link] : [", ", link];
  });
  return {
    id: "coverage",
    title: "Target coverage",
    blocks: [
      { type: "heading", level: 1, text: "Target coverage" },
      nav(),
      periodLine(model),
      { type: "heading", level: 2, text: "Systems touched" },
      {
        type: "table",
        caption: "Target systems and the actions that ran against them",
        columns: [
          { label: "Target", rowHeader: true },
          { label: "Actions", numeric: true },
          { label: "Runs", numeric: true },
          { label: "Last run" },
          { label: "By actions" }
        ],
        rows: model.coverage.targets.map((t) => [
          cell({ code: t.target }, t.target),
          num(String(t.actions.length), t.actions.length),
          num(formatCount(t.runs), t.runs),
          timeCell(t.last_run_at),
          cell(links(t.actions))
        ]),
        empty: "No run named a target in this period."
      },
      { type: "heading", level: 2, text: "Systems never touched" },
      {
        type: "table",
        caption: "Targets named in definitions that no run touched in the period",
        columns: [{ label: "Target", rowHeader: true }, { label: "Named by" }],
        rows: model.coverage.untouched.map((t) => [
          cell({ code: t.target }, t.target),
          cell(links(t.named_by))
        ]),
        empty: "Every target named in a definition was touched."
      }
    ]
  };
}

// src/reports/pages/findings-page.ts
function findingsPageInputs(model) {
  return { ...fixedPageContext(model), findings: model.findings };
}
function buildFindingsPage(model) {
  const blocks = [
    { type: "heading", level: 1, text: "Compliance findings" },
    nav(),
    periodLine(model),
    {
      type: "paragraph",
      content: [
        "Changes are judged by the role files just before the change; runs by the role files in force when they started. Every finding lists the commit, user, time and role files it rests on."
      ]
    },
    {
      type: "table",
      caption: "Findings by kind",
      columns: [
        { label: "Finding", rowHeader: true },
        { label: "Severity" },
        { label: "Count", numeric: true }
      ],
      rows: model.findings.map((g) => [
        cell(pageLink("findings", g.title, g.kind), g.title),
        cell(badge(g.severity), g.severity),
        num(formatCount(g.total), g.total)
      ]),
      empty: "No findings."
    }
  ];
  for (const g of model.findings) {
    blocks.push(
      { type: "heading", level: 2, text: g.title, id: g.kind },
      { type: "paragraph", content: [badge(g.severity), " ", ...richText(g.why)] },
      findingsTable(
        // Captions name their kind: each table is a landmark, and landmarks on a page need distinct names.
        g.total > g.items.length ? `${g.title}: newest ${g.items.length} of ${formatCount(g.total)}` : `${g.title}: ${g.total === 1 ? "the only one" : `all ${g.total}`}`,
        g.items,
        "None."
      )
    );
  }
  return { id: "findings", title: "Compliance findings", blocks };
}

// src/reports/pages/index-page.ts
var TOP_FINDINGS = 10;
var LATEST_RUNBOOK_RUNS = 10;
function buildIndexPage(model) {
  const severities = { high: 0, medium: 0, low: 0 };
  for (const g of model.findings) severities[g.severity] += g.total;
  const top = model.findings.flatMap((g) => g.items.slice(0, 3)).slice(0, TOP_FINDINGS);
  const verify = model.journal.verify;
  const head = model.journal.head;
  const blocks = [
    { type: "heading", level: 1, text: `Automation audit report: ${model.repo.name}` },
    nav(),
    periodLine(model),
    {
      type: "facts",
      items: [
        ["As of", [formatTime(model.generated_at)]],
        [
          "Definitions as of",
          model.definitions_as_of === null ? ["no definitions on the branch"] : [
            commitRef(model, model.definitions_as_of.commit),
            `, ${formatTime(model.definitions_as_of.at)}`
          ]
        ],
        [
          "Journal chain head",
          head === null ? ["empty journal"] : [`seq ${head.seq}, `, { code: shortSha(head.hash) }]
        ],
        [
          "Journal verification",
          verify === null ? ["not run"] : [
            badge(verify.ok ? "passed" : "failed"),
            ` \xB7 ${plural(verify.records, "record")}, ${plural(verify.problems, "problem")}, ${plural(verify.gaps, "retention gap")}`
          ]
        ]
      ]
    },
    { type: "heading", level: 2, text: "Summary" },
    {
      type: "facts",
      items: [
        [
          "Definitions",
          [
            `${plural(model.counts.actions, "action")}, ${plural(model.counts.runbooks, "runbook")}, ${plural(model.counts.roles, "role")}`
          ]
        ],
        [
          "Changes",
          [`${plural(model.counts.events, "audit event")}, ${plural(model.counts.invalid, "invalid file")}`]
        ],
        [
          "Runs",
          [
            `${formatCount(model.counts.runs)} in the journal`,
            model.counts.purged_runs > 0 ? ` + ${formatCount(model.counts.purged_runs)} purged (rollups)` : "",
            model.counts.runbook_runs > 0 ? `; ${plural(model.counts.runbook_runs, "runbook run")}` : ""
          ]
        ],
        ...model.schedules.length === 0 ? [] : [
          [
            "Schedules",
            [
              `${plural(model.schedules.length, "schedule")}, ${plural(
                model.schedules.reduce((n2, s) => n2 + s.missed, 0),
                "missed firing"
              )} `,
              pageLink("schedules", "(schedule adherence)")
            ]
          ]
        ],
        [
          "Outcomes",
          [
            `${formatPercent(model.totals.success_rate)} succeeded; duration p50 ${formatDuration(model.totals.p50_ms)}, p95 ${formatDuration(model.totals.p95_ms)}`
          ]
        ],
        [
          "People and systems",
          [
            `${plural(model.counts.users, "active user")}, ${plural(model.counts.targets, "target system")} touched`
          ]
        ],
        [
          "Findings",
          [
            badge("high"),
            ` ${severities.high} \xB7 `,
            badge("medium"),
            ` ${severities.medium} \xB7 `,
            badge("low"),
            ` ${severities.low} `,
            pageLink("findings", "(all findings)")
          ]
        ]
      ]
    },
    { type: "chart", chart: { kind: "weekly", title: "Runs per week, all actions", weeks: model.weekly } },
    {
      type: "chart",
      chart: {
        kind: "rates",
        title: "Success rate per action",
        items: model.actions.filter((a) => a.runs.runs > 0).map((a) => ({ label: a.id, rate: a.runs.success_rate, runs: a.runs.runs }))
      }
    },
    { type: "heading", level: 2, text: "Top findings" },
    findingsTable(
      "Most severe and most recent findings",
      top,
      "No findings: every change and run checked out."
    ),
    { type: "heading", level: 2, text: "Actions" },
    {
      type: "table",
      caption: "Actions with their runs in the period",
      columns: [
        { label: "Action", rowHeader: true },
        { label: "Status" },
        { label: "Runs", numeric: true },
        { label: "Success rate", numeric: true },
        { label: "p50", numeric: true },
        { label: "p95", numeric: true },
        { label: "Last run" },
        { label: "Changes", numeric: true },
        { label: "Findings", numeric: true }
      ],
      rows: model.actions.map((a) => [
        cell(actionLink(a.id), a.id),
        statusCell(a.definition?.status ?? "unknown", a.definition?.deleted ?? false),
        num(formatCount(a.runs.runs), a.runs.runs),
        num(formatPercent(a.runs.success_rate), a.runs.success_rate),
        num(formatDuration(a.runs.p50_ms), a.runs.p50_ms),
        num(formatDuration(a.runs.p95_ms), a.runs.p95_ms),
        timeCell(a.runs.last_run_at),
        num(String(a.change_count), a.change_count),
        num(String(a.findings.total), a.findings.total)
      ]),
      empty: "No actions."
    },
    { type: "heading", level: 2, text: "Runbooks" },
    {
      type: "table",
      caption: "Runbooks with their step executions in the period",
      columns: [
        { label: "Runbook", rowHeader: true },
        { label: "Status" },
        { label: "Runbook runs", numeric: true },
        { label: "Step runs", numeric: true },
        { label: "Success rate", numeric: true },
        { label: "Last run" },
        { label: "Changes", numeric: true }
      ],
      rows: model.runbooks.map((r) => [
        cell(pageLink(`runbooks/${r.id}`, r.id), r.id),
        statusCell(r.definition?.status ?? "unknown", r.definition?.deleted ?? false),
        num(formatCount(r.runs.runbook_runs), r.runs.runbook_runs),
        num(formatCount(r.runs.runs), r.runs.runs),
        num(formatPercent(r.runs.success_rate), r.runs.success_rate),
        timeCell(r.runs.last_run_at),
        num(String(r.change_count), r.change_count)
      ]),
      empty: "No runbooks."
    }
  ];
  if (model.counts.runbook_runs > 0) blocks.push(latestRunbookRuns(model));
  return { id: "index", title: `Audit report: ${model.repo.name}`, blocks };
}
function latestRunbookRuns(model) {
  return {
    type: "table",
    caption: "Latest runbook runs",
    columns: [
      { label: "Runbook run", rowHeader: true },
      { label: "Runbook" },
      { label: "Started" },
      { label: "Status" },
      { label: "User" },
      { label: "Trigger" }
    ],
    rows: model.runbooks.flatMap((r) => r.runbook_runs).sort((a, b) => a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0).slice(0, LATEST_RUNBOOK_RUNS).map((run) => [
      cell(runbookRunLink(model, run.id), run.id),
      cell(pageLink(`runbooks/${run.runbook}`, run.runbook), run.runbook),
      timeCell(run.started_at),
      cell(badge(run.status), run.status),
      cell(run.user),
      cell(run.trigger)
    ]),
    empty: "No runbook runs in this period."
  };
}
function statusCell(status, deleted) {
  const content = [badge(status)];
  if (deleted) content.push(" deleted");
  return cell(content, status);
}

// src/reports/pages/runbook-page.ts
function buildRunbookPage(model, r) {
  const d = r.definition;
  const blocks = definitionPageHead(
    model,
    `Runbook ${r.id}${d ? `: ${d.name}` : ""}`,
    d ? null : "Executions name this runbook, but the tracked branch never had a definition with this id."
  );
  if (d !== null) {
    blocks.push(definitionFacts(model, d), {
      type: "table",
      caption: "Steps in order",
      columns: [
        { label: "Step", rowHeader: true },
        { label: "Name" },
        { label: "Action" },
        { label: "When" },
        { label: "Automatic" }
      ],
      rows: d.steps.map((s) => [
        cell({ code: s.id }),
        cell(s.name),
        cell(actionLink(s.action), s.action),
        cell(s.when),
        cell(s.automatic ? "yes" : "no")
      ]),
      empty: "No steps."
    });
  }
  blocks.push(
    { type: "heading", level: 2, text: "Runs" },
    {
      type: "facts",
      items: [
        ["Runbook runs", [formatCount(r.runs.runbook_runs)]],
        ...rateFacts(r.runs).map(([k, v]) => [k === "Runs" ? "Step executions" : k, v]),
        ["Last run", [formatTime(r.runs.last_run_at)]]
      ]
    },
    runbookRunsTable(model, r),
    {
      type: "table",
      caption: "Step executions per step",
      columns: [
        { label: "Step", rowHeader: true },
        { label: "Action" },
        { label: "Runs", numeric: true },
        { label: "Failed", numeric: true },
        { label: "Success rate", numeric: true },
        { label: "p50", numeric: true },
        { label: "p95", numeric: true }
      ],
      rows: r.steps.map((s) => [
        cell({ code: s.step }),
        cell(pageLink(`actions/${s.action}`, s.action), s.action),
        num(formatCount(s.summary.runs), s.summary.runs),
        num(formatCount(s.summary.failed), s.summary.failed),
        num(formatPercent(s.summary.success_rate), s.summary.success_rate),
        num(formatDuration(s.summary.p50_ms), s.summary.p50_ms),
        num(formatDuration(s.summary.p95_ms), s.summary.p95_ms)
      ]),
      empty: "No step executions in this period."
    },
    runsTable(
      model,
      `Latest ${r.recent.length} of ${plural(r.runs.runs, "step execution")}, newest first`,
      r.recent,
      true
    ),
    { type: "heading", level: 2, text: "Change history" },
    ...changeHistory(model, r.changes),
    { type: "heading", level: 2, text: "Findings" },
    findingsTable(`Findings about ${r.id}`, r.findings.items, "No findings about this runbook.")
  );
  return { id: `runbooks/${r.id}`, title: `Runbook ${r.id}`, blocks };
}
function runbookRunsTable(model, r) {
  const shown = r.runbook_runs.length;
  return {
    type: "table",
    caption: shown === r.runs.runbook_runs ? `${plural(shown, "runbook run")}, newest first` : `Latest ${shown} of ${plural(r.runs.runbook_runs, "runbook run")}, newest first`,
    columns: [
      { label: "Runbook run", rowHeader: true },
      { label: "Started" },
      { label: "Status" },
      { label: "Duration", numeric: true },
      { label: "User" },
      { label: "Trigger" },
      { label: "Steps" }
    ],
    rows: r.runbook_runs.map((run) => [
      cell(runbookRunLink(model, run.id), run.id),
      timeCell(run.started_at),
      cell(badge(run.status), run.status),
      num(formatDuration(run.duration_ms), run.duration_ms),
      cell(run.user),
      cell(run.trigger),
      cell(run.steps.map((s) => `${s.id} ${s.status}`).join(", ") || "\u2013")
    ]),
    empty: "No runbook runs in this period."
  };
}

// src/reports/pages/runbook-run-page.ts
function buildRunbookRunPage(model, runbook, run) {
  const start = Date.parse(run.started_at);
  const executions = run.steps.flatMap((s) => s.executions.map((e) => ({ step: s, e })));
  const blocks = [
    { type: "heading", level: 1, text: `Runbook run ${run.id}` },
    nav(),
    periodLine(model),
    {
      type: "facts",
      items: [
        ["Runbook", [pageLink(`runbooks/${runbook.id}`, runbook.id)]],
        ["Status", [badge(run.status)]],
        ["Started", [formatTime(run.started_at)]],
        ...run.planned_at ? [["Planned", [formatTime(run.planned_at)]]] : [],
        ["Finished", [run.finished_at === null ? "not yet" : formatTime(run.finished_at)]],
        ["Duration", [formatDuration(run.duration_ms)]],
        ["Initiator", [run.user]],
        ["Trigger", [run.trigger]],
        ["Pinned to", [run.version, " at ", commitRef(model, run.pinned_commit)]],
        ["Targets", [run.targets.join(", ") || "\u2013 (each step\u2019s own)"]],
        ["Steps", [stepSummary(run.steps)]],
        ...run.cancel_requested ? [
          [
            "Cancel requested",
            [`by ${run.cancel_requested.user} at ${formatTime(run.cancel_requested.at)}`]
          ]
        ] : [],
        ...run.error ? [["Error", [run.error]]] : []
      ]
    },
    {
      type: "table",
      caption: "Parameters of the run",
      columns: [{ label: "Parameter", rowHeader: true }, { label: "Value" }],
      rows: run.parameters.map((p) => [
        cell({ code: p.name }),
        cell(p.redacted ? badge("redacted (secret)") : { code: p.value })
      ]),
      empty: "No parameters."
    },
    { type: "heading", level: 2, text: "Timeline" },
    {
      type: "table",
      caption: "Steps in order",
      columns: [
        { label: "Step", rowHeader: true },
        { label: "Action" },
        { label: "Status" },
        { label: "Started" },
        { label: "After", numeric: true },
        { label: "Duration", numeric: true },
        { label: "Runs", numeric: true },
        { label: "Exit", numeric: true },
        { label: "Decided by" },
        { label: "Note" }
      ],
      rows: run.steps.map((s) => {
        const at = s.started_at === null ? null : Date.parse(s.started_at) - start;
        return [
          cell({ code: s.id }, s.id),
          cell(actionLink(s.action), s.action),
          cell(badge(s.status), s.status),
          timeCell(s.started_at),
          num(at === null ? "\u2013" : `+${formatDuration(Math.max(0, at))}`, at),
          num(formatDuration(s.duration_ms), s.duration_ms),
          num(String(s.executions.length), s.executions.length),
          num(s.exit_code === null ? "\u2013" : String(s.exit_code), s.exit_code),
          cell(decision(s)),
          cell(s.reason ?? "\u2013")
        ];
      }),
      empty: "No steps recorded."
    },
    {
      type: "table",
      caption: "Step executions, one per repetition",
      columns: [
        { label: "Execution", rowHeader: true },
        { label: "Step" },
        { label: "Attempt", numeric: true },
        { label: "Status" },
        { label: "Started" },
        { label: "Duration", numeric: true },
        { label: "Exit", numeric: true }
      ],
      rows: executions.map(({ step, e }) => [
        cell({ code: e.id }, e.id),
        cell({ code: step.id }, step.id),
        num(String(e.attempt), e.attempt),
        cell(badge(e.status), e.status),
        timeCell(e.started_at),
        num(formatDuration(e.duration_ms), e.duration_ms),
        num(e.exit_code === null ? "\u2013" : String(e.exit_code), e.exit_code)
      ]),
      empty: "No step ran."
    }
  ];
  return { id: `runbook_runs/${run.id}`, title: `Runbook run ${run.id} (${runbook.id})`, blocks };
}
function decision(s) {
  if (s.decided_by === null) return ["\u2013"];
  return [`${s.decided_by.decision} by ${s.decided_by.user}`, { br: true }, formatTime(s.decided_by.at)];
}
function stepSummary(steps) {
  if (steps.length === 0) return "none recorded";
  const counts = /* @__PURE__ */ new Map();
  for (const s of steps) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n2]) => `${n2} ${status}`);
  return `${plural(steps.length, "step")}: ${parts.join(", ")}`;
}

// src/reports/pages/schedules-page.ts
function schedulesPageInputs(model) {
  return {
    ...fixedPageContext(model),
    schedules: model.schedules,
    actions: model.actions.map((a) => ({ id: a.id })),
    runbooks: model.runbooks.map((r) => ({ id: r.id }))
  };
}
function buildSchedulesPage(model) {
  const pages = /* @__PURE__ */ new Set([
    ...model.actions.map((a) => `actions/${a.id}`),
    ...model.runbooks.map((r) => `runbooks/${r.id}`)
  ]);
  const link = (s) => {
    const page = `${s.kind === "action" ? "actions" : "runbooks"}/${s.id}`;
    return pages.has(page) ? pageLink(page, s.id) : { code: s.id };
  };
  const missed = model.schedules.reduce((n2, s) => n2 + s.missed, 0);
  const skipped = model.schedules.reduce((n2, s) => n2 + s.skipped, 0);
  return {
    id: "schedules",
    title: "Schedule adherence",
    blocks: [
      { type: "heading", level: 1, text: "Schedule adherence" },
      nav(),
      periodLine(model),
      {
        type: "paragraph",
        content: [
          `${plural(model.schedules.length, "schedule")}; ${plural(missed, "firing")} missed, ${plural(skipped, "firing")} skipped in the period. `,
          "Planned counts the firings the scheduler recorded: those that started, those it recorded as ",
          { code: "missed" },
          " (while no scheduler ran) and ",
          { code: "skipped" },
          " (the previous run still ran, ",
          { code: "overlap: skip" },
          "). Late is the start minus the planned time of the runs that started."
        ]
      },
      {
        type: "table",
        caption: "Planned and started firings per schedule",
        columns: [
          { label: "Definition", rowHeader: true },
          { label: "Kind" },
          { label: "Schedule" },
          { label: "Planned", numeric: true },
          { label: "Started", numeric: true },
          { label: "Late p50", numeric: true },
          { label: "Late max", numeric: true },
          { label: "Missed", numeric: true },
          { label: "Skipped", numeric: true },
          { label: "Success rate", numeric: true },
          { label: "Last planned" }
        ],
        rows: model.schedules.map((s) => [
          cell(link(s), s.id),
          cell(s.kind),
          cell(s.schedule === null ? "no longer scheduled" : { code: s.schedule }),
          num(formatCount(s.planned), s.planned),
          num(formatCount(s.started), s.started),
          num(formatDuration(s.late_p50_ms), s.late_p50_ms),
          num(formatDuration(s.late_max_ms), s.late_max_ms),
          num(s.missed === 0 ? "0" : `${formatCount(s.missed)} (${plural(s.outages, "outage")})`, s.missed),
          num(formatCount(s.skipped), s.skipped),
          num(
            s.success_rate === null ? "\u2013" : `${formatPercent(s.success_rate)} of ${formatCount(s.succeeded + s.failed)}`,
            s.success_rate
          ),
          timeCell(s.last_planned_at)
        ]),
        empty: "No scheduled definitions and no scheduled firings in this period."
      }
    ]
  };
}

// src/reports/pages/usage-page.ts
function usagePageInputs(model) {
  return {
    ...fixedPageContext(model),
    weekly: model.weekly,
    usage: model.usage,
    rollups: model.rollups,
    actions: model.actions.map((a) => ({ id: a.id, runs: a.runs }))
  };
}
function buildUsagePage(model) {
  const weeks = model.usage.weeks;
  const blocks = [
    { type: "heading", level: 1, text: "Usage" },
    nav(),
    periodLine(model),
    { type: "chart", chart: { kind: "weekly", title: "Runs per week, all actions", weeks: model.weekly } },
    { type: "heading", level: 2, text: "Runs per action per week" },
    {
      type: "table",
      caption: weeks.length < model.weekly.length ? `Runs per action in the last ${weeks.length} ISO weeks of the period (each action page has its full series)` : "Runs per action per ISO week",
      columns: [
        { label: "Action", rowHeader: true },
        ...weeks.map((w) => ({ label: w, numeric: true })),
        { label: "Period total", numeric: true }
      ],
      rows: model.usage.rows.map((r) => [
        cell(actionLink(r.action), r.action),
        ...r.counts.map((c) => num(formatCount(c), c)),
        num(formatCount(r.total), r.total)
      ]),
      empty: "No runs in this period."
    },
    { type: "heading", level: 2, text: "Success and failure rates" },
    {
      type: "chart",
      chart: {
        kind: "rates",
        title: "Success rate per action",
        items: model.actions.filter((a) => a.runs.runs > 0).map((a) => ({ label: a.id, rate: a.runs.success_rate, runs: a.runs.runs }))
      }
    },
    {
      type: "table",
      caption: "Outcomes per action (timed-out runs count as failed; cancelled and denied as other)",
      columns: [
        { label: "Action", rowHeader: true },
        { label: "Runs", numeric: true },
        { label: "Succeeded", numeric: true },
        { label: "Failed", numeric: true },
        { label: "Other", numeric: true },
        { label: "Success rate", numeric: true },
        { label: "Failure rate", numeric: true },
        { label: "p50", numeric: true },
        { label: "p95", numeric: true }
      ],
      rows: model.actions.filter((a) => a.runs.runs > 0).map((a) => {
        const failure = a.runs.success_rate === null ? null : 1 - a.runs.success_rate;
        return [
          cell(actionLink(a.id), a.id),
          num(formatCount(a.runs.runs), a.runs.runs),
          num(formatCount(a.runs.succeeded), a.runs.succeeded),
          num(formatCount(a.runs.failed), a.runs.failed),
          num(formatCount(a.runs.other), a.runs.other),
          num(formatPercent(a.runs.success_rate), a.runs.success_rate),
          num(formatPercent(failure), failure),
          num(formatDuration(a.runs.p50_ms), a.runs.p50_ms),
          num(formatDuration(a.runs.p95_ms), a.runs.p95_ms)
        ];
      }),
      empty: "No runs in this period."
    },
    { type: "heading", level: 2, text: "Purged history" },
    {
      type: "paragraph",
      content: [
        "Runs purged by the retention policy survive as monthly rollups per action; they are not in the tables above."
      ]
    },
    {
      type: "table",
      caption: "Retention rollups per action and month",
      columns: [
        { label: "Action", rowHeader: true },
        { label: "Month" },
        { label: "Succeeded", numeric: true },
        { label: "Failed", numeric: true },
        { label: "Other", numeric: true },
        { label: "p50", numeric: true },
        { label: "p95", numeric: true },
        { label: "Users", numeric: true },
        { label: "Targets", numeric: true }
      ],
      rows: model.rollups.map((r) => {
        const c = r.counts;
        const failed = (c.failed ?? 0) + (c.timed_out ?? 0);
        const other = (c.cancelled ?? 0) + (c.denied ?? 0) + (c.running ?? 0);
        return [
          cell(actionLink(r.action_id), r.action_id),
          cell(r.month),
          num(formatCount(c.succeeded ?? 0), c.succeeded ?? 0),
          num(formatCount(failed), failed),
          num(formatCount(other), other),
          num(formatDuration(r.p50_ms), r.p50_ms),
          num(formatDuration(r.p95_ms), r.p95_ms),
          num(String(r.users.length), r.users.length),
          num(String(r.targets.length), r.targets.length)
        ];
      }),
      empty: "Nothing was purged in this period."
    }
  ];
  return { id: "usage", title: "Usage", blocks };
}

// src/reports/pages/users-page.ts
function usersPageInputs(model) {
  return { ...fixedPageContext(model), users: model.users, roles: model.roles };
}
function buildUsersPage(model) {
  return {
    id: "users",
    title: "Users and roles",
    blocks: [
      { type: "heading", level: 1, text: "Users and roles" },
      nav(),
      periodLine(model),
      { type: "heading", level: 2, text: "User activity" },
      {
        type: "table",
        caption: "Runs and changes per user (roles as of the end of the period)",
        columns: [
          { label: "User", rowHeader: true },
          { label: "Runs", numeric: true },
          { label: "Failed runs", numeric: true },
          { label: "Actions run", numeric: true },
          { label: "Changes", numeric: true },
          { label: "Roles" },
          { label: "Last seen" }
        ],
        rows: model.users.map((u) => [
          cell(u.user),
          num(formatCount(u.runs), u.runs),
          num(formatCount(u.failed), u.failed),
          num(formatCount(u.actions), u.actions),
          num(formatCount(u.changes), u.changes),
          cell(u.roles.join(", ") || "\u2013"),
          timeCell(u.last_seen)
        ]),
        empty: "Nobody ran or changed anything in this period."
      },
      { type: "heading", level: 2, text: "Role activity" },
      {
        type: "paragraph",
        content: [
          "A run counts for every role its user was a member of when it started, a change for the roles its author held just before it, by the role files in git at that time."
        ]
      },
      {
        type: "table",
        caption: "Runs and changes per role",
        columns: [
          { label: "Role", rowHeader: true },
          { label: "Members now", numeric: true },
          { label: "Permissions now" },
          { label: "Runs", numeric: true },
          { label: "Changes", numeric: true }
        ],
        rows: model.roles.map((r) => [
          cell({ code: r.role }),
          num(String(r.members), r.members),
          cell(r.permissions.join(", ") || "\u2013"),
          num(formatCount(r.runs), r.runs),
          num(formatCount(r.changes), r.changes)
        ]),
        empty: "No role files."
      }
    ]
  };
}

// src/reports/report-pages.ts
function fixed(inputs, build) {
  return { inputs, build };
}
var FIXED = {
  // The overview reads nearly all of the model, and changes with every run (the chain head) and commit.
  index: { inputs: null, build: buildIndexPage },
  findings: fixed(findingsPageInputs, buildFindingsPage),
  usage: fixed(usagePageInputs, buildUsagePage),
  users: fixed(usersPageInputs, buildUsersPage),
  coverage: fixed(coveragePageInputs, buildCoveragePage),
  schedules: fixed(schedulesPageInputs, buildSchedulesPage)
};
function fixedPageInputs(model) {
  const inputs = /* @__PURE__ */ new Map();
  for (const [page, f] of Object.entries(FIXED)) if (f.inputs) inputs.set(page, f.inputs(model));
  return inputs;
}
function listPages(model) {
  return [
    ...Object.keys(FIXED),
    ...model.actions.map((a) => `actions/${a.id}`),
    ...model.runbooks.map((r) => `runbooks/${r.id}`),
    ...model.runbooks.flatMap((r) => r.runbook_runs.map((run) => `runbook_runs/${run.id}`))
  ];
}
function buildPage(model, page) {
  const fixedPage = FIXED[page];
  if (fixedPage)
    return fixedPage.build(
      fixedPage.inputs ? fixedPage.inputs(model) : model
    );
  const [folder, id] = page.split("/");
  const action = folder === "actions" ? model.actions.find((a) => a.id === id) : void 0;
  if (action) return buildActionPage(model, action);
  const runbook = folder === "runbooks" ? model.runbooks.find((r) => r.id === id) : void 0;
  if (runbook) return buildRunbookPage(model, runbook);
  if (folder === "runbook_runs") {
    for (const r of model.runbooks) {
      const run = r.runbook_runs.find((x) => x.id === id);
      if (run) return buildRunbookRunPage(model, r, run);
    }
  }
  throw new OpsledgerError("NOT_FOUND", `no report page ${page}`, {
    hint: "List the pages with listPages(model)."
  });
}
function relativeHref(from, target, ext, anchor) {
  const up = from.includes("/") ? "../" : "";
  return `${up}${target}.${ext}${anchor === void 0 ? "" : `#${anchor}`}`;
}

// src/reports/page-cache.ts
import { mkdir as mkdir4, open as open3 } from "node:fs/promises";
import path6 from "node:path";

// src/reports/file-marks.ts
import { createHash as createHash11 } from "node:crypto";
import { statSync as statSync2 } from "node:fs";
import { open as open2 } from "node:fs/promises";
function statMark(st) {
  return {
    size: Number(st.size),
    dev: String(st.dev),
    ino: String(st.ino),
    mtime: String(st.mtimeNs),
    ctime: String(st.ctimeNs)
  };
}
function statFile(file) {
  const st = statSync2(file, { bigint: true, throwIfNoEntry: false });
  return st?.isFile() ? statMark(st) : null;
}
async function stillAsMarked(file, mark, racyFrom) {
  const now = statFile(file);
  if (now === null) return null;
  if (sameStat(now, mark) && BigInt(mark.ctime) < racyFrom) return mark;
  if (now.size !== mark.size) return null;
  try {
    const handle = await open2(file, "r");
    try {
      const st = statMark(await handle.stat({ bigint: true }));
      const bytes = await handle.readFile();
      return sha256(bytes) === mark.sha256 ? { ...st, sha256: mark.sha256 } : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
function sameStat(a, b) {
  return a.size === b.size && a.ino === b.ino && a.dev === b.dev && a.mtime === b.mtime && a.ctime === b.ctime;
}
function sha256(data) {
  return createHash11("sha256").update(data).digest("hex");
}

// src/reports/page-cache.ts
var PAGE_CACHE_FORMAT = 2;
function pageCachePath(dataDir) {
  return path6.join(dataDir, "cache", "report-pages.json");
}
function pageDigests(model) {
  const { name, branch, web_url: webUrl2 } = model.repo;
  const context = JSON.stringify([
    model.generated_at,
    model.period,
    name,
    branch,
    webUrl2,
    model.pseudonymized,
    // Which runbook runs have a page: a step's run is linked to it from action and runbook pages.
    [...runbookRunPages(model)].sort()
  ]);
  const digests2 = /* @__PURE__ */ new Map();
  const of = (section) => sectionDigests.get(section)?.() ?? JSON.stringify(section);
  for (const a of model.actions) digests2.set(`actions/${a.id}`, sha256(`${context}\0${of(a)}`));
  for (const r of model.runbooks) digests2.set(`runbooks/${r.id}`, sha256(`${context}\0${of(r)}`));
  return digests2;
}
var sectionDigests = /* @__PURE__ */ new WeakMap();
function fixedPageDigests(model) {
  const digests2 = /* @__PURE__ */ new Map();
  for (const [page, inputs] of fixedPageInputs(model)) digests2.set(page, sha256(JSON.stringify(inputs)));
  return digests2;
}
async function reusablePages(dataDir, outDir, formats, digests2) {
  const reuse = { pages: /* @__PURE__ */ new Set(), marks: /* @__PURE__ */ new Map() };
  const read = await readPageCache(dataDir);
  if (!read) return reuse;
  const { cache, savedAt } = read;
  if (cache.format !== PAGE_CACHE_FORMAT || cache.version !== PACKAGE_VERSION || cache.outDir !== path6.resolve(outDir) || cache.formats?.join(",") !== formats.join(",") || typeof cache.pages !== "object")
    return reuse;
  const checks = [];
  for (const [page, digest] of digests2) {
    const entry = cache.pages[page];
    if (!entry || entry.digest !== digest || entry.files.length !== formats.length) continue;
    checks.push(
      Promise.all(entry.files.map((f) => stillAsMarked(path6.join(outDir, f.path), f, savedAt))).then(
        (marks) => {
          if (marks.some((m) => m === null)) return;
          reuse.pages.add(page);
          entry.files.forEach((f, i) => reuse.marks.set(f.path, marks[i]));
        }
      )
    );
  }
  await Promise.all(checks);
  return reuse;
}
async function readPageCache(dataDir) {
  try {
    const handle = await open3(pageCachePath(dataDir), "r");
    try {
      const savedAt = (await handle.stat({ bigint: true })).mtimeNs;
      return { cache: JSON.parse(await handle.readFile("utf8")), savedAt };
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
async function savePageCache(dataDir, outDir, formats, digests2, rendered, reused, written) {
  const contents = new Map(rendered.map((f) => [f.path, f.content]));
  const markOf = (file) => {
    const kept2 = reused.get(file);
    if (kept2) return kept2;
    const st = written.get(file);
    const content = contents.get(file);
    return st && content !== void 0 ? { sha256: sha256(content), ...st } : void 0;
  };
  const pages = {};
  for (const [page, digest] of digests2) {
    const files = formats.map((format) => `${page}.${format}`);
    const marks = files.map(markOf);
    if (marks.some((m) => m === void 0)) continue;
    pages[page] = { digest, files: files.map((f, i) => ({ path: f, ...marks[i] })) };
  }
  const cache = {
    format: PAGE_CACHE_FORMAT,
    version: PACKAGE_VERSION,
    outDir: path6.resolve(outDir),
    formats: [...formats],
    pages
  };
  try {
    const file = pageCachePath(dataDir);
    await mkdir4(path6.dirname(file), { recursive: true, mode: 448 });
    await writeFileAtomic(file, JSON.stringify(cache));
  } catch {
  }
}

// src/reports/build-model-from-view.ts
async function buildModelFromView(input, view, parts, prefetch, summaries = null) {
  const ctx = modelContext(input);
  const { pit, people } = ctx;
  const period = { since: ctx.since, until: ctx.until };
  const summaryAt = summaries && view.blockDigest && view.block ? summaryKey(view.blockDigest, period.since, view.block.startedBy(period.until)) : null;
  const kept2 = summaryAt && !view.hasDeadRows() ? await summaries.read(summaryAt) : null;
  const summary = summarizeView(view, period, kept2);
  if (summaryAt && summary.block) await summaries.write(summaryAt, summary.block);
  const users = /* @__PURE__ */ new Map();
  const resolve = (stored) => {
    let user = users.get(stored);
    if (user === void 0) users.set(stored, user = input.resolveUser(stored));
    return user;
  };
  const rowsOf = (refs) => {
    const rows = view.runs(refs).map((run, k) => refs[k] >= 0 ? run : { ...run }).sort(compareRuns2);
    const pointAt = pit.sweep();
    for (const row of rows) {
      row.user = resolve(row.user);
      row.point = pointAt(row.started);
    }
    return rows;
  };
  const derive = derivation(input);
  const strings = view.block?.strings ?? [];
  const marks = /* @__PURE__ */ new Map();
  const mark = (c) => {
    let h = marks.get(c);
    if (h === void 0) marks.set(c, h = fnv(`${c}@${pit.indexOf(c)}`));
    return h;
  };
  const refMarks = new Float64Array(strings.length).fill(NaN);
  const commitsDigest = (o) => {
    let size = 0;
    let sum = 0;
    let sumB = 0;
    let xor = 0;
    const add = (h) => {
      size += 1;
      sum = sum + h | 0;
      sumB = sumB + Math.imul(h ^ h >>> 15, 1540483477) | 0;
      xor ^= h;
    };
    for (const ref of o.blockCommits) {
      let h = refMarks[ref];
      if (Number.isNaN(h)) refMarks[ref] = h = mark(strings[ref]);
      add(h);
    }
    if (o.commits.size > 0) {
      const inBlock = /* @__PURE__ */ new Set();
      for (const ref of o.blockCommits) inBlock.add(strings[ref]);
      for (const c of o.commits) if (!inBlock.has(c)) add(mark(c));
    }
    return [size, sum >>> 0, sumB >>> 0, xor >>> 0];
  };
  const fingerprint = (o) => o === void 0 ? null : [
    o.size,
    o.counted,
    o.sumA >>> 0,
    o.sumB >>> 0,
    o.xor >>> 0,
    derive.points(o.maxStarted),
    [...o.users].map(resolve).sort(),
    commitsDigest(o)
  ];
  const collector = new FindingCollector();
  const changeTally = judgeChanges2(input, ctx, parts, collector);
  findFiringFindings(rowsOf(summary.firings), { people, collector });
  findContextFindings(input, ctx, summary.lastRunBefore, collector);
  const weeks = chartWeeks(ctx, summary.firstStarted);
  const owner = (key) => summary.owners.get(key);
  const refsOf = (o) => o ? summary.refsOf(o) : [];
  const actionIds = sortedUnion(
    ctx.liveActions.map((d) => d.id),
    ctx.actionEvents.keys(),
    [...summary.owners].filter(([k, o]) => k.startsWith("action:") && o.counted > 0).map(([k]) => k.slice(7))
  );
  const whole = input.historyIdentity ? partKey(["events", input.historyIdentity, ctx.untilIndex]) : null;
  const context = partKey([
    input.period.since,
    weeks,
    input.config.reports.outcome_window,
    ctx.runContext.streak,
    ctx.runContext.requireServer,
    people.person("someone@opsledger.invalid"),
    // Names only matter when pseudonymizing (they are scrubbed from free text).
    input.pseudonymize ? [...knownNames(input.events)].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0) : null,
    parts.eventsDigest(whole, "context", () => [
      ctx.eventsToUntil.filter((e) => e.auditable_type === "Role").map((e) => [pit.indexOf(e.commit), e]),
      input.invalid
    ])
  ]);
  const planned = actionIds.map((id) => {
    const section = actionSection(input, ctx, id, [], weeks);
    const key = partKey([
      context,
      id,
      fingerprint(owner(`action:${id}`)),
      section.definition,
      section.definedTargets,
      parts.eventsDigest(
        eventsSource(
          input.eventRecords?.get(`action:${id}`),
          ctx.eventsById.get(`action:${id}`) ?? [],
          whole
        ),
        `action:${id}`,
        () => ctx.eventsById.get(`action:${id}`) ?? []
      ),
      [...ctx.secrets.get(id) ?? []].sort(),
      ctx.purged.get(id) ?? 0,
      ctx.knownActions.has(id)
    ]);
    return { id, key, part: parts.get(key) };
  });
  const built = [];
  await inBatches(
    planned,
    (p) => rowsOf(refsOf(owner(`action:${p.id}`))).filter(isActionRun),
    (rows) => prefetch(rows.flat(), "actions"),
    ({ id, key, part }, rows) => {
      if (!rows) {
        built.push({ id, key, part });
        return;
      }
      const { findings: _none, ...report } = actionSection(input, ctx, id, rows, weeks).build({
        total: 0,
        items: []
      });
      const runs = runsKey(context, id, fingerprint(owner(`action:${id}`)), ctx, rows);
      const carried = parts.keptRuns(runs);
      let findings = carried?.findings;
      if (!findings) {
        const own = new FindingCollector();
        if (rows.length > 0) findRunFindings(/* @__PURE__ */ new Map([[id, rows]]), { ...ctx.runContext, collector: own });
        findings = own.collected();
      }
      const overview = carried?.overview ?? {
        durations: sortedDurations(rows),
        ...tallyRunActivity(rows, pit),
        targets: tallyTargets(rows)
      };
      const fresh = { report, findings, overview, runs };
      parts.set(key, fresh);
      built.push({ id, key, part: fresh });
    }
  );
  for (const { part } of built) collector.merge(part.findings);
  const actions = built.map(({ id, part }) => {
    const section = Object.defineProperties(
      {},
      Object.getOwnPropertyDescriptors(part.report)
    );
    section.findings = collector.aboutLater("action", id);
    sectionDigests.set(section, () => {
      const kept3 = keptPartDigest(part);
      return kept3 && `part ${kept3} ${collector.aboutText("action", id)}`;
    });
    return section;
  });
  const runbooks = await runbookSections(input, ctx, summary.owners, parts, {
    context,
    fingerprint,
    rowsOf,
    refsOf,
    prefetch,
    collector
  });
  if (!collector.exact()) {
    parts.forgetKept();
    return buildModelFromView(input, view, parts, prefetch, summaries);
  }
  parts.shownSince = collector.shownSince();
  const totals = new RateAccumulator();
  for (const [i, { part }] of built.entries()) totals.addCounted(actions[i].runs, part.overview.durations);
  const activity = buildActivity({
    rows: built.map(({ id, part }) => ({ action: id, tally: part.overview })),
    events: changeTally,
    pit,
    people,
    currentRoles: ctx.liveRoles
  });
  const m = assembleModel(input, ctx, {
    weeks,
    actions,
    runbooks,
    totals,
    weekly: sumWeekly(weeks, actions),
    activity,
    coverage: buildCoverage(
      built.map(({ id, part }) => ({ action: id, targets: part.overview.targets })),
      ctx.liveActions.map((d) => d.value),
      ctx.liveRunbooks.map((d) => d.value)
    ),
    runs: summary.actionRuns,
    runbookRuns: summary.runbookRuns,
    collector,
    schedules: summary.schedules
  });
  return m;
}
async function runbookSections(input, ctx, owners, parts, use) {
  const ids = sortedUnion(
    ctx.liveRunbooks.map((d) => d.id),
    ctx.runbookEvents.keys(),
    [...owners].filter(([k, o]) => k.startsWith("runbook:") && o.counted > 0).map(([k]) => k.slice(8))
  );
  const planned = ids.map((id) => {
    const findings = use.collector.aboutText("runbook", id);
    const key = partKey([
      "runbook",
      use.context,
      id,
      use.fingerprint(owners.get(`runbook:${id}`)),
      ctx.liveRunbooks.find((d) => d.id === id)?.value ?? null,
      ...periodEvents(ctx.eventsById.get(`runbook:${id}`) ?? [], ctx.runbookEvents.get(id) ?? []),
      [...ctx.globalSecrets].sort(),
      findings
    ]);
    return { id, key, part: parts.getRunbook(key) };
  });
  const sections = [];
  await inBatches(
    planned,
    (p) => {
      const rows = use.rowsOf(use.refsOf(owners.get(`runbook:${p.id}`)));
      const steps = rows.filter((r) => isActionRun(r) && r.runbook?.id === p.id);
      const runs = rows.filter((r) => r.kind === "runbook_run" && !isUnranFiring(r));
      return { steps, runs };
    },
    (missing) => use.prefetch(missing.flatMap((m) => [...m.steps, ...m.runs]).sort(compareRuns2), "runbooks"),
    ({ id, key, part }, m) => {
      if (!m) {
        const kept2 = part;
        sectionDigests.set(kept2.runbook, () => digestOf(kept2));
        sections.push(kept2.runbook);
        return;
      }
      const runbook = runbookSection(input, ctx, id, m.steps, m.runs, use.collector.about("runbook", id));
      const fresh = { runbook };
      parts.set(key, fresh);
      sectionDigests.set(runbook, () => digestOf(fresh));
      sections.push(runbook);
    }
  );
  return sections;
}
async function inBatches(planned, rowsOf, prefetch, each) {
  for (let at = 0; at < planned.length; at += PARTS_AT_ONCE) {
    const batch = planned.slice(at, at + PARTS_AT_ONCE);
    const rows = new Map(batch.filter((p) => p.part === void 0).map((p) => [p, rowsOf(p)]));
    await prefetch([...rows.values()]);
    for (const p of batch) each(p, rows.get(p));
  }
}
function runsKey(context, id, fingerprint, ctx, rows) {
  let latest = -1;
  for (const row of rows) latest = Math.max(latest, row.point);
  const tags = [];
  for (const e of ctx.eventsById.get(`action:${id}`) ?? []) {
    const at = ctx.pit.indexOf(e.commit);
    if (at >= 0 && at <= latest)
      tags.push([at, e.action, e.audited_changes.tags ?? null, e.audited_changes["/tags"] ?? null]);
  }
  return partKey(["runs", context, id, fingerprint, ctx.knownActions.has(id), tags]);
}
var PARTS_AT_ONCE = 16;
function periodEvents(all, inPeriod) {
  const place = new Map(all.map((e, i) => [e, i]));
  return [all, inPeriod.map((e) => place.get(e) ?? e)];
}
function digestOf(part) {
  const kept2 = keptPartDigest(part);
  return kept2 && `part ${kept2}`;
}
function judgeChanges2(input, ctx, parts, collector) {
  const { part, kept: kept2, delta } = judgeChanges(input, ctx, parts.keptHistory());
  parts.useHistory(part, kept2, delta);
  collector.merge(part.findings);
  return part.activity;
}
function derivation(input) {
  const n2 = input.commits.length;
  const effective = new Float64Array(n2);
  const prefix = new Array(n2 + 1);
  let max = -Infinity;
  let a = 2166136261;
  let b = 2538058380;
  prefix[0] = "0";
  for (let i = 0; i < n2; i++) {
    const c = input.commits[i];
    max = Math.max(max, Date.parse(c.created_at));
    effective[i] = max;
    const text = `${c.sha}@${max}`;
    for (let k = 0; k < text.length; k++) {
      a = Math.imul(a ^ text.charCodeAt(k), 16777619);
      b = Math.imul(b ^ text.charCodeAt(k), 1540483477);
    }
    prefix[i + 1] = `${i + 1}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
  }
  return {
    points(maxStarted) {
      let lo = 0;
      let hi = n2;
      while (lo < hi) {
        const mid = lo + hi >> 1;
        if (effective[mid] <= maxStarted) lo = mid + 1;
        else hi = mid;
      }
      return prefix[lo];
    }
  };
}

// src/reports/read-rollups.ts
async function readRollups(dataDir) {
  const data = await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention);
  return Object.values(data.rollups ?? {}).map(toRollup).sort(
    (a, b) => a.action_id === b.action_id ? a.month < b.month ? -1 : 1 : a.action_id < b.action_id ? -1 : 1
  );
}
function toRollup(acc) {
  const buckets = Object.entries(acc.durations ?? {}).map(([b, n2]) => [Number(b), n2]).filter(([b, n2]) => Number.isFinite(b) && n2 > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((s, [, n2]) => s + n2, 0);
  const at = (q) => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [b, n2] of buckets) {
      seen += n2;
      if (seen >= rank) return Math.round(1.02 ** b - 1);
    }
    return null;
  };
  return {
    action_id: acc.action_id,
    month: acc.month,
    counts: { ...acc.counts },
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    users: [...acc.users].sort(),
    targets: [...acc.targets].sort()
  };
}

// src/reports/report-journal.ts
import { closeSync as closeSync7, openSync as openSync6, readSync as readSync7 } from "node:fs";

// src/executions/tail-journal.ts
import { closeSync as closeSync6, fstatSync as fstatSync3, openSync as openSync5, readdirSync as readdirSync2 } from "node:fs";
import path8 from "node:path";

// src/executions/record-at-seq.ts
import { closeSync as closeSync5, openSync as openSync4, readSync as readSync6 } from "node:fs";
import path7 from "node:path";
var WINDOW = 4 * 1024;
var LINE = 4 * 1024;
var GUESS_BELOW = 1024 * 1024;
var RecordAtSeq = class {
  /**
   * `segments` in chain order, the last one up to the checkpoint; `endSeq`: the seq after the last record in them
   * (the checkpoint's seq + 1).
   */
  constructor(dir, segments, endSeq) {
    this.dir = dir;
    this.segments = segments;
    this.endSeq = endSeq;
  }
  dir;
  segments;
  endSeq;
  fds = /* @__PURE__ */ new Map();
  firsts = /* @__PURE__ */ new Map();
  /** `segment:offset` → the next line's start at or after the offset and its seq (null: none or not a record). */
  probes = /* @__PURE__ */ new Map();
  buf = Buffer.allocUnsafe(4 * LINE);
  get(seq) {
    try {
      return this.find(seq);
    } catch {
      return null;
    }
  }
  close() {
    for (const fd of this.fds.values()) closeSync5(fd);
    this.fds.clear();
  }
  find(seq) {
    let seg = -1;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const first = this.first(i);
      if (first !== null && first <= seq) {
        seg = i;
        break;
      }
    }
    if (seg < 0) return null;
    let lo = 0;
    let loSeq = this.first(seg);
    let hi = this.segments[seg].bytes;
    let upper = hi;
    let upperSeq = seg + 1 < this.segments.length ? this.first(seg + 1) : this.endSeq;
    let guessed = false;
    while (hi - lo > WINDOW) {
      if (!guessed && hi - lo <= GUESS_BELOW && upperSeq !== null && upperSeq > loSeq) {
        guessed = true;
        const at = lo + Math.floor((seq - loSeq) / (upperSeq - loSeq) * (upper - lo));
        const found = this.search(seg, Math.max(lo, at - LINE), Math.min(upper, at + LINE), seq, false);
        if (found) return found;
      }
      const mid = lo + Math.floor((hi - lo) / 2);
      const probe = this.probe(seg, mid);
      if (probe.seq === seq) return this.lineAt(seg, probe.start, seq);
      if (probe.seq !== null && probe.seq < seq) {
        lo = probe.start;
        loSeq = probe.seq;
      } else {
        hi = mid;
        if (probe.seq !== null) {
          upper = probe.start;
          upperSeq = probe.seq;
        }
      }
    }
    return this.search(seg, lo, hi, seq, true);
  }
  /** The seq of a segment's first record. */
  first(seg) {
    if (!this.firsts.has(seg)) this.firsts.set(seg, this.lineAt(seg, 0, null)?.seq ?? null);
    return this.firsts.get(seg);
  }
  probe(seg, at) {
    const key = `${seg}:${at}`;
    let probe = this.probes.get(key);
    if (!probe) {
      const bytes = this.segments[seg].bytes;
      const buf = this.buf.subarray(0, Math.min(LINE, bytes - at));
      const got = readSync6(this.fd(seg), buf, 0, buf.length, at);
      const nl = buf.subarray(0, got).indexOf(10);
      const start = nl >= 0 ? at + nl + 1 : this.nextLine(seg, at + got);
      let seq = null;
      if (start < bytes) {
        const end = nl >= 0 ? buf.subarray(0, got).indexOf(10, nl + 1) : -1;
        const record = end >= 0 ? parseJournalLine(buf.subarray(nl + 1, end))?.record : this.lineAt(seg, start, null);
        seq = record?.seq ?? null;
      }
      probe = { start, seq };
      this.probes.set(key, probe);
    }
    return probe;
  }
  /** The offset after the first newline at or after `from` (the segment's end when there is none). */
  nextLine(seg, from) {
    const bytes = this.segments[seg].bytes;
    for (let at = from; at < bytes; ) {
      const buf = this.buf.subarray(0, Math.min(this.buf.length, bytes - at));
      const got = readSync6(this.fd(seg), buf, 0, buf.length, at);
      if (got <= 0) break;
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl >= 0) return at + nl + 1;
      at += got;
    }
    return bytes;
  }
  /** The record whose line starts at `start` (when `seq` is given, only if it has that seq). */
  lineAt(seg, start, seq) {
    const limit = this.segments[seg].bytes;
    for (let size = LINE; ; size *= 4) {
      const buf = Buffer.allocUnsafe(Math.min(size, limit - start));
      if (buf.length === 0) return null;
      const got = readSync6(this.fd(seg), buf, 0, buf.length, start);
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl >= 0) {
        const record = parseJournalLine(buf.subarray(0, nl))?.record ?? null;
        return record && (seq === null || record.seq === seq) ? record : null;
      }
      if (got < buf.length || start + got >= limit) return null;
    }
  }
  /**
   * The line holding the record `seq` among those starting in [from, to] (read on to the end of the last one);
   * `fromLine`: `from` is a line's start (else the bytes before the first newline are not a line).
   */
  search(seg, from, to, seq, fromLine) {
    const limit = this.segments[seg].bytes;
    let window = Buffer.alloc(0);
    for (let end = Math.min(limit, to + LINE); ; end = Math.min(limit, end + 4 * (end - from))) {
      const buf = end - from <= this.buf.length ? this.buf : Buffer.allocUnsafe(end - from);
      window = buf.subarray(0, readSync6(this.fd(seg), buf, 0, end - from, from));
      if (end >= limit || window.indexOf(10, to - from) >= 0 || window.length < end - from) break;
    }
    const needle = Buffer.from(`"seq":${seq}`);
    for (let hit = window.indexOf(needle); hit >= 0; hit = window.indexOf(needle, hit + 1)) {
      const next = window[hit + needle.length];
      if (next !== 44 && next !== 125) continue;
      const nl = window.lastIndexOf(10, hit);
      if (nl < 0 && !fromLine) continue;
      const end = window.indexOf(10, hit);
      const record = end >= 0 ? parseJournalLine(window.subarray(nl + 1, end))?.record ?? null : this.lineAt(seg, from + nl + 1, seq);
      if (record?.seq === seq) return record;
    }
    return null;
  }
  fd(seg) {
    let fd = this.fds.get(seg);
    if (fd === void 0) {
      fd = openSync4(path7.join(this.dir, this.segments[seg].name), "r");
      this.fds.set(seg, fd);
    }
    return fd;
  }
};

// src/executions/tail-journal.ts
async function openTailJournal(options) {
  const { dataDir, checkpoint } = options;
  try {
    if (!await checkpointHolds(dataDir, checkpoint)) return null;
    const tail = readTail(dataDir, checkpoint, options.maxRecords);
    if (!tail) return null;
    const state = openState(dataDir);
    const base = chainBase(await state.read(RETENTION_COLLECTION, emptyRetention));
    const vault = await openPseudonymVault(state);
    return new LazyJournal(options, tail, base, vault);
  } catch {
    return null;
  }
}
function readTail(dataDir, checkpoint, max) {
  const { dir } = journalPaths(dataDir);
  const names = sortSegments(readdirSync2(dir)).map((s) => s.name);
  const first = checkpoint.segments.length - 1;
  if (first < 0 || names[first] !== checkpoint.segments[first].name) return null;
  const records = [];
  let last = checkpoint;
  for (let i = first; i < names.length; i++) {
    const fd = openSync5(path8.join(dir, names[i]), "r");
    try {
      const size = fstatSync3(fd).size;
      let end = i === first ? checkpoint.offset : 0;
      for (const { line, offset } of iterateLines(fd, end, size)) {
        const record = parseJournalLine(line)?.record;
        if (!record || record.seq !== last.seq + 1 || record.prev_hash !== last.hash) return null;
        if (records.push(record) > max) return null;
        last = record;
        end = offset + line.length + 1;
      }
      if (end !== size) return null;
    } finally {
      closeSync6(fd);
    }
  }
  return records;
}
var LazyJournal = class {
  constructor(options, tail, base, vault) {
    this.options = options;
    this.tail = tail;
    this.vault = vault;
    const { checkpoint } = options;
    this.tailRecords = tail.length;
    for (const r of tail) this.latest.set(r.id, r);
    const last = tail.at(-1) ?? { seq: checkpoint.seq, hash: checkpoint.hash };
    const head = { seq: last.seq, hash: last.hash };
    this.headNow = base && base.seq > head.seq ? base : head;
    const segments = checkpoint.segments.map((s, i, all) => ({
      name: s.name,
      bytes: i === all.length - 1 ? checkpoint.offset : s.size
    }));
    this.reader = new RecordAtSeq(journalPaths(options.dataDir).dir, segments, checkpoint.seq + 1);
  }
  options;
  tail;
  vault;
  tailRecords;
  headNow;
  latest = /* @__PURE__ */ new Map();
  reader;
  seqOf = () => void 0;
  whole = null;
  head() {
    return this.headNow;
  }
  opened() {
    return this.whole !== null;
  }
  knowLatest(seqOf) {
    this.seqOf = seqOf;
  }
  resolveUser(stored) {
    return this.vault.resolve(stored);
  }
  async get(id) {
    const recent = this.latest.get(id);
    if (recent) return recent;
    const seq = this.seqOf(id);
    if (seq !== void 0 && seq <= this.options.checkpoint.seq) {
      const record2 = this.reader.get(seq);
      if (record2?.id === id) return record2;
    }
    const journal = await this.open();
    const record = await journal.get(id);
    if (!record || record.seq <= this.headNow.seq) return record;
    return (await journal.records(id)).filter((r) => r.seq <= this.headNow.seq).at(-1) ?? null;
  }
  async *scan(options = {}) {
    const after = options.afterSeq ?? 0;
    if (after >= this.options.checkpoint.seq) {
      for (const r of this.tail) if (r.seq > after) yield r;
      return;
    }
    for await (const r of (await this.open()).scan(options)) {
      if (r.seq > this.headNow.seq) return;
      yield r;
    }
  }
  async *scanBatches(options = {}) {
    const after = options.afterSeq ?? 0;
    if (after >= this.options.checkpoint.seq) {
      const records = this.tail.filter((r) => r.seq > after);
      if (records.length > 0) yield records;
      return;
    }
    for await (const batch of scanInBatches(await this.open(), options)) {
      const end = batch.findIndex((r) => r.seq > this.headNow.seq);
      if (end < 0) yield batch;
      else {
        if (end > 0) yield batch.slice(0, end);
        return;
      }
    }
  }
  async query(query) {
    return (await this.open()).query(query);
  }
  async count(query) {
    return (await this.open()).count(query);
  }
  async records(id) {
    return (await this.open()).records(id);
  }
  recordCount() {
    throw fixed2("recordCount");
  }
  refresh() {
    return Promise.reject(fixed2("refresh"));
  }
  append(_input) {
    return Promise.reject(fixed2("append"));
  }
  appendIf() {
    return Promise.reject(fixed2("appendIf"));
  }
  async close() {
    this.reader.close();
    if (this.whole) await (await this.whole).close();
  }
  /** The whole journal, opened on the first call that needs its index. */
  open() {
    this.whole ??= (async () => {
      const started = performance.now();
      const { dataDir, onWarning } = this.options;
      const journal = await openJournal(onWarning ? { dataDir, onWarning } : { dataDir });
      this.options.onOpen?.(performance.now() - started);
      return journal;
    })();
    return this.whole;
  }
};
function fixed2(method) {
  return new OpsledgerError("INTERNAL", `${method}: a report's journal is a read-only view at one head`);
}

// src/reports/report-journal.ts
async function openReportJournal(options) {
  const { dataDir, databaseUrl: url, onWarning } = options;
  const warn = onWarning ? { onWarning } : {};
  if (url) return { journal: await openJournalAt({ backend: "postgres", url }, warn), tail: null };
  const checkpoint = runCacheCheckpoint(dataDir);
  const tail = checkpoint ? await openTailJournal({
    dataDir,
    checkpoint,
    maxRecords: 2 * RUN_CACHE_TAIL_RECORDS,
    ...warn,
    ...options.onOpen ? { onOpen: options.onOpen } : {}
  }) : null;
  if (tail) return { journal: tail, tail };
  return { journal: await openJournalAt({ backend: "file", dataDir }, warn), tail: null };
}
function runCacheCheckpoint(dataDir) {
  let fd;
  try {
    fd = openSync6(runCachePath(dataDir), "r");
  } catch {
    return null;
  }
  try {
    for (let size = 16 * 1024; size <= 4 * 1024 * 1024; size *= 4) {
      const buf = Buffer.allocUnsafe(size);
      const got = readSync7(fd, buf, 0, size, 0);
      const nl = buf.subarray(0, got).indexOf(10);
      if (nl < 0) {
        if (got < size) return null;
        continue;
      }
      const header = JSON.parse(buf.toString("utf8", 0, nl));
      const c = header.checkpoint;
      const ok = header.format === RUN_CACHE_FORMAT && typeof c?.seq === "number" && typeof c.hash === "string" && typeof c.offset === "number" && typeof c.prefix === "string" && typeof c.retention === "string" && Array.isArray(c.segments) && c.segments.length > 0;
      return ok ? c : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    closeSync7(fd);
  }
}
function latestSeqs(rows) {
  const seen = /* @__PURE__ */ new Map();
  let next = rows.length - 1;
  return (id) => {
    const known = seen.get(id);
    if (known !== void 0) return known;
    for (; next >= 0; next--) {
      const row = rows[next];
      seen.set(row.id, row.seq);
      if (row.id === id) {
        next--;
        return row.seq;
      }
    }
    return void 0;
  };
}

// src/reports/prefetch-parameters.ts
async function prefetchParameters(journal, rows, pages = "both") {
  const recent = /* @__PURE__ */ new Set();
  const last = (key) => {
    const seen = /* @__PURE__ */ new Map();
    for (let i = rows.length - 1; i >= 0; i--) {
      const k = key(rows[i]);
      if (k === null) continue;
      const n2 = seen.get(k) ?? 0;
      if (n2 >= RECENT_RUNS) continue;
      seen.set(k, n2 + 1);
      recent.add(rows[i].id);
    }
  };
  if (pages !== "runbooks") last((r) => isActionRun(r) ? r.action : null);
  if (pages !== "actions") last((r) => isActionRun(r) ? r.runbook?.id ?? null : null);
  const found = /* @__PURE__ */ new Map();
  for (const id of recent) {
    const record = await journal.get(id);
    if (record) found.set(id, record.parameters);
  }
  return (id) => found.get(id) ?? null;
}
async function prefetchRunbookRecords(journal, rows) {
  const perRunbook = /* @__PURE__ */ new Map();
  const found = /* @__PURE__ */ new Map();
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row.kind !== "runbook_run" || isUnranFiring(row)) continue;
    const n2 = perRunbook.get(row.action) ?? 0;
    if (n2 >= RUNBOOK_RUN_PAGES) continue;
    perRunbook.set(row.action, n2 + 1);
    const run = await journal.get(row.id);
    if (!run) continue;
    found.set(run.id, run);
    for (const step of run.steps ?? []) {
      for (const id of step.executions) {
        const r = await journal.get(id);
        if (r) found.set(id, r);
      }
    }
  }
  return (id) => found.get(id) ?? null;
}

// src/reports/verify-cache.ts
import { readdir as readdir2 } from "node:fs/promises";
import path9 from "node:path";

// src/executions/verify-tail.ts
function verifyTail(lines, from, until) {
  if (until.seq === from.seq) return until.hash === from.hash ? 0 : null;
  let head = from;
  let count = 0;
  for (const line of lines) {
    const text = typeof line === "string" ? line : line.toString("utf8");
    let r;
    try {
      r = JSON.parse(text);
    } catch {
      return null;
    }
    if (r === null || typeof r !== "object" || typeof r.hash !== "string") return null;
    if (r.seq !== head.seq + 1 || r.prev_hash !== head.hash) return null;
    if (!sealedBytesMatch(text, r.hash) && hashRecord(r) !== r.hash) return null;
    head = { seq: r.seq, hash: r.hash };
    count++;
    if (head.seq === until.seq) return head.hash === until.hash ? count : null;
  }
  return null;
}

// src/reports/verify-cache.ts
var VERIFY_CACHE_FORMAT = 1;
function verifyCachePath(dataDir) {
  return path9.join(dataDir, "cache", "report-verify.json");
}
async function verifyWithCache(options) {
  const { dataDir, repo, head } = options;
  const file = verifyCachePath(dataDir);
  const [anchors, quarantine] = await Promise.all([
    resolveRef(repo, ANCHORS_REF).catch(() => "unreadable"),
    listQuarantine(dataDir)
  ]);
  const parsed = head ? await readChecked(file, VERIFY_CACHE_FORMAT) : null;
  if (parsed && head) {
    const { checkpoint } = parsed.header;
    let cached = null;
    try {
      cached = JSON.parse(parsed.body);
    } catch {
      cached = null;
    }
    if (cached && cached.report.ok && cached.report.problems.length === 0 && cached.anchors === anchors && sameList(cached.quarantine, quarantine) && head.seq >= checkpoint.seq && await checkpointHolds(dataDir, checkpoint)) {
      const records = verifyTail(linesAfter(dataDir, checkpoint), checkpoint, head);
      if (records !== null) {
        const report2 = { ...cached.report, records: cached.report.records + records, head };
        if (records > 0) await save(dataDir, head, { anchors, quarantine, report: report2 });
        return { report: report2, source: { kind: "cache+new", records } };
      }
    }
  }
  const report = await options.full();
  if (report.ok && report.problems.length === 0 && report.head)
    await save(dataDir, report.head, { anchors, quarantine, report });
  return { report, source: { kind: "full" } };
}
async function save(dataDir, head, cached) {
  const checkpoint = await takeCheckpoint(dataDir, head);
  if (!checkpoint) return;
  await writeChecked(verifyCachePath(dataDir), VERIFY_CACHE_FORMAT, checkpoint, JSON.stringify(cached)).catch(
    () => void 0
  );
}
async function listQuarantine(dataDir) {
  return (await readdir2(journalPaths(dataDir).quarantineDir).catch(() => [])).sort();
}
function sameList(a, b) {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

// src/reports/verify-in-child.ts
import { fork } from "node:child_process";
import path10 from "node:path";
import { fileURLToPath } from "node:url";
function verifyInChild(options) {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith(".ts");
  const file = fromSources ? path10.join(path10.dirname(here), "verify-worker.ts") : path10.join(PACKAGE_ROOT, "dist/reports/verify-worker.js");
  const inProcess = async () => ({
    report: await verifyJournal(options),
    usage: null
  });
  if (fromSources && !process.execArgv.some((a) => a.includes("tsx"))) return inProcess();
  let child;
  try {
    child = fork(file, [], {
      execArgv: childExecArgv(process.execArgv),
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"]
    });
  } catch {
    return inProcess();
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.once("message", (msg) => {
      settled = true;
      if (msg.ok) resolve({ report: msg.report, usage: msg.usage });
      else reject(new OpsledgerError("INTERNAL", `journal verification failed: ${msg.message}`));
    });
    child.once("error", () => {
      if (settled) return;
      settled = true;
      inProcess().then(resolve, reject);
    });
    child.once("exit", (code, signal) => {
      if (settled) return;
      settled = true;
      reject(
        new OpsledgerError(
          "INTERNAL",
          `journal verification stopped (child exit ${code ?? signal})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`
        )
      );
    });
    child.send(options, (err) => {
      if (err && !settled) {
        settled = true;
        child.kill();
        inProcess().then(resolve, reject);
      }
    });
  });
}
var WITH_VALUE = /* @__PURE__ */ new Set(["-e", "--eval", "-p", "--print", "-pe", "--input-type"]);
function childExecArgv(execArgv) {
  const kept2 = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (WITH_VALUE.has(a)) i++;
    else if (!/^(--eval|--print|--input-type|--inspect)/.test(a)) kept2.push(a);
  }
  return kept2;
}

// src/reports/write-report.ts
import { randomUUID } from "node:crypto";
import { readFileSync as readFileSync2, renameSync, statSync as statSync3 } from "node:fs";
import { mkdir as mkdir5, open as open4, readFile, readdir as readdir3, rm as rm3 } from "node:fs/promises";
import path11 from "node:path";

// src/reports/escape-html.ts
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text) {
  if (!/[&<>"']/.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

// src/reports/html-assets.ts
var REPORT_CSS = `
:root{--fg:#1f2328;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--link:#0550ae;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--other:#6e7781;--dur:#0969da;--track:#eaeef2;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;--line:#30363d;--link:#6cb6ff;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--other:#8b949e;--dur:#58a6ff;--track:#21262d}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
header{border-bottom:1px solid var(--line);background:var(--panel)}
header nav ul{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:0 auto;padding:10px 16px;max-width:76rem}
header nav a[aria-current=page]{font-weight:600;color:var(--fg);text-decoration:none}
main{max-width:76rem;margin:0 auto;padding:8px 16px 32px}
h1{font-size:1.6rem;margin:16px 0 4px}h2{font-size:1.25rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}h3{font-size:1.02rem;margin:18px 0 6px}
p.meta{color:var(--muted);margin-top:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:8px 0 16px}
table{border-collapse:collapse;min-width:50%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:4px 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
thead th{background:var(--panel);white-space:nowrap}
th[scope=row]{font-weight:500}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.empty{color:var(--muted);font-style:italic}
code{font:0.86em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);padding:1px 4px;border-radius:4px;overflow-wrap:break-word}
pre{background:var(--panel);padding:12px;overflow-x:auto;border-radius:6px}pre code{padding:0;background:none}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.badge.ok{color:var(--ok)}.badge.bad{color:var(--bad)}.badge.warn{color:var(--warn)}.badge.neutral{color:var(--muted)}
button.sort{all:unset;cursor:pointer;font-weight:600}button.sort::after{content:" \u2195";color:var(--muted)}
th[aria-sort=ascending] button.sort::after{content:" \u25B2"}th[aria-sort=descending] button.sort::after{content:" \u25BC"}
figure{margin:12px 0 20px}figcaption{color:var(--muted);font-size:.9rem}
svg.chart{max-width:720px;height:auto;display:block}
svg .ok{fill:var(--ok)}svg .bad{fill:var(--bad)}svg .other{fill:var(--other)}svg .dur{fill:var(--dur)}svg .track{fill:var(--track)}
svg .grid{stroke:var(--line);stroke-width:1}svg .axis,svg .label{fill:var(--muted);font:12px system-ui,sans-serif}svg .label{fill:var(--fg)}
footer{max-width:76rem;margin:0 auto;padding:16px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media print{
  :root{--fg:#000;--muted:#333;--bg:#fff;--panel:#fff;--line:#999;--link:#000}
  body{font-size:10.5pt}header,.skip{display:none}main{max-width:none;padding:0}
  h2,h3{break-after:avoid}tr,figure,dl.facts{break-inside:avoid}
  .table-wrap{overflow:visible}table{min-width:0;width:100%}
  button.sort::after{content:""}a{text-decoration:none}
  a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em}
}
`.trim().replace(/\n/g, "");
var REPORT_SCRIPT = `
(function () {
  'use strict';
  function key(row, col, numeric) {
    var c = row.cells[col];
    if (!c) return numeric ? -Infinity : '';
    var v = c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim();
    return numeric ? Number(v) : v;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var numeric = th.classList.contains('num');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, col, numeric), y = key(b, col, numeric);
          var c = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
`.trim().replace(/\n\s*/g, " ");

// src/reports/svg-charts.ts
function renderSvgChart(chart, id) {
  switch (chart.kind) {
    case "weekly":
      return weeklyChart(chart, id);
    case "rates":
      return ratesChart(chart, id);
    case "histogram":
      return histogramChart(chart, id);
  }
}
var MAX_RATE_BARS = 40;
var n = (x) => (Math.round(x * 10) / 10).toString();
function frame(id, title, desc, width, height, body) {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${body}</svg>`;
}
function niceMax(max) {
  if (max <= 4) return Math.max(1, max);
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}
function weeklyChart(chart, id) {
  const W = 720;
  const H = 240;
  const left = 48;
  const bottom = 44;
  const top = 28;
  const plotW = W - left - 12;
  const plotH = H - top - bottom;
  const weeks = chart.weeks;
  const totals = weeks.map((w) => w.succeeded + w.failed + w.other);
  const sum = totals.reduce((a, b) => a + b, 0);
  if (weeks.length === 0 || sum === 0) {
    return frame(
      id,
      chart.title,
      "No runs in this period.",
      W,
      60,
      `<text x="8" y="36" class="axis">No runs in this period.</text>`
    );
  }
  const peak = Math.max(...totals);
  const max = niceMax(peak);
  const peakWeek = weeks[totals.indexOf(peak)]?.week ?? "";
  const step = plotW / weeks.length;
  const barW = Math.min(48, Math.max(1, step * 0.8));
  const y = (v) => top + plotH - v / max * plotH;
  let body = "";
  for (const v of [0, max / 2, max]) {
    body += `<line class="grid" x1="${left}" x2="${W - 12}" y1="${n(y(v))}" y2="${n(y(v))}"/>`;
    body += `<text class="axis" x="${left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${formatCount(Math.round(v))}</text>`;
  }
  weeks.forEach((w, i) => {
    const x = left + i * step + (step - barW) / 2;
    let base = 0;
    let rects = "";
    for (const [key, cls] of [
      ["succeeded", "ok"],
      ["failed", "bad"],
      ["other", "other"]
    ]) {
      const v = w[key];
      if (v === 0) continue;
      rects += `<rect class="${cls}" x="${n(x)}" y="${n(y(base + v))}" width="${n(barW)}" height="${n(y(base) - y(base + v))}"/>`;
      base += v;
    }
    if (rects)
      body += `<g><title>${w.week}: ${w.succeeded} succeeded, ${w.failed} failed, ${w.other} other</title>${rects}</g>`;
  });
  const labelAt = [.../* @__PURE__ */ new Set([0, Math.floor((weeks.length - 1) / 2), weeks.length - 1])];
  for (const i of labelAt) {
    const x = left + i * step + step / 2;
    const anchor = weeks.length === 1 ? "middle" : i === 0 ? "start" : i === weeks.length - 1 ? "end" : "middle";
    const lx = anchor === "start" ? left : anchor === "end" ? W - 12 : x;
    body += `<text class="axis" x="${n(lx)}" y="${H - bottom + 16}" text-anchor="${anchor}">${weeks[i]?.week ?? ""}</text>`;
  }
  body += legend(left, H - 12);
  const desc = `${plural(weeks.length, "week")} from ${weeks[0]?.week} to ${weeks.at(-1)?.week}: ${plural(sum, "run")}, at most ${formatCount(peak)} in ${peakWeek}. Green succeeded, red failed or timed out, grey other.`;
  return frame(id, chart.title, desc, W, H, body);
}
function legend(x, y) {
  let out = "";
  let at = x;
  for (const [cls, label] of [
    ["ok", "succeeded"],
    ["bad", "failed or timed out"],
    ["other", "other"]
  ]) {
    out += `<rect class="${cls}" x="${at}" y="${y - 9}" width="10" height="10"/><text class="axis" x="${at + 14}" y="${y}">${label}</text>`;
    at += 24 + label.length * 7;
  }
  return out;
}
function ratesChart(chart, id) {
  const W = 720;
  const row = 22;
  const left = 200;
  const right = 150;
  const items = [...chart.items].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).slice(0, MAX_RATE_BARS);
  if (items.length === 0) {
    return frame(
      id,
      chart.title,
      "No runs in this period.",
      W,
      60,
      `<text x="8" y="36" class="axis">No runs in this period.</text>`
    );
  }
  const H = items.length * row + 16;
  const plotW = W - left - right;
  let body = "";
  items.forEach((item, i) => {
    const y = 8 + i * row;
    const label = item.label.length > 28 ? `${item.label.slice(0, 27)}\u2026` : item.label;
    const width = item.rate === null ? 0 : item.rate * plotW;
    body += `<g><title>${escapeHtml(item.label)}: ${formatPercent(item.rate)} of ${plural(item.runs, "run")} succeeded</title>`;
    body += `<text class="label" x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(label)}</text>`;
    body += `<rect class="track" x="${left}" y="${y + 3}" width="${n(plotW)}" height="14"/>`;
    body += `<rect class="${item.rate !== null && item.rate < 0.9 ? "bad" : "ok"}" x="${left}" y="${y + 3}" width="${n(width)}" height="14"/>`;
    body += `<text class="axis" x="${left + plotW + 8}" y="${y + 14}">${formatPercent(item.rate)} of ${formatCount(item.runs)}</text></g>`;
  });
  const more = chart.items.length > items.length ? ` Showing the ${items.length} lowest of ${chart.items.length} actions.` : "";
  const desc = `Success rate of ${plural(items.length, "action")}, lowest first: ${items.slice(0, 5).map((i) => `${i.label} ${formatPercent(i.rate)}`).join(", ")}${items.length > 5 ? ", \u2026" : ""}. Bars under 90% are red.${more}`;
  return frame(id, chart.title, desc, W, H, body);
}
function histogramChart(chart, id) {
  const W = 720;
  const H = 220;
  const left = 48;
  const top = 24;
  const bottom = 36;
  const plotW = W - left - 12;
  const plotH = H - top - bottom;
  const total = chart.buckets.reduce((s, b) => s + b.count, 0);
  if (total === 0) {
    return frame(
      id,
      chart.title,
      "No finished runs in this period.",
      W,
      60,
      `<text x="8" y="36" class="axis">No finished runs in this period.</text>`
    );
  }
  const max = niceMax(Math.max(...chart.buckets.map((b) => b.count)));
  const step = plotW / chart.buckets.length;
  const y = (v) => top + plotH - v / max * plotH;
  let body = `<line class="grid" x1="${left}" x2="${W - 12}" y1="${n(y(0))}" y2="${n(y(0))}"/>`;
  chart.buckets.forEach((b, i) => {
    const x = left + i * step + step * 0.1;
    const h = y(0) - y(b.count);
    body += `<g><title>${escapeHtml(b.label)}: ${plural(b.count, "run")}</title>`;
    body += `<rect class="dur" x="${n(x)}" y="${n(y(b.count))}" width="${n(step * 0.8)}" height="${n(h)}"/>`;
    body += `<text class="axis" x="${n(x + step * 0.4)}" y="${n(y(b.count) - 4)}" text-anchor="middle">${formatCount(b.count)}</text>`;
    body += `<text class="axis" x="${n(x + step * 0.4)}" y="${H - bottom + 16}" text-anchor="middle">${escapeHtml(b.label)}</text></g>`;
  });
  const desc = `${plural(total, "run")} by duration: ${chart.buckets.filter((b) => b.count > 0).map((b) => `${b.label} ${formatCount(b.count)}`).join(", ")}.`;
  return frame(id, chart.title, desc, W, H, body);
}

// src/reports/render-html.ts
function htmlFooter(model) {
  return `Generated by opsledger report as of ${formatTime(model.generated_at)}.`;
}
function renderHtmlDocument(doc, footer) {
  const ids = { next: 0 };
  const nextId = (prefix) => `${prefix}-${++ids.next}`;
  const body = uniqueCaptions(doc.blocks).map((b) => renderBlock(b, doc.id, nextId)).join("\n");
  const nav2 = doc.blocks.find((b) => b.type === "nav");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="opsledger">',
    // An empty inline icon: browsers would otherwise fetch /favicon.ico, a request leaving the page.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    '<a class="skip" href="#main">Skip to content</a>',
    nav2 ? `<header>${renderNav(nav2, doc.id)}</header>` : "",
    `<main id="main">`,
    body,
    "</main>",
    `<footer>${escapeHtml(footer)}</footer>`,
    `<script>${REPORT_SCRIPT}</script>`,
    "</body>",
    "</html>",
    ""
  ].filter((line) => line !== "").join("\n").concat("\n");
}
function uniqueCaptions(blocks) {
  const seen = /* @__PURE__ */ new Map();
  return blocks.map((b) => {
    if (b.type !== "table") return b;
    const n2 = (seen.get(b.caption) ?? 0) + 1;
    seen.set(b.caption, n2);
    return n2 === 1 ? b : { ...b, caption: `${b.caption} (${n2})` };
  });
}
function renderNav(block, page) {
  if (block.type !== "nav") return "";
  const items = block.items.map(
    (item) => item.page === page ? `<li><a href="${relativeHref(page, item.page, "html")}" aria-current="page">${escapeHtml(item.text)}</a></li>` : `<li><a href="${relativeHref(page, item.page, "html")}">${escapeHtml(item.text)}</a></li>`
  );
  return `<nav aria-label="Report pages"><ul>${items.join("")}</ul></nav>`;
}
function renderBlock(block, page, nextId) {
  switch (block.type) {
    case "heading": {
      const id = block.id ? ` id="${escapeHtml(block.id)}"` : "";
      return `<h${block.level}${id}>${escapeHtml(block.text)}</h${block.level}>`;
    }
    case "paragraph":
      return `<p>${inlines(block.content, page)}</p>`;
    case "nav":
      return "";
    case "list":
      return `<ul>${block.items.map((i) => `<li>${inlines(i, page)}</li>`).join("")}</ul>`;
    case "facts":
      return `<dl class="facts">${block.items.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${inlines(value, page)}</dd>`).join("")}</dl>`;
    case "table":
      return renderTable(block, page, nextId("cap"));
    case "chart":
      return `<figure>${renderSvgChart(block.chart, nextId("chart"))}<figcaption>${escapeHtml(block.chart.title)}</figcaption></figure>`;
    case "code":
      return `<details><summary>${escapeHtml(block.summary)}</summary><pre><code>${escapeHtml(block.text)}</code></pre></details>`;
  }
}
function renderTable(block, page, id) {
  const sortable = block.rows.length > 1;
  const head = block.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`).join("");
  const rows = block.rows.length === 0 ? `<tr><td class="empty" colspan="${block.columns.length}">${escapeHtml(block.empty)}</td></tr>` : block.rows.map(
    (row) => `<tr>${row.map((cell2, i) => {
      const col = block.columns[i];
      const tag = col?.rowHeader ? "th" : "td";
      const attrs = (col?.rowHeader ? ' scope="row"' : "") + (col?.numeric ? ' class="num"' : "") + (cell2.sort === void 0 ? "" : ` data-sort="${escapeHtml(String(cell2.sort))}"`);
      return `<${tag}${attrs}>${inlines(cell2.content, page)}</${tag}>`;
    }).join("")}</tr>`
  ).join("\n");
  return `<section class="table-wrap" aria-labelledby="${id}" tabindex="0"><table${sortable ? ' class="sortable"' : ""}><caption id="${id}">${escapeHtml(block.caption)}</caption><thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}
function inlines(content, page) {
  return content.map((i) => inline(i, page)).join("");
}
function inline(i, page) {
  if (typeof i === "string") return escapeHtml(i);
  if ("br" in i) return "<br>";
  if ("code" in i) return `<code>${escapeHtml(i.code)}</code>`;
  if ("strong" in i) return `<strong>${escapeHtml(i.strong)}</strong>`;
  if ("badge" in i) return `<span class="badge ${i.tone}">${escapeHtml(i.badge)}</span>`;
  if ("url" in i.link) {
    const url = /^https?:\/\//i.test(i.link.url) ? i.link.url : "#";
    return `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(i.text)}</a>`;
  }
  return `<a href="${escapeHtml(relativeHref(page, i.link.page, "html", i.link.anchor))}">${escapeHtml(i.text)}</a>`;
}

// src/reports/render-markdown.ts
function renderMarkdownDocument(doc) {
  const out = [];
  for (const block of doc.blocks) out.push(renderBlock2(block, doc.id));
  out.push(`<!-- generated by opsledger report; edit the definitions, not this file -->`);
  return `${out.join("\n\n")}
`;
}
function renderBlock2(block, page) {
  switch (block.type) {
    case "heading": {
      const anchor = block.id ? `<a id="${block.id}"></a>

` : "";
      return `${anchor}${"#".repeat(block.level)} ${escapeText(block.text)}`;
    }
    case "paragraph":
      return inlines2(block.content, page);
    case "nav":
      return block.items.map(
        (item) => item.page === page ? `**${escapeText(item.text)}**` : `[${escapeText(item.text)}](${relativeHref(page, item.page, "md")})`
      ).join(" \xB7 ");
    case "list":
      return block.items.map((item) => `- ${inlines2(item, page)}`).join("\n");
    case "facts":
      return block.items.map(([label, value]) => `- **${escapeText(label)}:** ${inlines2(value, page)}`).join("\n");
    case "table":
      return renderTable2(block, page);
    case "chart":
      return renderChart(block.chart);
    case "code": {
      const longest = Math.max(2, ...[...block.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = "`".repeat(longest + 1);
      return `${escapeText(block.summary)}:

${fence}${block.language}
${block.text.replace(/\n+$/, "")}
${fence}`;
    }
  }
}
function renderTable2(block, page) {
  const caption = `*${escapeText(block.caption)}*`;
  if (block.rows.length === 0) return `${caption}

${escapeText(block.empty)}`;
  const header = `| ${block.columns.map((c) => escapeText(c.label)).join(" | ")} |`;
  const rule = `| ${block.columns.map((c) => c.numeric ? "---:" : "---").join(" | ")} |`;
  const rows = block.rows.map(
    (row) => `| ${row.map((c) => inlines2(c.content, page, true) || " ").join(" | ")} |`
  );
  return [caption, "", header, rule, ...rows].join("\n");
}
var BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
function renderChart(chart) {
  switch (chart.kind) {
    case "weekly": {
      if (chart.weeks.length === 0) return `*${escapeText(chart.title)}:* no runs.`;
      const totals = chart.weeks.map((w) => w.succeeded + w.failed + w.other);
      const max = Math.max(...totals);
      const spark = totals.map((t) => t === 0 ? "\xB7" : BLOCKS[Math.min(7, Math.floor(t / max * 7.999))]).join("");
      const first = chart.weeks[0].week;
      const last = chart.weeks.at(-1).week;
      return `*${escapeText(chart.title)}* (${first} to ${last}, peak ${formatCount(max)} a week): \`${spark}\``;
    }
    case "rates": {
      if (chart.items.length === 0) return `*${escapeText(chart.title)}:* no runs.`;
      const rows = chart.items.map((i) => {
        const filled = i.rate === null ? 0 : Math.round(i.rate * 20);
        return `| ${escapeText(i.label)} | \`${"\u2588".repeat(filled)}${"\u2591".repeat(20 - filled)}\` | ${formatPercent(i.rate)} of ${formatCount(i.runs)} |`;
      });
      return [
        `*${escapeText(chart.title)}*`,
        "",
        "| Action | | Success rate |",
        "| --- | --- | ---: |",
        ...rows
      ].join("\n");
    }
    case "histogram": {
      const max = Math.max(0, ...chart.buckets.map((b) => b.count));
      if (max === 0) return `*${escapeText(chart.title)}:* no finished runs.`;
      const rows = chart.buckets.map((b) => {
        const filled = Math.round(b.count / max * 20);
        return `| ${escapeText(b.label)} | \`${"\u2588".repeat(filled)}${"\u2591".repeat(20 - filled)}\` | ${formatCount(b.count)} |`;
      });
      return [
        `*${escapeText(chart.title)}*`,
        "",
        "| Duration | | Runs |",
        "| --- | --- | ---: |",
        ...rows
      ].join("\n");
    }
  }
}
function inlines2(content, page, inTable = false) {
  return content.map((i) => inline2(i, page, inTable)).join("");
}
function inline2(i, page, inTable) {
  if (typeof i === "string") return escapeText(i);
  if ("br" in i) return inTable ? "<br>" : "  \n";
  if ("code" in i) return codeSpan(i.code, inTable);
  if ("strong" in i) return `**${escapeText(i.strong)}**`;
  if ("badge" in i) {
    const text = escapeText(i.badge);
    return i.tone === "bad" ? `**${text}**` : i.tone === "warn" ? `*${text}*` : text;
  }
  const href = "url" in i.link ? safeUrl(i.link.url) : relativeHref(page, i.link.page, "md", i.link.anchor);
  return `[${escapeText(i.text)}](${href})`;
}
var NEEDS_ESCAPE = /[\\`*_[\]<>|~&\r\n]|^\s*[#+=\d-]/;
function escapeText(text) {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/^[#+-](?=\s|$)/, (m) => `\\${m}`).replace(/^(\d+)\.(?=\s|$)/, "$1\\.").replace(/^(\s*)([=-]{3,})/, "$1\\$2");
}
function codeSpan(code, inTable) {
  let text = code.replace(/\s*[\r\n]+\s*/g, " ");
  if (inTable) text = text.replace(/\|/g, "\\|");
  if (text === "") return "";
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") && text.endsWith(" ") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
function safeUrl(url) {
  return encodeURI(url).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// src/reports/write-report.ts
var REPORT_FORMATS = ["md", "html"];
function renderReport(model, formats, keep2 = /* @__PURE__ */ new Set()) {
  const files = [];
  const footer = htmlFooter(model);
  for (const page of listPages(model)) {
    if (keep2.has(page)) continue;
    const doc = buildPage(model, page);
    for (const format of formats) {
      files.push({
        path: `${page}.${format}`,
        content: format === "md" ? renderMarkdownDocument(doc) : renderHtmlDocument(doc, footer)
      });
    }
  }
  return files;
}
function reportPaths(model, formats) {
  return listPages(model).flatMap((page) => formats.map((format) => `${page}.${format}`));
}
async function writeReport(outDir, files, formats, kept2 = []) {
  const result = { written: [], unchanged: [...kept2], removed: [], marks: /* @__PURE__ */ new Map() };
  try {
    const changed = files.filter((f) => {
      const mark = sameOnDisk(path11.join(outDir, f.path), f.content);
      if (!mark) return true;
      result.unchanged.push(f.path);
      result.marks.set(f.path, mark);
      return false;
    });
    for (const dir of new Set(changed.map((f) => path11.dirname(path11.join(outDir, f.path)))))
      await mkdir5(dir, { recursive: true });
    const temps = await writeTemps(outDir, changed);
    for (const [i, file] of changed.entries()) {
      const target = path11.join(outDir, file.path);
      try {
        renameSync(temps[i], target);
      } catch (err) {
        await Promise.all(temps.slice(i).map((t) => rm3(t, { force: true })));
        throw err;
      }
      result.written.push(file.path);
      const mark = statFile(target);
      if (mark) result.marks.set(file.path, mark);
    }
    for (const stale of await stalePages(outDir, [...files.map((f) => f.path), ...kept2], formats)) {
      await rm3(path11.join(outDir, stale), { force: true });
      result.removed.push(stale);
    }
  } catch (err) {
    if (err instanceof OpsledgerError) throw err;
    throw new OpsledgerError(
      "INPUT_INVALID",
      `cannot write the report to ${outDir}: ${err.message}`,
      {
        hint: "Check that --out names a writable folder.",
        cause: err
      }
    );
  }
  return result;
}
async function checkReport(outDir, files, formats) {
  const differing = [];
  for (const file of files) {
    if (await readText(path11.join(outDir, file.path)) !== file.content) differing.push(file.path);
  }
  return {
    differing,
    extra: await stalePages(
      outDir,
      files.map((f) => f.path),
      formats
    )
  };
}
async function stalePages(outDir, paths, formats) {
  const keep2 = new Set(paths);
  const stale = [];
  for (const folder of ["actions", "runbooks"]) {
    let names;
    try {
      names = await readdir3(path11.join(outDir, folder));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const ext = path11.extname(name).slice(1);
      const rel2 = `${folder}/${name}`;
      if (formats.includes(ext) && /^[a-z0-9][a-z0-9-]*\.[a-z]+$/.test(name) && !keep2.has(rel2)) {
        stale.push(rel2);
      }
    }
  }
  return stale;
}
async function readText(file) {
  try {
    return await readFile(file, "utf8");
  } catch {
    return null;
  }
}
function sameOnDisk(file, content) {
  try {
    const st = statSync3(file, { bigint: true, throwIfNoEntry: false });
    if (!st?.isFile() || Number(st.size) !== Buffer.byteLength(content, "utf8")) return null;
    return readFileSync2(file, "utf8") === content ? statMark(st) : null;
  } catch {
    return null;
  }
}
async function writeTemp(target, content) {
  const temp = path11.join(path11.dirname(target), `.${path11.basename(target)}.${randomUUID()}.tmp`);
  const handle = await open4(temp, "w", 420);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm3(temp, { force: true });
    throw err;
  }
  await handle.close();
  return temp;
}
async function writeTemps(outDir, files) {
  const settled = await inBatches2(
    files,
    (f) => writeTemp(path11.join(outDir, f.path), f.content).then(
      (temp) => ({ temp }),
      (err) => ({ err })
    )
  );
  const failed = settled.find((s) => "err" in s);
  if (!failed) return settled.map((s) => s.temp);
  await Promise.all(settled.map((s) => "temp" in s ? rm3(s.temp, { force: true }) : void 0));
  throw failed.err;
}
var BATCH2 = 16;
async function inBatches2(items, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += BATCH2)
    out.push(...await Promise.all(items.slice(i, i + BATCH2).map(fn)));
  return out;
}

// src/reports/generate-report.ts
async function generateReport(options) {
  const heap = heapBound();
  try {
    try {
      return await generate(options, heap.bind);
    } catch (err) {
      if (err instanceof DamagedRunCache) {
        options.onWarning?.(`${err.message}: the journal is folded again`);
        await rm4(runCachePath(options.dataDir), { force: true });
      } else if (err instanceof ChangedModelPart) {
        options.onWarning?.(`${err.message}: the report is built again`);
      } else throw err;
      return await generate(options, heap.bind);
    }
  } finally {
    heap.release();
  }
}
function heapBound() {
  let bound2 = false;
  return {
    bind() {
      if (bound2) return;
      bound2 = true;
      if (boundReports++ === 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    },
    release() {
      if (bound2 && --boundReports === 0) setFlagsFromString("--heap-growing-percent=0");
    }
  };
}
var boundReports = 0;
var HEAP_GROWING_PERCENT = 100;
async function generate(options, boundHeap) {
  let mark = performance.now();
  const phase = (name) => {
    const now = performance.now();
    options.onPhase?.(name, now - mark);
    mark = now;
  };
  const history = await openHistoryIndex({
    repo: options.repo,
    dataDir: options.dataDir,
    branch: options.config.branch,
    definitionsDir: options.config.paths.definitions,
    progress: options.progress,
    allowShallow: options.allowShallow === true
  });
  phase("history index");
  const url = options.databaseUrl ?? null;
  const { journal, tail } = await openReportJournal({
    dataDir: options.dataDir,
    databaseUrl: url,
    ...options.onWarning ? { onWarning: options.onWarning } : {},
    onOpen: (ms) => {
      options.onPhase?.("journal open (index, on demand)", ms);
      mark += ms;
    }
  });
  phase(tail ? `journal open (tail: ${tail.tailRecords} records after the run cache)` : "journal open");
  let view = null;
  try {
    const now = options.now === "latest" ? await latestInput(history.events(), history.invalid(), journal) : options.now;
    const web = webUrl(options.config);
    const verifying = options.verify ? url ? import("./verify-postgres-5YHI5LVJ.js").then(async (m) => ({
      report: await m.verifyPostgres({ url, repo: options.repo }),
      source: { kind: "full" }
    })) : verifyWithCache({
      dataDir: options.dataDir,
      repo: options.repo,
      head: journal.head(),
      full: async () => {
        const { report, usage } = await verifyInChild({ dataDir: options.dataDir, repo: options.repo });
        if (usage) options.onVerifyChild?.(usage);
        return report;
      }
    }) : Promise.resolve(null);
    verifying.catch(() => void 0);
    const rollups = await readRollups(options.dataDir);
    const input = assembleReportInput(
      { history, journal, verify: null, rollups },
      {
        repoName: options.title ?? repoName(options.config, options.repo),
        branch: options.config.branch,
        webUrl: web,
        config: options.config,
        now,
        since: options.since,
        until: options.until ?? now,
        pseudonymize: options.pseudonymize ? await pseudonymizer(options.dataDir) : null
      }
    );
    const { runs, source } = await foldRunsCached(options.dataDir, journal, { beforeAllRuns: boundHeap });
    view = runs;
    phase(
      source.kind === "scan" ? "journal scan" : source.kind === "cache" ? "journal (run cache)" : `journal (run cache + ${source.records} new)`
    );
    const prefetch = async (rows, pages2) => {
      if (rows.length === 0) return;
      tail?.knowLatest(latestSeqs(rows));
      input.parametersOf = await prefetchParameters(journal, rows, pages2);
      input.recordOf = await prefetchRunbookRecords(journal, rows);
    };
    const useParts = options.modelParts !== false;
    const parts = useParts ? await keptParts(options, source) : new ModelParts();
    if (!useParts || parts.keptCount() === 0) boundHeap();
    parts.onForget = boundHeap;
    let partial;
    if (useParts)
      partial = await buildModelFromView(input, runs, parts, prefetch, {
        read: (key) => readBlockSummary(options.dataDir, key),
        write: (key, summary) => writeBlockSummary(options.dataDir, key, summary)
      });
    else {
      const rows = selectReportRuns(input, runs.all(), true);
      await prefetch(rows.rows, "both");
      partial = buildReportModel(input, rows);
    }
    const head = journal.head();
    if (useParts && head && parts.changed()) await writeModelParts(options.dataDir, head, parts);
    const carried = parts.borrowed.size > 0 ? `, ${parts.borrowed.size} built with their runs' findings carried over` : "";
    phase(`model (${parts.hits} of ${parts.hits + parts.misses} action parts kept${carried})`);
    const verified = await verifying;
    const model = attachVerification(partial, verified?.report ?? null, rollups, input.now);
    phase(
      verified?.source.kind === "cache+new" ? `verify (cached + ${verified.source.records} new)` : "verify (rest, in a child process)"
    );
    const digests2 = new Map([...pageDigests(model), ...fixedPageDigests(model)]);
    const reuse = options.check ? { pages: /* @__PURE__ */ new Set(), marks: /* @__PURE__ */ new Map() } : await reusablePages(options.dataDir, options.outDir, options.formats, digests2);
    const rendered = renderReport(model, options.formats, reuse.pages);
    const paths = reportPaths(model, options.formats);
    const files = [...rendered, renderManifest(paths)];
    const kept2 = paths.filter((p) => reuse.marks.has(p));
    phase(reuse.pages.size > 0 ? `render (${reuse.pages.size} unchanged pages reused)` : "render");
    const pages = paths.length / Math.max(1, options.formats.length);
    const all = [...paths, MANIFEST_FILE];
    if (options.check) {
      const check = await checkReport(options.outDir, files, options.formats);
      return { model, pages, files: all, write: null, check };
    }
    const write = await writeReport(options.outDir, files, options.formats, kept2);
    await savePageCache(
      options.dataDir,
      options.outDir,
      options.formats,
      digests2,
      rendered,
      reuse.marks,
      write.marks
    );
    phase("write");
    return { model, pages, files: all, write, check: null };
  } finally {
    view?.close();
    await journal.close();
  }
}
async function keptParts(options, source) {
  if (source.kind === "scan") {
    if (source.reason === "journal changed")
      options.onWarning?.(
        "the journal's earlier records changed since the last report (edited, or removed by retention): the report is built in full"
      );
    return new ModelParts();
  }
  const kept2 = await readModelParts(options.dataDir);
  if (kept2.parts) {
    if (kept2.damaged > 0)
      options.onWarning?.(
        `${kept2.damaged} cached part(s) of the report model are damaged or missing: they are built again`
      );
    return new ModelParts(kept2.parts, kept2.history, kept2.events);
  }
  if (kept2.reason === "damaged")
    options.onWarning?.("the cached report model is damaged or of another version: it is built again");
  return new ModelParts();
}
async function latestInput(events, invalid, journal) {
  let latest = 0;
  for (const e of [...events, ...invalid]) latest = Math.max(latest, Date.parse(e.created_at) || 0);
  const [newest] = await journal.query({ limit: 1 });
  if (newest) latest = Math.max(latest, Date.parse(newest.finished_at ?? newest.started_at) || 0);
  return new Date(latest).toISOString();
}
async function pseudonymizer(dataDir) {
  const key = await loadHmacKey(openState(dataDir));
  return (email) => `person-${createHmac("sha256", key).update(`opsledger-report-pseudonym\0${email.toLowerCase()}`).digest("hex").slice(0, 12)}`;
}
function repoName(config, repo) {
  const { owner, repo: name } = config.github;
  return owner && name ? `${owner}/${name}` : path12.basename(repo);
}
function webUrl(config) {
  const { owner, repo, api_url: api } = config.github;
  if (!owner || !repo) return null;
  let base = "https://github.com";
  if (api) {
    try {
      const u = new URL(api);
      base = u.hostname === "api.github.com" ? base : `${u.protocol}//${u.host}`;
    } catch {
      return null;
    }
  }
  return `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

// src/cli/print-report-result.ts
import path13 from "node:path";
function printReportResult(ctx, result, outDir, formats) {
  const severities = { high: 0, medium: 0, low: 0 };
  for (const g of result.model.findings) severities[g.severity] += g.total;
  const stale = result.check ? [...result.check.differing, ...result.check.extra] : [];
  if (ctx.json) {
    ctx.out.json({
      out: outDir,
      formats,
      pages: result.pages,
      as_of: result.model.generated_at,
      period: result.model.period,
      findings: severities,
      ...result.write ? {
        written: result.write.written,
        unchanged: result.write.unchanged.length,
        removed: result.write.removed
      } : {},
      ...result.check ? {
        check: {
          ok: stale.length === 0,
          differing: result.check.differing,
          extra: result.check.extra
        }
      } : {}
    });
  } else if (result.check) {
    if (stale.length === 0)
      ctx.out.line(`${rel(ctx.cwd, outDir)} is up to date (${result.files.length} files)`);
    else {
      ctx.out.line(`${rel(ctx.cwd, outDir)} differs from a fresh render in ${stale.length} file(s):`);
      for (const f of result.check.differing) ctx.out.line(`  changed or missing: ${f}`);
      for (const f of result.check.extra) ctx.out.line(`  no longer generated: ${f}`);
      ctx.out.info("hint: regenerate with the same flags without --check, then commit the reports.");
    }
  } else if (result.write) {
    ctx.out.line(
      `wrote ${result.write.written.length} file(s) to ${rel(ctx.cwd, outDir)} (${result.write.unchanged.length} unchanged, ${result.write.removed.length} removed), ${result.pages} pages as of ${result.model.generated_at}`
    );
    ctx.out.line(`findings: ${severities.high} high, ${severities.medium} medium, ${severities.low} low`);
  }
  return stale.length;
}
function rel(cwd, dir) {
  return path13.relative(cwd, dir) || ".";
}

// src/cli/commands/report.ts
var EXAMPLES = `
Examples:
  $ opsledger report                                  # reports/ in Markdown and HTML, period up to now
  $ opsledger report --since 2026-01-01 --until 2026-04-01 --out q1-reports
  $ opsledger report --format html --pseudonymize     # every person as a stable pseudonym
  $ opsledger report --now latest                     # as of the newest change or run: reproducible
  $ opsledger --data-dir demo-data report --now latest --title opsledger --check   # the demo's reports/: 0 up to date, 1 differs

Same commits, journal and --now give byte-identical files, so committed reports diff cleanly.
Exit codes: 0 written (or up to date with --check), 1 --check found differences, 2 bad flags.`;
var generated = false;
function reportGeneratedInThisProcess() {
  return generated;
}
var reportCommand = (program, app) => {
  program.command("report").description("write Markdown and HTML reports: usage, outcomes, activity, coverage, compliance findings").option("--out <dir>", "output folder (default: paths.reports of opsledger.yaml, i.e. reports/)").option("--format <list>", "comma-separated formats: md, html", "md,html").option("--since <iso>", "start of the period (default: the beginning)").option("--until <iso>", "end of the period (default: --now)").option("--now <iso|latest>", "the report time (default: the clock; `latest`: the newest change or run)").option("--pseudonymize", "show every person as a stable pseudonym").option(
    "--title <name>",
    "the repo name the report shows (default: github owner/repo, else the folder name)"
  ).option("--check", "write nothing; exit 1 when the files in --out differ from a fresh render").option("--no-verify", 'skip walking the journal hash chain (the index then says "not run")').addOption(allowShallowOption(program)).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, flags) => {
      const formats = parseFormats(flags.format);
      const now = flags.now === "latest" ? "latest" : parseInstant2("--now", flags.now) ?? ctx.now().toISOString();
      const since = parseInstant2("--since", flags.since);
      const until = parseInstant2("--until", flags.until);
      if (since !== null && until !== null && since > until) {
        throw new OpsledgerError("USAGE", `--since ${flags.since} is after --until ${flags.until}`);
      }
      const reportsDir = path14.resolve(ctx.repo, ctx.config.paths.reports);
      const outDir = path14.resolve(ctx.cwd, flags.out ?? reportsDir);
      assertDataDirOutside(ctx.dataDir, reportsDir, "the reports folder", ctx.repo);
      assertDataDirOutside(ctx.dataDir, outDir, "the --out folder", ctx.repo);
      const result = await generateReport({
        repo: ctx.repo,
        dataDir: ctx.dataDir,
        databaseUrl: journalUrl(ctx),
        config: ctx.config,
        outDir,
        formats,
        since,
        until,
        now,
        pseudonymize: flags.pseudonymize === true,
        check: flags.check === true,
        verify: flags.verify,
        onWarning: (m) => ctx.out.info(`warning: ${m}`),
        ...flags.title === void 0 ? {} : { title: flags.title },
        progress: !ctx.json,
        allowShallow: flags.allowShallow === true
      });
      generated = true;
      if (ctx.config.webhooks.length > 0 && !flags.check) {
        await cliAlerts(ctx).emitFindingAlerts(result.model.findings).catch((err) => ctx.out.info(`warning: ${err.message}`));
      }
      const stale = printReportResult(ctx, result, outDir, formats);
      return result.check && stale > 0 ? EXIT.findings : EXIT.ok;
    })
  );
};
function parseFormats(list) {
  const formats = [...new Set(list.split(",").map((f) => f.trim().toLowerCase()))].filter(Boolean);
  const bad = formats.filter((f) => !REPORT_FORMATS.includes(f));
  if (bad.length > 0 || formats.length === 0) {
    throw new OpsledgerError("USAGE", `--format must list md and/or html, got "${list}"`);
  }
  return REPORT_FORMATS.filter((f) => formats.includes(f));
}
function parseInstant2(flag, value) {
  if (value === void 0) return null;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError("USAGE", `${flag} must be an ISO 8601 date or time, got "${value}"`, {
      hint: "Use e.g. 2026-01-31 or 2026-01-31T12:00:00Z."
    });
  }
  return new Date(ms).toISOString();
}
export {
  reportCommand,
  reportGeneratedInThisProcess
};
