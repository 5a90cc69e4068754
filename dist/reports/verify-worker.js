import {
  verifyJournal
} from "../chunks/chunk-72KKSGAC.js";
import "../chunks/chunk-UTIQ7Y5B.js";
import "../chunks/chunk-JFRZPIBP.js";
import "../chunks/chunk-CYK6DBGF.js";
import "../chunks/chunk-ZUJ3NRR6.js";
import "../chunks/chunk-VGAUYGFZ.js";
import "../chunks/chunk-CJMVQHXB.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
