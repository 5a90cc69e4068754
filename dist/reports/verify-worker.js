import {
  verifyJournal
} from "../chunks/chunk-5YLXX5ZQ.js";
import "../chunks/chunk-KWONXROH.js";
import "../chunks/chunk-VOJ4W2WK.js";
import "../chunks/chunk-JI5KSKF4.js";
import "../chunks/chunk-5AS7MQJX.js";
import "../chunks/chunk-ZKGRR5HY.js";
import "../chunks/chunk-AHBZ5ADF.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
