function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
} from "../chunks/chunk-JF47FEH3.js";
import "../chunks/chunk-JCZVQFZC.js";
import "../chunks/chunk-NMPNHOO6.js";
import "../chunks/chunk-HLZRO4VS.js";
import "../chunks/chunk-5BVQRF7J.js";
import "../chunks/chunk-PL7NEMDF.js";
import "../chunks/chunk-XFTM7KMX.js";
import "../chunks/chunk-VR7KHDFB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-4656LTD7.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
};
