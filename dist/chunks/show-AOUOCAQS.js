import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-W6T5WMBW.js";
import "./chunk-EY4PNQNX.js";
import "./chunk-BTTLEWUG.js";
import "./chunk-XPMZB43L.js";
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
