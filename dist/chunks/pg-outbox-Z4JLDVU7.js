function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openPgOutbox
} from "./chunk-L7YNPUDI.js";
import "./chunk-7ETXC42Y.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  openPgOutbox
};
