import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-TKSYK72C.js";
import "./chunk-M5YZ5TEM.js";
import "./chunk-OHLW3VKW.js";
import "./chunk-2KYXK7N4.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-64C3RHXA.js";
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
