import {
  verifyJournal
} from "../chunks/chunk-U642Q7DY.js";
import "../chunks/chunk-FVVWKDLO.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-BF4DZCEO.js";
import "../chunks/chunk-7NEPKNOP.js";
import "../chunks/chunk-6H6KQRZZ.js";
import "../chunks/chunk-PKKLGIFI.js";
import "../chunks/chunk-WU5ATW4C.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
