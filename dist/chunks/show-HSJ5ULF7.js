function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-ROODS4DH.js";
import "./chunk-2S2H753U.js";
import "./chunk-BW3CA3GH.js";
import "./chunk-VN5QF2C4.js";
import "./chunk-MZYXRCVB.js";
import "./chunk-XOUUJHCU.js";
import "./chunk-QOZLHTSD.js";
import "./chunk-BUPJDGKQ.js";
import "./chunk-H5P7JABC.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-XA5JRYBB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-RAK6EWF2.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
