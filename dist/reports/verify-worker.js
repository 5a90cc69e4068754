function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  verifyJournal
} from "../chunks/chunk-O3IUMZ2D.js";
import "../chunks/chunk-VRQBZOCG.js";
import "../chunks/chunk-GCS3STA7.js";
import "../chunks/chunk-GB75QTYU.js";
import "../chunks/chunk-AYTYQZ6H.js";
import "../chunks/chunk-Q34KY2EY.js";
import "../chunks/chunk-XLWVCULI.js";
import "../chunks/chunk-2TXRGXLB.js";
import "../chunks/chunk-VR7KHDFB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-75FD6FCD.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-N5OJQZGE.js";
import "../chunks/chunk-RAK6EWF2.js";

// src/reports/verify-worker.ts
process.once("disconnect", () => process.exit(0));
process.once("message", (options) => {
  const reply = (msg) => process.send(msg, () => process.disconnect());
  verifyJournal(options).then(
    (report) => {
      const usage = process.resourceUsage();
      const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e3);
      reply({ ok: true, report, usage: { maxRssMiB: Math.round(usage.maxRSS / 1024), cpuMs } });
    },
    (err) => reply({ ok: false, message: err instanceof Error ? err.message : String(err) })
  );
});
