import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-YV53V7B6.js";
import "./chunk-RKQXCGM7.js";
import "./chunk-ATXUUVS5.js";
import "./chunk-T5YVPCBS.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-NAIE5LQ7.js";
import "./chunk-RS4V5MNJ.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
