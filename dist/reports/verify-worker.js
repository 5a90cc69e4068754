import {
  verifyJournal
} from "../chunks/chunk-5CHSFZQ4.js";
import "../chunks/chunk-RUEHLMU6.js";
import "../chunks/chunk-FXXI3T3N.js";
import "../chunks/chunk-QT6CJFXI.js";
import "../chunks/chunk-BU7YX4F2.js";
import "../chunks/chunk-73BB7N5C.js";
import "../chunks/chunk-BPYPOP7L.js";
import "../chunks/chunk-VJ2VJCG2.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-VDHVSJ3T.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
