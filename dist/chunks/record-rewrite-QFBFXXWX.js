function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordRewrite
} from "./chunk-WTH76C3X.js";
import "./chunk-APAI45OA.js";
import "./chunk-DCGV7P57.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-XVUVGPBM.js";
import "./chunk-RAK6EWF2.js";
export {
  recordRewrite
};
