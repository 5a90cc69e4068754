function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordRewrite
} from "./chunk-2V4GYXCL.js";
import "./chunk-APAI45OA.js";
import "./chunk-464ECT5I.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-YLXE2OH2.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-RAK6EWF2.js";
export {
  recordRewrite
};
