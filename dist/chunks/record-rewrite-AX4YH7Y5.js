function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordRewrite
} from "./chunk-55XRBAUH.js";
import "./chunk-APAI45OA.js";
import "./chunk-653NCKI5.js";
import "./chunk-BUPJDGKQ.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  recordRewrite
};
