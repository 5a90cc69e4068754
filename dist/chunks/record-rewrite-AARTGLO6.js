function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordRewrite
} from "./chunk-7YMD44ID.js";
import "./chunk-APAI45OA.js";
import "./chunk-NPVTDBXM.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-XVUVGPBM.js";
import "./chunk-RAK6EWF2.js";
export {
  recordRewrite
};
