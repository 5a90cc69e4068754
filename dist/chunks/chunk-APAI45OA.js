function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  fsyncDir
} from "./chunk-VR7KHDFB.js";

// src/history/rewrite-log.ts
import { closeSync, fsyncSync, openSync, readFileSync, statSync, truncateSync, writeSync } from "node:fs";
import path from "node:path";
var REWRITES_FORMAT = 1;
function rewritesFile(historyDir) {
  return path.join(historyDir, "rewrites.jsonl");
}
function readRewritesOf(dataDir) {
  return readRewrites(path.join(dataDir, "history"));
}
function readRewrites(historyDir) {
  let text;
  try {
    text = readFileSync(rewritesFile(historyDir), "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return { records: [], damaged: [] };
    throw err;
  }
  const lines = text.split("\n");
  lines.pop();
  const records = [];
  const damaged = [];
  lines.forEach((line, i) => {
    const record = parseRecord(line);
    if (record) records.push(record);
    else damaged.push(i + 1);
  });
  return { records, damaged };
}
function parseRecord(line) {
  try {
    const value = JSON.parse(line);
    const ok = value.format === REWRITES_FORMAT && value.record === "history_rewritten" && typeof value.old_head === "string" && typeof value.new_head === "string" && Array.isArray(value.events);
    return ok ? value : null;
  } catch {
    return null;
  }
}
function appendRewrite(historyDir, record) {
  const file = rewritesFile(historyDir);
  const existed = statSync(file, { throwIfNoEntry: false }) !== void 0;
  if (existed) {
    const text = readFileSync(file, "utf8");
    const end = text.lastIndexOf("\n") + 1;
    if (end < Buffer.byteLength(text)) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    const last = readRewrites(historyDir).records.at(-1);
    if (last && last.old_head === record.old_head && last.branch === record.branch) return;
  }
  const fd = openSync(file, "a", 384);
  try {
    writeSync(fd, `${JSON.stringify(record)}
`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!existed) fsyncDir(historyDir);
}

export {
  REWRITES_FORMAT,
  readRewritesOf,
  readRewrites,
  appendRewrite
};
