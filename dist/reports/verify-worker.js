function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  verifyJournal
} from "../chunks/chunk-M6TYGXNB.js";
import "../chunks/chunk-GA7FXXGO.js";
import "../chunks/chunk-VH26SPDO.js";
import "../chunks/chunk-4YDQLNWF.js";
import "../chunks/chunk-AYTYQZ6H.js";
import "../chunks/chunk-HMYLM3DS.js";
import "../chunks/chunk-BWXN7SMZ.js";
import "../chunks/chunk-XFTM7KMX.js";
import "../chunks/chunk-VR7KHDFB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-4656LTD7.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-RAK6EWF2.js";

// src/reports/verify-worker.ts
import { parentPort, workerData } from "node:worker_threads";
verifyJournal(workerData).then(
  (report) => parentPort?.postMessage({ ok: true, report }),
  (err) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
);
