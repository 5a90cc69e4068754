import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-77PYCTQK.js";
import "./chunk-EY4PNQNX.js";
import "./chunk-OEQDZUHY.js";
import "./chunk-O26HBNPR.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-ZKGRR5HY.js";
import "./chunk-AHBZ5ADF.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
