function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  parseVersion,
  runShow,
  showCommand,
  versionOf
} from "./chunk-AWBEZC66.js";
import "./chunk-LVNUE3KJ.js";
import "./chunk-4MXUS72O.js";
import "./chunk-4H2KGJDD.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-XOPUTOUE.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-HLZRO4VS.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";
export {
  parseVersion,
  runShow,
  showCommand,
  versionOf
};
