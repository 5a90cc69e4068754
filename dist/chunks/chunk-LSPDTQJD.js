function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/parse-instant.ts
function parseInstant(s) {
  const n = s.length;
  if (n < 20 || n > 30 || s.charCodeAt(n - 1) !== 90 || // Z
  s.charCodeAt(4) !== 45 || // -
  s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || // T
  s.charCodeAt(13) !== 58 || // :
  s.charCodeAt(16) !== 58)
    return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let ms = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 || n === 21) return Date.parse(s);
    const fraction = digits(s, 20, n - 21);
    if (fraction < 0) return Date.parse(s);
    ms = n - 21 >= 3 ? digits(s, 20, 3) : fraction * (n - 21 === 1 ? 100 : 10);
  }
  if (year < 1e3 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
function digits(s, at, length) {
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// src/executions/parse-journal-line.ts
function parseJournalLine(line) {
  let value;
  try {
    value = JSON.parse(typeof line === "string" ? line : line.toString("utf8"));
  } catch {
    return null;
  }
  const startedMs = recordStart(value);
  if (startedMs === null) return null;
  const record = value;
  return { record, summary: summarize(record, startedMs) };
}
function* parseRecordLines(lines, afterSeq = 0, batch = 512) {
  let records = [];
  let at = 0;
  for (let nl = lines.indexOf(10); nl >= 0; nl = lines.indexOf(10, at)) {
    let value;
    try {
      value = JSON.parse(lines.toString("utf8", at, nl));
    } catch {
      value = null;
    }
    at = nl + 1;
    if (recordStart(value) !== null && value.seq > afterSeq) {
      if (records.push(value) >= batch) {
        yield records;
        records = [];
      }
    }
  }
  if (records.length > 0) yield records;
}
function recordStart(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const r = value;
  const startedMs = typeof r.started_at === "string" ? parseInstant(r.started_at) : NaN;
  if (typeof r.id !== "string" || typeof r.seq !== "number" || typeof r.hash !== "string" || typeof r.action_id !== "string" || typeof r.status !== "string" || typeof r.trigger !== "string" || Number.isNaN(startedMs) || typeof r.initiator?.user !== "string" || !Array.isArray(r.targets) || !r.targets.every((t) => typeof t === "string")) {
    return null;
  }
  return startedMs;
}
function summarize(record, startedMs = Date.parse(record.started_at)) {
  return {
    id: record.id,
    seq: record.seq,
    hash: record.hash,
    startedMs,
    status: record.status,
    trigger: record.trigger,
    action: record.action_id,
    user: record.initiator.user,
    targets: record.targets
  };
}

export {
  parseInstant,
  parseJournalLine,
  parseRecordLines,
  recordStart,
  summarize
};
