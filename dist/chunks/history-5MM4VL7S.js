import {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
} from "./chunk-ATXUUVS5.js";
import "./chunk-T5YVPCBS.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-NAIE5LQ7.js";
import "./chunk-RS4V5MNJ.js";
export {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
};
