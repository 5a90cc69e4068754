import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  verifyJournal
} from "../chunks/chunk-CUP3AIK3.js";
import "../chunks/chunk-ZYTS3B2F.js";
import "../chunks/chunk-ZADHN2UJ.js";
import "../chunks/chunk-GJDZF65N.js";
import "../chunks/chunk-LCEW6A7X.js";
import "../chunks/chunk-V677AJUR.js";
import "../chunks/chunk-ALQRSEFI.js";
import "../chunks/chunk-5BWQL3O2.js";
import "../chunks/chunk-PDKNMFNR.js";
import "../chunks/chunk-ZXXAURYE.js";
import "../chunks/chunk-CS6MV332.js";
import "../chunks/chunk-TSVG2TPW.js";
import "../chunks/chunk-5HJ3J6EK.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
