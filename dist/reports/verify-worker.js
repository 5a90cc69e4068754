import {
  verifyJournal
} from "../chunks/chunk-NQ7S633C.js";
import "../chunks/chunk-565T4UZM.js";
import "../chunks/chunk-QRMFC6CV.js";
import "../chunks/chunk-JD7RSV3D.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-T3AJ2QK5.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-WTWPPEOB.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
