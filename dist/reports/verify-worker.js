import {
  verifyJournal
} from "../chunks/chunk-EZVEHSWE.js";
import "../chunks/chunk-6OD3M3R7.js";
import "../chunks/chunk-N5EDOIGV.js";
import "../chunks/chunk-VWNPSLYO.js";
import "../chunks/chunk-A5MTM27V.js";
import "../chunks/chunk-JQSVCCT3.js";
import "../chunks/chunk-UTTDJNGF.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
