import {
  verifyJournal
} from "../chunks/chunk-MJCXM7MX.js";
import "../chunks/chunk-74HV5ZF6.js";
import "../chunks/chunk-HODRZKGA.js";
import "../chunks/chunk-6WDEV6XB.js";
import "../chunks/chunk-ZJHJIVYV.js";
import "../chunks/chunk-NAIE5LQ7.js";
import "../chunks/chunk-RS4V5MNJ.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
