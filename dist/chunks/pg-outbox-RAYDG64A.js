function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openPgOutbox
} from "./chunk-RNGYSTUF.js";
import "./chunk-N2NO6Y7I.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  openPgOutbox
};
