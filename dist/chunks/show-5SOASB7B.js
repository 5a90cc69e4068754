import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-IHOWJ7GQ.js";
import "./chunk-MR25OOBV.js";
import "./chunk-ZMX3M7W5.js";
import "./chunk-JNKSSK3P.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-VGAUYGFZ.js";
import "./chunk-CJMVQHXB.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
