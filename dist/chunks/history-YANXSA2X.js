import {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
} from "./chunk-OEQDZUHY.js";
import "./chunk-O26HBNPR.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-ZKGRR5HY.js";
import "./chunk-AHBZ5ADF.js";
export {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
};
