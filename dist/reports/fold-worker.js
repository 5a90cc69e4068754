function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  readJournalParts
} from "../chunks/chunk-W7N726Q4.js";
import "../chunks/chunk-E6QTRHM3.js";
import "../chunks/chunk-LWBR7UDM.js";
import "../chunks/chunk-LSPDTQJD.js";
import "../chunks/chunk-MAQSCYAI.js";
import "../chunks/chunk-PL7NEMDF.js";
import "../chunks/chunk-RAK6EWF2.js";

// src/reports/fold-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { parts, lines } = workerData;
var read = readJournalParts(parts, lines);
var buffers = /* @__PURE__ */ new Set();
for (const a of [read.fold.numbers, read.fold.refs, read.fold.flags, read.fold.idHashes])
  buffers.add(a.buffer);
if (read.lines) {
  const l = read.lines;
  for (const a of [l.segment, l.line, l.kind, l.seq, l.hash, l.prev]) buffers.add(a.buffer);
}
parentPort.postMessage(read, [...buffers]);
