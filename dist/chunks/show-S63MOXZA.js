import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-3Q7Z2QBX.js";
import "./chunk-M5YZ5TEM.js";
import "./chunk-DBKRVXU3.js";
import "./chunk-AIX5ODYH.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-TERWGAGP.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
