import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-6JLCC5BA.js";
import "./chunk-M5YZ5TEM.js";
import "./chunk-VGW75ZOW.js";
import "./chunk-DYK2PV6R.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-PZZC6I7U.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-WTWPPEOB.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
