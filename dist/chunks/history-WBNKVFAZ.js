import {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
} from "./chunk-BTTLEWUG.js";
import "./chunk-XPMZB43L.js";
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
