import {
  verifyJournal
} from "../chunks/chunk-4R3PDW6K.js";
import "../chunks/chunk-E7EPPKOD.js";
import "../chunks/chunk-3RUXNKFA.js";
import "../chunks/chunk-NSAH3PUM.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-HGZAXNFB.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-O6WV2LFP.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
