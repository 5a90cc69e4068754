import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-SPPJ5MVG.js";
import "./chunk-MR25OOBV.js";
import "./chunk-WMXIA6BE.js";
import "./chunk-WQQBHETK.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-VGAUYGFZ.js";
import "./chunk-CJMVQHXB.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
