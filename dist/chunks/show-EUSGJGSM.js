function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-KHLSLZTF.js";
import "./chunk-LVNUE3KJ.js";
import "./chunk-7IS6QVEL.js";
import "./chunk-VDUS2XY5.js";
import "./chunk-MZYXRCVB.js";
import "./chunk-APAI45OA.js";
import "./chunk-PBMDZWMB.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-H5P7JABC.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-RAK6EWF2.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
