function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordRewrite
} from "./chunk-WUNDQ3OM.js";
import "./chunk-XOUUJHCU.js";
import "./chunk-QOZLHTSD.js";
import "./chunk-BUPJDGKQ.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-XA5JRYBB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  recordRewrite
};
