function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
} from "../chunks/chunk-OGEFOTHU.js";
import "../chunks/chunk-7EE6QVFP.js";
import "../chunks/chunk-44J7CKGR.js";
import "../chunks/chunk-G56DPNIV.js";
import "../chunks/chunk-Q34KY2EY.js";
import "../chunks/chunk-XLWVCULI.js";
import "../chunks/chunk-2TXRGXLB.js";
import "../chunks/chunk-VR7KHDFB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-75FD6FCD.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-6O2CUPPL.js";
import "../chunks/chunk-N5OJQZGE.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
};
